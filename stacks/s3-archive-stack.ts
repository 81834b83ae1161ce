import { Construct } from 'constructs';
import { Token } from 'cdktf';
import { S3ArchiveSink } from '../modules/s3-archive-sink';
import { ObjectLockProps } from '../modules/secure-bucket';
import { EventBridgeStackCommon } from '../schema/resolve';
import { S3ArchiveSinkConfig } from '../schema/sinks/s3-archive';
import { EventBridgeSinkStack, SinkFactory } from './eventbridge-sink-stack';

export const s3ArchiveSink: SinkFactory<S3ArchiveSinkConfig> = (_secrets, resourceName, config, context) => {
  return new S3ArchiveSink({
    name: resourceName,
    accountId: context.accountId,
    bucketName: config.bucket_name,
    prefix: config.prefix,
    bufferingIntervalSeconds: config.buffering_interval_seconds,
    bufferingSizeMb: config.buffering_size_mb,
    transitionToGlacierDays: config.transition_to_glacier_days,
    expirationDays: config.expiration_days,
    objectLock: objectLock(config.object_lock),
    kmsKeyArn: config.kms_key_arn,
    body: config.body,
  });
};

/** A reference (module input) stays one: Terraform reads its mode and retention_days (modules/secure-bucket.ts). */
function objectLock(lock: S3ArchiveSinkConfig['object_lock']): ObjectLockProps | undefined {
  if (lock === undefined || Token.isUnresolved(lock)) return lock as ObjectLockProps | undefined;
  return { mode: lock.mode, retentionDays: lock.retention_days };
}

/** Okta → partner bus → rule → Firehose → S3 archive. */
export class S3ArchiveStack extends EventBridgeSinkStack {
  constructor(scope: Construct, config: EventBridgeStackCommon & { readonly sink: S3ArchiveSinkConfig }) {
    super(scope, config);
    this.addSink('S3Archive', s3ArchiveSink, config.sink);
  }
}
