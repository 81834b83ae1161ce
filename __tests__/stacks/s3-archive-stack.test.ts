import { S3ArchiveStack } from '../../stacks/s3-archive-stack';
import { stacksOf, synthOnlyStack, withStacks } from '../helpers/config';
import { onlyResource, parsePolicy } from '../helpers/synth';

const config = withStacks({ name: 'okta-archive', event_source_name: 'okta_archive', sink: { type: 's3_archive', bucket_name: 'acme-okta-archive', expiration_days: 400 } });

describe('S3ArchiveStack', () => {
  const json = synthOnlyStack(config);

  test('is the stack class for an s3_archive sink', () => {
    expect(stacksOf(config)[0]).toBeInstanceOf(S3ArchiveStack);
  });

  test('names the stream after the stack and trusts Firehose only for the configured account', () => {
    expect(onlyResource(json, 'aws_kinesis_firehose_delivery_stream').config.name).toBe('okta-archive');
    const firehoseTrust = Object.values(json.resource?.aws_iam_role ?? {})
      .map((r) => parsePolicy(r.assume_role_policy).Statement[0])
      .find((st) => JSON.stringify(st.Principal).includes('firehose'));
    expect(firehoseTrust?.Condition).toEqual({ StringEquals: { 'sts:ExternalId': '123456789012' } });
    expect(onlyResource(json, 'aws_s3_bucket').config.bucket).toBe('acme-okta-archive');
    expect(onlyResource(json, 'aws_s3_bucket_lifecycle_configuration').config.rule).toEqual([expect.objectContaining({ expiration: [{ days: 400 }] })]);
  });

  test('the dashboard graphs the archive\'s deliveries and size', () => {
    const body = JSON.parse(onlyResource(json, 'aws_cloudwatch_dashboard').config.dashboard_body as string);
    expect(JSON.stringify(body)).toContain('BucketSizeBytes');
    expect(JSON.stringify(body)).toContain('DeliveryToS3.Records');
  });
});
