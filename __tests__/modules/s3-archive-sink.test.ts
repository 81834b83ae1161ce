import { OktaEventRule } from '../../modules/okta-event-rule';
import { OktaRuleTarget } from '../../modules/okta-rule-target';
import { ERROR_PREFIX, S3ArchiveSink, S3ArchiveSinkProps, TIME_PARTITIONS } from '../../modules/s3-archive-sink';
import { onlyResource, parsePolicy, ref, resourcesOf, synthConstructs, TerraformJson } from '../helpers/synth';

function synthArchive(props: Partial<S3ArchiveSinkProps> = {}): TerraformJson {
  return synthConstructs((stack) => {
    const rule = new OktaEventRule(stack, 'Rule', { eventBusName: 'aws.partner/okta.com/acme/okta_archive', ruleName: 'okta-archive' });
    new OktaRuleTarget(stack, 'Archive', { rule, sink: new S3ArchiveSink({ name: 'okta-archive', accountId: '123456789012', region: 'eu-west-1', bucketName: 'acme-okta-archive', ...props }), targetId: 'okta-archive' });
  });
}

describe('S3ArchiveSink', () => {
  const json = synthArchive();
  const bucket = onlyResource(json, 'aws_s3_bucket');
  const stream = onlyResource(json, 'aws_kinesis_firehose_delivery_stream');
  const roles = resourcesOf(json, 'aws_iam_role');
  const firehoseRole = Object.entries(roles).find(([, r]) => String(r.assume_role_policy).includes('firehose.amazonaws.com'))!;
  const eventsRole = Object.entries(roles).find(([, r]) => String(r.assume_role_policy).includes('events.amazonaws.com'))!;
  const policies = Object.values(resourcesOf(json, 'aws_iam_role_policy'));
  const policyOf = (roleId: string) => parsePolicy(policies.find((p) => p.role === ref('aws_iam_role', roleId, 'id'))!.policy);

  test('Firehose writes GZIP, one event per line, into year=/month=/day=/hour= partitions, errors to their own prefix', () => {
    expect(stream.config).toMatchObject({
      name: 'okta-archive',
      destination: 'extended_s3',
      extended_s3_configuration: {
        bucket_arn: ref('aws_s3_bucket', bucket.id, 'arn'),
        role_arn: ref('aws_iam_role', firehoseRole[0], 'arn'),
        prefix: 'okta/year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/hour=!{timestamp:HH}/',
        error_output_prefix: 'errors/!{firehose:error-output-type}/year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/',
        compression_format: 'GZIP',
        file_extension: '.json.gz',
        buffering_interval: 300,
        buffering_size: 64,
        processing_configuration: { enabled: true, processors: [{ type: 'AppendDelimiterToRecord' }] },
        cloudwatch_logging_options: { enabled: true },
      },
    });
    expect(TIME_PARTITIONS).toContain('hour=!{timestamp:HH}/');
    expect(ERROR_PREFIX).toContain('!{firehose:error-output-type}');
  });

  test('delivery errors are logged to a log group and stream of its own', () => {
    const logStream = onlyResource(json, 'aws_cloudwatch_log_stream');
    expect(onlyResource(json, 'aws_cloudwatch_log_group').config).toMatchObject({ name: '/aws/kinesisfirehose/okta-archive', retention_in_days: 30 });
    expect(stream.config).toMatchObject({ extended_s3_configuration: { cloudwatch_logging_options: { log_stream_name: ref('aws_cloudwatch_log_stream', logStream.id, 'name') } } });
  });

  test('Firehose\'s role may write to that bucket and log to that stream, nothing else', () => {
    expect(parsePolicy(firehoseRole[1].assume_role_policy).Statement[0]).toMatchObject({
      Principal: { Service: 'firehose.amazonaws.com' },
      Condition: { StringEquals: { 'sts:ExternalId': '123456789012' } },
    });
    const statements = policyOf(firehoseRole[0]).Statement;
    expect(statements).toEqual([
      {
        Sid: 'WriteTheArchive',
        Effect: 'Allow',
        Action: ['s3:AbortMultipartUpload', 's3:GetBucketLocation', 's3:GetObject', 's3:ListBucket', 's3:ListBucketMultipartUploads', 's3:PutObject'],
        Resource: [ref('aws_s3_bucket', bucket.id, 'arn'), `${ref('aws_s3_bucket', bucket.id, 'arn')}/*`],
      },
      { Sid: 'LogDeliveryErrors', Effect: 'Allow', Action: ['logs:PutLogEvents'], Resource: [ref('aws_cloudwatch_log_stream', onlyResource(json, 'aws_cloudwatch_log_stream').id, 'arn')] },
    ]);
  });

  test('EventBridge\'s role may only put records into that stream, for this rule', () => {
    expect(policyOf(eventsRole[0]).Statement).toEqual([
      { Sid: 'PutIntoThisStream', Effect: 'Allow', Action: ['firehose:PutRecord', 'firehose:PutRecordBatch'], Resource: [ref('aws_kinesis_firehose_delivery_stream', stream.id, 'arn')] },
    ]);
    expect(onlyResource(json, 'aws_cloudwatch_event_target').config).toMatchObject({
      arn: ref('aws_kinesis_firehose_delivery_stream', stream.id, 'arn'),
      role_arn: ref('aws_iam_role', eventsRole[0], 'arn'),
    });
  });

  test('the bucket is locked down: versioned, encrypted, public access blocked, TLS only, protected', () => {
    expect(bucket.config.lifecycle).toEqual({ prevent_destroy: true });
    expect(onlyResource(json, 'aws_s3_bucket_versioning').config).toMatchObject({ versioning_configuration: { status: 'Enabled' } });
    expect(onlyResource(json, 'aws_s3_bucket_server_side_encryption_configuration').config).toBeDefined();
    expect(onlyResource(json, 'aws_s3_bucket_public_access_block').config).toMatchObject({ block_public_acls: true, restrict_public_buckets: true });
    expect(parsePolicy(onlyResource(json, 'aws_s3_bucket_policy').config.policy).Statement[0]).toMatchObject({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } });
  });

  test('lifecycle: Glacier after N days and expiry from props; no object lock (Firehose delivery into one is unverified)', () => {
    expect(onlyResource(json, 'aws_s3_bucket_lifecycle_configuration').config.rule).toEqual([
      expect.objectContaining({ id: 'archive-lifecycle', noncurrent_version_expiration: [{ noncurrent_days: 30 }] }),
    ]);
    const aged = synthArchive({ transitionToGlacierDays: 90, expirationDays: 2557 });
    expect(onlyResource(aged, 'aws_s3_bucket_lifecycle_configuration').config.rule).toEqual([
      expect.objectContaining({ transition: [{ days: 90, storage_class: 'GLACIER' }], expiration: [{ days: 2557 }] }),
    ]);
    expect(resourcesOf(json, 'aws_s3_bucket_object_lock_configuration')).toEqual({});
  });

  describe('under KMS keys', () => {
    const KEY = 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    const STREAM_KEY = 'arn:aws:kms:eu-west-1:123456789012:key/abcd1234-12ab-34cd-56ef-1234567890ab';
    const keyed = synthArchive({ kmsKeyArn: KEY, streamKmsKeyArn: STREAM_KEY });
    const keyedBucket = onlyResource(keyed, 'aws_s3_bucket');
    const statementsOf = (json: TerraformJson) => Object.values(resourcesOf(json, 'aws_iam_role_policy')).flatMap((p) => parsePolicy(p.policy).Statement);

    test('the Firehose role may use the bucket key only through S3 in the region, for this bucket (the encryption context of a bucket key is the bucket ARN)', () => {
      expect(statementsOf(keyed).find((s) => s.Sid === 'EncryptTheArchive')).toEqual({
        Sid: 'EncryptTheArchive',
        Effect: 'Allow',
        Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
        Resource: [KEY],
        Condition: { StringEquals: { 'kms:ViaService': 's3.eu-west-1.amazonaws.com', 'kms:EncryptionContext:aws:s3:arn': ref('aws_s3_bucket', keyedBucket.id, 'arn') } },
      });
      expect(onlyResource(keyed, 'aws_s3_bucket_server_side_encryption_configuration').config.rule).toEqual([
        { apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms', kms_master_key_id: KEY }, bucket_key_enabled: true },
      ]);
    });

    test('the stream key encrypts the Firehose buffer and its error log; EventBridge\'s role may use it to put records', () => {
      expect(onlyResource(keyed, 'aws_kinesis_firehose_delivery_stream').config.server_side_encryption).toEqual({ enabled: true, key_type: 'CUSTOMER_MANAGED_CMK', key_arn: STREAM_KEY });
      expect(onlyResource(keyed, 'aws_cloudwatch_log_group').config.kms_key_id).toBe(STREAM_KEY);
      expect(statementsOf(keyed).find((s) => s.Sid === 'UseTheStreamKey')).toEqual({
        Sid: 'UseTheStreamKey',
        Effect: 'Allow',
        Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
        Resource: [STREAM_KEY],
        // Only through Firehose, in the stream's region.
        Condition: { StringEquals: { 'kms:ViaService': 'firehose.eu-west-1.amazonaws.com' } },
      });
    });

    test('without keys: SSE-S3, no stream encryption, no KMS statement', () => {
      expect(onlyResource(json, 'aws_kinesis_firehose_delivery_stream').config.server_side_encryption).toBeUndefined();
      expect(statementsOf(json).filter((s) => s.Action.some((a) => a.startsWith('kms:')))).toEqual([]);
    });
  });

  test('buffering from props', () => {
    const tuned = onlyResource(synthArchive({ bufferingIntervalSeconds: 60, bufferingSizeMb: 5, prefix: 'logs/okta/' }), 'aws_kinesis_firehose_delivery_stream');
    expect(tuned.config).toMatchObject({ extended_s3_configuration: { buffering_interval: 60, buffering_size: 5, prefix: expect.stringMatching(/^logs\/okta\/year=/) } });
  });

  test.each([
    [{ bufferingIntervalSeconds: 901 }, 'bufferingIntervalSeconds must be a whole number from 0 to 900'],
    [{ bufferingSizeMb: 0 }, 'bufferingSizeMb must be a whole number from 1 to 128'],
    [{ transitionToGlacierDays: 90, expirationDays: 30 }, 'expirationDays (30) must be greater than transitionToGlacierDays (90)'],
    [{ prefix: 'okta' }, 'prefix "okta" must be S3 key segments'],
  ])('fails on %p', (props, message) => {
    expect(() => new S3ArchiveSink({ name: 'a', accountId: '123456789012', region: 'eu-west-1', bucketName: 'b-bucket', ...props })).toThrow(message);
  });
});
