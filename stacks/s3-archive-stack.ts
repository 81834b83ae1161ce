import { Construct } from 'constructs';
import { S3ArchiveSink } from '../modules/s3-archive-sink';
import { EventBridgeStackCommon } from '../schema/resolve';
import { S3ArchiveSinkConfig } from '../schema/sinks/s3-archive';
import { EventBridgeSinkStack, SinkFactory } from './eventbridge-sink-stack';

export const s3ArchiveSink: SinkFactory<S3ArchiveSinkConfig> = (_secrets, resourceName, config, context) => {
  if (context === undefined) throw new Error('s3ArchiveSink: the account is needed, for the Firehose role\'s trust');
  return new S3ArchiveSink({
    name: resourceName,
    accountId: context.accountId,
    bucketName: config.bucket_name,
    prefix: config.prefix,
    bufferingIntervalSeconds: config.buffering_interval_seconds,
    bufferingSizeMb: config.buffering_size_mb,
    transitionToGlacierDays: config.transition_to_glacier_days,
    expirationDays: config.expiration_days,
    objectLock: config.object_lock === undefined ? undefined : { mode: config.object_lock.mode, retentionDays: config.object_lock.retention_days },
    kmsKeyArn: config.kms_key_arn,
    body: config.body,
  });
};

/** Okta → partner bus → rule → Firehose → S3 archive. */
export class S3ArchiveStack extends EventBridgeSinkStack {
  constructor(scope: Construct, config: EventBridgeStackCommon & { readonly sink: S3ArchiveSinkConfig }) {
    super(scope, config);
    this.addSink('S3Archive', s3ArchiveSink, config.sink);
  }
}
