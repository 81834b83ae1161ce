import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { CloudwatchLogStream } from '@cdktf/provider-aws/lib/cloudwatch-log-stream';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { KinesisFirehoseDeliveryStream } from '@cdktf/provider-aws/lib/kinesis-firehose-delivery-stream';
import { S3BucketLifecycleConfigurationRule } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { Fn, Op, Token } from 'cdktf';
import { Construct } from 'constructs';
import { conditionalPolicyDocument, policyDocument, PolicyStatement, serviceTrustPolicy } from './iam-policy';
import { OktaEventRule } from './okta-event-rule';
import { OktaLogSink, payloadFor, SinkBody, SinkTargetConfig } from './okta-log-sink';
import { mayBeNull } from './optional-reference';
import { SecureBucket } from './secure-bucket';

/** Partitions Athena can project: year=/month=/day=/hour= of the delivery time. */
export const TIME_PARTITIONS = 'year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/hour=!{timestamp:HH}/';
export const ERROR_PREFIX = 'errors/!{firehose:error-output-type}/year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/';

export interface S3ArchiveSinkProps {
  /** Name of the Firehose stream, and stem of the roles and log group. */
  readonly name: string;
  /** The account the stream is in: Firehose's role trusts only it (sts:ExternalId, AWS's guard against confused deputies). */
  readonly accountId: string;
  /** Globally unique bucket name. */
  readonly bucketName: string;
  /** Key prefix of the archive, ending in "/". @default "okta/" */
  readonly prefix?: string;
  /** Seconds Firehose buffers before writing an object, 0-900. @default 300 */
  readonly bufferingIntervalSeconds?: number;
  /** MiB Firehose buffers before writing an object, 1-128. @default 64 */
  readonly bufferingSizeMb?: number;
  /** Days after which objects move to S3 Glacier Flexible Retrieval. @default - never */
  readonly transitionToGlacierDays?: number;
  /** Days after which objects are deleted. @default - kept */
  readonly expirationDays?: number;
  /** The region of the stream and bucket (the KMS grant names S3 in it). */
  readonly region: string;
  /** KMS key ARN for the bucket (SSE-KMS with a bucket key). @default - SSE-S3 */
  readonly kmsKeyArn?: string;
  /**
   * Customer managed key ARN for the Firehose stream's own buffer (server-side encryption) and its
   * error log group; the key policy must let CloudWatch Logs use it for that group.
   * @default - AWS owned keys
   */
  readonly streamKmsKeyArn?: string;
  /** @default "envelope" */
  readonly body?: SinkBody;
}

/**
 * Okta events kept for as long as audits need (Okta keeps 90 days): rule → Firehose → S3, one event
 * per line, GZIP, in time partitions Athena can project, into a locked-down bucket. Firehose errors go
 * to an error prefix and to a log group.
 */
export class S3ArchiveSink implements OktaLogSink {
  /** The log group of the stream's delivery errors. */
  static deliveryLogGroupName(name: string): string {
    return `/aws/kinesisfirehose/${name}`;
  }

  private readonly props: S3ArchiveSinkProps;

  constructor(props: S3ArchiveSinkProps) {
    const interval = props.bufferingIntervalSeconds ?? 300;
    const size = props.bufferingSizeMb ?? 64;
    check(interval, 0, 900, 'bufferingIntervalSeconds');
    check(size, 1, 128, 'bufferingSizeMb');
    const { transitionToGlacierDays: transition, expirationDays: expiration } = props;
    if (transition !== undefined && expiration !== undefined && !Token.isUnresolved(expiration) && expiration <= transition) {
      throw new Error(`S3ArchiveSink: expirationDays (${expiration}) must be greater than transitionToGlacierDays (${transition}), as S3 requires`);
    }
    if (!Token.isUnresolved(props.prefix ?? 'okta/') && !/^([A-Za-z0-9!_.*'()-]+\/)+$/.test(props.prefix ?? 'okta/')) {
      throw new Error(`S3ArchiveSink: prefix "${props.prefix}" must be S3 key segments, each followed by "/", e.g. "okta/"`);
    }
    this.props = props;
  }

  bind(scope: Construct, rule: OktaEventRule): SinkTargetConfig {
    const { name } = this.props;
    const archive = new SecureBucket(scope, 'ArchiveBucket', {
      bucketName: this.props.bucketName,
      kmsKeyArn: this.props.kmsKeyArn,
      lifecycleRules: lifecycleRules(this.props),
    });
    const bucket = archive.bucket;
    // Optional days given as references (module inputs) are dynamic blocks of the one lifecycle rule.
    const optionalDays: [string, number | undefined, Record<string, unknown>][] = [
      ['transition', this.props.transitionToGlacierDays, { storage_class: 'GLACIER' }],
      ['expiration', this.props.expirationDays, {}],
    ];
    for (const [block, days, rest] of optionalDays) {
      if (days === undefined || !Token.isUnresolved(days)) continue;
      archive.lifecycle?.addOverride(`rule.0.dynamic.${block}`, {
        for_each: Fn.conditional(Op.eq(days, Token.nullValue()), [], [days]),
        content: { days: `\${${block}.value}`, ...rest },
      });
    }
    const streamKey = this.props.streamKmsKeyArn;
    const logGroup = new CloudwatchLogGroup(scope, 'DeliveryLogGroup', { name: S3ArchiveSink.deliveryLogGroupName(name), retentionInDays: 30, kmsKeyId: streamKey });
    const logStream = new CloudwatchLogStream(scope, 'DeliveryLogStream', { name: 'S3Delivery', logGroupName: logGroup.name });

    const firehoseRole = new IamRole(scope, 'FirehoseRole', {
      namePrefix: rolePrefix(name, 'fh'),
      path: '/okta-log-streaming/',
      description: `Firehose ${name} writes the Okta archive`,
      assumeRolePolicy: policyDocument({
        Sid: 'TrustedService',
        Effect: 'Allow',
        Principal: { Service: 'firehose.amazonaws.com' },
        Action: ['sts:AssumeRole'],
        Condition: { StringEquals: { 'sts:ExternalId': this.props.accountId } },
      }),
    });
    const permissions: PolicyStatement[] = [
      {
        Sid: 'WriteTheArchive',
        Effect: 'Allow',
        Action: ['s3:AbortMultipartUpload', 's3:GetBucketLocation', 's3:GetObject', 's3:ListBucket', 's3:ListBucketMultipartUploads', 's3:PutObject'],
        Resource: [bucket.arn, `${bucket.arn}/*`],
      },
      { Sid: 'LogDeliveryErrors', Effect: 'Allow', Action: ['logs:PutLogEvents'], Resource: [logStream.arn] },
    ];
    const kms = this.props.kmsKeyArn;
    // Firehose Developer Guide, "Grant Firehose access to an Amazon S3 destination": the key only
    // through S3 in this region, for this bucket. With a bucket key (SecureBucket enables it) S3's
    // encryption context is the bucket's ARN (S3 User Guide, "Reducing the cost of SSE-KMS with
    // Amazon S3 Bucket Keys"), not the object's.
    const encrypt: PolicyStatement | undefined =
      kms === undefined
        ? undefined
        : {
            Sid: 'EncryptTheArchive',
            Effect: 'Allow',
            Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
            Resource: [kms],
            Condition: { StringEquals: { 'kms:ViaService': `s3.${this.props.region}.amazonaws.com`, 'kms:EncryptionContext:aws:s3:arn': bucket.arn } },
          };
    const firehosePolicy = new IamRolePolicy(scope, 'FirehosePolicy', {
      name: 'write-okta-archive',
      role: firehoseRole.id,
      // A key reference (module input) may be null: then Terraform leaves the statement out.
      policy:
        encrypt !== undefined && mayBeNull(kms)
          ? conditionalPolicyDocument(permissions, [{ when: Op.neq(kms, Token.nullValue()), statement: encrypt }])
          : policyDocument(...permissions, ...(encrypt === undefined ? [] : [encrypt])),
    });
    const stream = new KinesisFirehoseDeliveryStream(scope, 'DeliveryStream', {
      name,
      destination: 'extended_s3',
      extendedS3Configuration: {
        roleArn: firehoseRole.arn,
        bucketArn: bucket.arn,
        prefix: `${this.props.prefix ?? 'okta/'}${TIME_PARTITIONS}`,
        errorOutputPrefix: ERROR_PREFIX,
        compressionFormat: 'GZIP',
        fileExtension: '.json.gz',
        bufferingInterval: this.props.bufferingIntervalSeconds ?? 300,
        bufferingSize: this.props.bufferingSizeMb ?? 64,
        cloudwatchLoggingOptions: { enabled: true, logGroupName: logGroup.name, logStreamName: logStream.name },
        // One event per line: what Athena's JSON SerDe and every log tool read.
        processingConfiguration: { enabled: true, processors: [{ type: 'AppendDelimiterToRecord' }] },
      },
      // The stream's buffer under the stack's key (DirectPut streams only, which this is: Firehose
      // API Reference, StartDeliveryStreamEncryption). Firehose makes a grant for it.
      ...(streamKey === undefined || mayBeNull(streamKey) ? {} : { serverSideEncryption: streamEncryption(streamKey) }),
      dependsOn: [firehosePolicy],
    });
    if (mayBeNull(streamKey)) {
      stream.addOverride('dynamic.server_side_encryption', {
        for_each: Fn.conditional(Op.neq(streamKey, Token.nullValue()), [1], []),
        content: { enabled: true, key_type: 'CUSTOMER_MANAGED_CMK', key_arn: streamKey },
      });
    }

    const eventsRole = new IamRole(scope, 'PutRecordRole', {
      namePrefix: rolePrefix(name, 'ev'),
      path: '/okta-log-streaming/',
      description: `EventBridge puts Okta events into Firehose ${name}`,
      assumeRolePolicy: serviceTrustPolicy('events.amazonaws.com', rule.ruleArn),
    });
    const eventsPolicy = new IamRolePolicy(scope, 'PutRecordPolicy', {
      name: 'put-record',
      role: eventsRole.id,
      policy: putRecordPolicy(stream.arn, streamKey, this.props.region),
    });
    return {
      arn: stream.arn,
      roleArn: eventsRole.arn,
      dependsOn: [eventsPolicy],
      ...payloadFor(this.props.body ?? 'envelope'),
      metrics: [
        { namespace: 'AWS/Firehose', metricName: 'IncomingRecords', dimensions: { DeliveryStreamName: stream.name }, stat: 'Sum', label: `${name} records in` },
        { namespace: 'AWS/Firehose', metricName: 'DeliveryToS3.Records', dimensions: { DeliveryStreamName: stream.name }, stat: 'Sum', label: `${name} records to S3` },
        { namespace: 'AWS/Firehose', metricName: 'DeliveryToS3.Success', dimensions: { DeliveryStreamName: stream.name }, stat: 'Average', label: `${name} S3 success rate` },
        // S3 reports bucket size once a day.
        { namespace: 'AWS/S3', metricName: 'BucketSizeBytes', dimensions: { BucketName: bucket.bucket, StorageType: 'StandardStorage' }, stat: 'Average', label: `${name} archive bytes`, periodSeconds: 86400 },
      ],
    };
  }
}

function lifecycleRules(props: S3ArchiveSinkProps): S3BucketLifecycleConfigurationRule[] {
  const rule: S3BucketLifecycleConfigurationRule = {
    id: 'archive-lifecycle',
    status: 'Enabled',
    filter: [{ prefix: '' }],
    abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
    // Versions replaced or deleted are not the archive: keep them a short while only.
    noncurrentVersionExpiration: [{ noncurrentDays: 30 }],
    ...(isLiteral(props.transitionToGlacierDays) ? { transition: [{ days: props.transitionToGlacierDays, storageClass: 'GLACIER' }] } : {}),
    ...(isLiteral(props.expirationDays) ? { expiration: [{ days: props.expirationDays }] } : {}),
  };
  return [rule];
}

/** Server-side encryption of the stream under a customer managed key. */
function streamEncryption(keyArn: string): { enabled: boolean; keyType: string; keyArn: string } {
  return { enabled: true, keyType: 'CUSTOMER_MANAGED_CMK', keyArn };
}

/**
 * EventBridge's role puts records into this stream; under a customer managed key it also needs
 * Decrypt and GenerateDataKey on the key: Firehose Developer Guide, "Data protection" ("both the
 * caller's IAM policy and the KMS key policy must allow kms:GenerateDataKey and kms:Decrypt …
 * Firehose validates these permissions when you call PutRecord or PutRecordBatch"; AWS's notice
 * makes it required for streams created from April 20, 2026). Only through Firehose in this region:
 * kms:ViaService (KMS Developer Guide, "kms:ViaService", whose table lists
 * firehose.<region>.amazonaws.com; the role is a principal of the account Firehose calls KMS for).
 * Firehose's encryption context is undocumented ("should not make any assumptions"), so none.
 */
function putRecordPolicy(streamArn: string, streamKey: string | undefined, region: string): string {
  const put: PolicyStatement = { Sid: 'PutIntoThisStream', Effect: 'Allow', Action: ['firehose:PutRecord', 'firehose:PutRecordBatch'], Resource: [streamArn] };
  if (streamKey === undefined) return policyDocument(put);
  const useKey: PolicyStatement = {
    Sid: 'UseTheStreamKey',
    Effect: 'Allow',
    Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
    Resource: [streamKey],
    Condition: { StringEquals: { 'kms:ViaService': `firehose.${region}.amazonaws.com` } },
  };
  return mayBeNull(streamKey) ? conditionalPolicyDocument([put], [{ when: Op.neq(streamKey, Token.nullValue()), statement: useKey }]) : policyDocument(put, useKey);
}

/** A value given here, not by a reference (those are dynamic blocks, see bind). */
function isLiteral(value: number | undefined): value is number {
  return value !== undefined && !Token.isUnresolved(value);
}

/** IAM allows 38 characters in a role name prefix. */
function rolePrefix(name: string, suffix: string): string {
  const stem = Token.isUnresolved(name) ? Fn.substr(name, 0, 34) : name.slice(0, 34);
  return `${stem}-${suffix}-`;
}

function check(value: number, min: number, max: number, prop: string): void {
  if (!Token.isUnresolved(value) && (!Number.isInteger(value) || value < min || value > max)) {
    throw new Error(`S3ArchiveSink: ${prop} must be a whole number from ${min} to ${max}, got ${value}`);
  }
}
