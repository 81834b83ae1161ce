import { App, TerraformStack } from 'cdktf';
import { Problem } from '../schema/problem';
import { ResolvedConfig } from '../schema/validate';
import { ResolvedStack } from '../schema/resolve';
import { EventBridgeSinkStack } from './eventbridge-sink-stack';
import { FanOutStack } from './fan-out-stack';
import { OktaLogStreamingStack } from './okta-log-streaming-stack';
import { eventBridgeSinkForm, oktaOnlySinkForm } from './sinks';
import { StateBucketStack } from './state-bucket-stack';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { boundaryArn, deployerPolicy, partitionOf, PolicyDocument, StackJson, workloadBoundary } from './deployer-policy';
import { PIPELINE_ROLES, PipelineRole } from '../modules/github-deployer-roles';
import { ClaimedName, ConfigPathOf, nameCollisions } from './unique-names';

/** One stack per configured stack entry: the fan-out stack, or the stack class of its sink. */
export function createStacks(app: App, config: ResolvedConfig): TerraformStack[] {
  const stacks: TerraformStack[] = config.stacks.map((stack) => createStack(app, stack));
  const { backend, aws, tags, versions, ci } = config.config;
  if (backend.type === 's3' && backend.bootstrap) {
    if (ci !== undefined) boundRoles(stacks, boundaryArn(partitionOf(aws.region), aws.account_id));
    stacks.push(new StateBucketStack(app, { backend, aws, tags, versions, ci: ci === undefined ? undefined : { config: ci, ...pipelinePolicies(stacks) } }));
  }
  return stacks;
}

/**
 * Under `ci` every role of the stacks carries the workload boundary the bootstrap stack creates:
 * the pipeline may create and change roles only with it (stacks/deployer-access.ts), so none it
 * makes can do more than a sink needs.
 */
function boundRoles(stacks: readonly TerraformStack[], boundary: string): void {
  for (const role of stacks.flatMap((stack) => stack.node.findAll()).filter((c): c is IamRole => c instanceof IamRole)) role.permissionsBoundary = boundary;
}

/** Each pipeline role's policy, and the workload boundary, for the stacks it deploys, from their Terraform JSON as synthesized. */
function pipelinePolicies(stacks: readonly TerraformStack[]): { policies: Record<PipelineRole, PolicyDocument>; workloadBoundary: PolicyDocument } {
  const json: StackJson[] = stacks.map((stack) => ({ name: stack.node.id, json: stack.toTerraform() }));
  return {
    policies: Object.fromEntries(PIPELINE_ROLES.map((role) => [role, deployerPolicy(role, json)])) as Record<PipelineRole, PolicyDocument>,
    workloadBoundary: workloadBoundary(json),
  };
}

/**
 * Names AWS requires unique (per account and region, account or partition) that two stacks or sinks
 * of the config would give the same resource, each at the field to change, naming the other. Empty when none.
 */
export function configNameCollisions(stacks: readonly TerraformStack[], config: ResolvedConfig): Problem[] {
  const indexOf = new Map(config.config.stacks.map((stack, index) => [stack.name, index]));
  const pathOf: ConfigPathOf = (stack, resource) => {
    if (stack instanceof StateBucketStack) return 'backend.bucket';
    const base = `stacks[${indexOf.get(stack.node.id)}]`;
    // scopes: the app, the stack, then the construct the stack added (a sink's own, or the source's).
    const top = resource.node.scopes[2]?.node.id;
    const sink = stack instanceof EventBridgeSinkStack && top !== undefined ? stack.sinkConfigPaths.get(top) : undefined;
    return sink === undefined ? base : `${base}.${sink}`;
  };
  const { backend } = config.config;
  // The state bucket exists whether or not this config bootstraps it (then its stack claims it).
  const claimed: ClaimedName[] = backend.type === 's3' && !backend.bootstrap ? [{ label: 'S3 bucket', name: backend.bucket, where: 'aws', path: 'backend.bucket' }] : [];
  // The state bucket is claimed first: whatever else takes its name is the one to rename.
  const stateFirst = [...stacks.filter((s) => s instanceof StateBucketStack), ...stacks.filter((s) => !(s instanceof StateBucketStack))];
  return nameCollisions(stateFirst, pathOf, claimed, config.config);
}

function createStack(app: App, stack: ResolvedStack): OktaLogStreamingStack {
  if (stack.kind === 'fan_out') return new FanOutStack(app, stack);
  // The stack class of its sink type (stacks/sinks.ts).
  if (stack.kind === 'okta_only') return new (oktaOnlySinkForm(stack.sink.type).stack)(app, stack);
  return new (eventBridgeSinkForm(stack.sink.type).stack)(app, stack);
}
