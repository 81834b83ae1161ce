import { policyDocument, serviceTrustPolicy } from '../../modules/iam-policy';

describe('iam-policy', () => {
  test('policyDocument wraps statements in a 2012-10-17 document', () => {
    const statement = { Effect: 'Allow' as const, Action: ['sqs:SendMessage'], Resource: ['arn:aws:sqs:eu-west-1:123456789012:q'] };
    expect(JSON.parse(policyDocument(statement))).toEqual({ Version: '2012-10-17', Statement: [statement] });
  });

  test('serviceTrustPolicy lets only the service assume the role, for one source ARN', () => {
    expect(JSON.parse(serviceTrustPolicy('events.amazonaws.com', 'arn:aws:events:eu-west-1:123456789012:rule/bus/r'))).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'TrustedService',
          Effect: 'Allow',
          Principal: { Service: 'events.amazonaws.com' },
          Action: ['sts:AssumeRole'],
          Condition: { ArnEquals: { 'aws:SourceArn': 'arn:aws:events:eu-west-1:123456789012:rule/bus/r' } },
        },
      ],
    });
  });
});
