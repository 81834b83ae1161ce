import { Construct } from 'constructs';
import { S3ArchiveSink } from '../modules/s3-archive-sink';
import { logGroupGrant } from '../modules/key-grants';
import { moreSpecificKey } from '../modules/stack-key';
import { EventBridgeStackCommon } from '../schema/resolve';
import { S3ArchiveSinkConfig } from '../schema/sinks/s3-archive';
import { EventBridgeSinkStack, SinkFactory } from './eventbridge-sink-stack';

export const s3ArchiveSink: SinkFactory<S3ArchiveSinkConfig> = (_secrets, resourceName, config, context) => {
  const { key } = context;
  // The stack's key covers the stream's buffer and error log; the bucket's own key wins over it.
  if (key !== undefined) key.allow(logGroupGrant(context.region, key.arn('logs', `log-group:${S3ArchiveSink.deliveryLogGroupName(resourceName)}`)));
  return new S3ArchiveSink({
    name: resourceName,
    accountId: context.accountId,
    region: context.region,
    bucketName: config.bucket_name,
    prefix: config.prefix,
    bufferingIntervalSeconds: config.buffering_interval_seconds,
    bufferingSizeMb: config.buffering_size_mb,
    transitionToGlacierDays: config.transition_to_glacier_days,
    expirationDays: config.expiration_days,
    kmsKeyArn: moreSpecificKey(config.kms_key_arn, key?.keyArn),
    streamKmsKeyArn: key?.keyArn,
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
