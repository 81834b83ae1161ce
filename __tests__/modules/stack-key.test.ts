import { TerraformOutput, TerraformVariable, Token } from 'cdktf';
import { KEY_ADMINISTRATION_ACTIONS, KEY_USE_ACTIONS, moreSpecificKey, StackKey } from '../../modules/stack-key';
import { optionalReference } from '../../modules/optional-reference';
import { KmsKeyPolicy } from '@cdktf/provider-aws/lib/kms-key-policy';
import { Construct } from 'constructs';
import { onlyResource, parsePolicy, ref, resourcesOf, synthConstructs } from '../helpers/synth';

describe('StackKey', () => {
  describe('created', () => {
    const json = synthConstructs((stack) => {
      const key = new StackKey(stack, 'Key', { name: 'okta-logs', accountId: '123456789012', region: 'eu-west-1' });
      key.allow({ Sid: 'LogsUse', Effect: 'Allow', Principal: { Service: 'logs.eu-west-1.amazonaws.com' }, Action: ['kms:Encrypt'], Condition: { ArnEquals: { 'kms:EncryptionContext:aws:logs:arn': ['arn:aws:logs:eu-west-1:123456789012:log-group:a'] } } });
      key.allow({ Sid: 'LogsUse', Effect: 'Allow', Principal: { Service: 'logs.eu-west-1.amazonaws.com' }, Action: ['kms:Encrypt'], Condition: { ArnEquals: { 'kms:EncryptionContext:aws:logs:arn': ['arn:aws:logs:eu-west-1:123456789012:log-group:b'] } } });
      new TerraformOutput(stack, 'arn', { value: key.keyArn });
    });
    const key = onlyResource(json, 'aws_kms_key');
    const policy = { config: { policy: key.config.policy } };

    test('rotation on, a 30-day deletion window, protected, tagged for EventBridge connections', () => {
      expect(key.config).toEqual({
        description: 'okta-log-streaming okta-logs: Okta System Log events and sink credentials',
        enable_key_rotation: true,
        deletion_window_in_days: 30,
        tags: { EventBridgeApiDestinations: 'true' },
        policy: expect.any(String),
        lifecycle: { prevent_destroy: true },
      });
      expect(onlyResource(json, 'aws_kms_alias').config).toEqual({ name: 'alias/okta-log-streaming/okta-logs', target_key_id: ref('aws_kms_key', key.id, 'key_id') });
    });

    test('its policy is part of the key and its ARN is the key\'s own arn (never an echo: aws_kms_key_policy.key_id is read back as the bare id), so every user waits for the policy', () => {
      expect(resourcesOf(json, 'aws_kms_key_policy')).toEqual({});
      expect(typeof key.config.policy).toBe('string');
      expect((json.output as Record<string, { value: string }>).arn.value).toBe(ref('aws_kms_key', key.id, 'arn'));
    });

    test('the policy resource of earlier versions (aws_kms_key_policy at <key>/Policy) is forgotten, not destroyed: its delete resets the key to the default policy', () => {
      // Where cdktf put that resource: a real KmsKeyPolicy at the same path.
      const earlier = synthConstructs((stack) => {
        new KmsKeyPolicy(new Construct(stack, 'Key'), 'Policy', { keyId: 'k', policy: '{}' });
      });
      const [address] = Object.keys(resourcesOf(earlier, 'aws_kms_key_policy'));
      expect((json as { removed?: unknown }).removed).toEqual([{ from: `aws_kms_key_policy.${address}`, lifecycle: { destroy: false } }]);
    });

    test('the account administers and uses the key through IAM, with the actions named (no kms:*); grants only for AWS resources; Resource "*" is this key', () => {
      const statements = parsePolicy(policy.config.policy).Statement;
      const root = { AWS: 'arn:aws:iam::123456789012:root' };
      expect(statements.slice(0, 3)).toEqual([
        { Sid: 'AccountAdministersTheKey', Effect: 'Allow', Principal: root, Action: [...KEY_ADMINISTRATION_ACTIONS], Resource: ['*'] },
        { Sid: 'AccountPrincipalsUseTheKeyThroughIam', Effect: 'Allow', Principal: root, Action: [...KEY_USE_ACTIONS], Resource: ['*'] },
        { Sid: 'AccountPrincipalsGrantAwsServices', Effect: 'Allow', Principal: root, Action: ['kms:CreateGrant'], Resource: ['*'], Condition: { Bool: { 'kms:GrantIsForAWSResource': 'true' } } },
      ]);
      for (const s of statements) for (const action of s.Action) expect(action).not.toContain('*');
      // The key stays manageable: whoever may change the policy through IAM keeps that right.
      expect(KEY_ADMINISTRATION_ACTIONS).toEqual(expect.arrayContaining(['kms:PutKeyPolicy', 'kms:GetKeyPolicy', 'kms:ScheduleKeyDeletion', 'kms:EnableKeyRotation']));
    });

    test('statements with one Sid are one statement with their condition values together', () => {
      const logs = parsePolicy(policy.config.policy).Statement.filter((s) => s.Sid === 'LogsUse');
      expect(logs).toHaveLength(1);
      expect(logs[0].Condition).toEqual({ ArnEquals: { 'kms:EncryptionContext:aws:logs:arn': ['arn:aws:logs:eu-west-1:123456789012:log-group:a', 'arn:aws:logs:eu-west-1:123456789012:log-group:b'] } });
    });
  });

  test('given by key ARN: nothing created, the ARN used as is', () => {
    const arn = 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    const json = synthConstructs((stack) => {
      new TerraformOutput(stack, 'arn', { value: new StackKey(stack, 'Key', { name: 'x', accountId: '123456789012', region: 'eu-west-1', keyOrAliasArn: arn }).keyArn });
    });
    expect(json.resource).toBeUndefined();
    expect(json.data).toBeUndefined();
    expect((json.output as Record<string, { value: string }>).arn.value).toBe(arn);
  });

  test('given by alias ARN: resolved to its key ARN (IAM policies and CloudWatch Logs take key ARNs only)', () => {
    const json = synthConstructs((stack) => {
      new TerraformOutput(stack, 'arn', { value: new StackKey(stack, 'Key', { name: 'x', accountId: '123456789012', region: 'eu-west-1', keyOrAliasArn: 'arn:aws:kms:eu-west-1:123456789012:alias/okta-logs' }).keyArn });
    });
    const data = (json.data as Record<string, Record<string, { name: string }>>).aws_kms_alias;
    const [id, alias] = Object.entries(data)[0];
    expect(alias).toEqual({ name: 'alias/okta-logs' });
    expect((json.output as Record<string, { value: string }>).arn.value).toBe(`\${data.aws_kms_alias.${id}.target_key_arn}`);
  });

  describe('allowUnlessOwnKey', () => {
    const grant = { Sid: 'LogsUse', Effect: 'Allow' as const, Principal: { Service: 'logs.eu-west-1.amazonaws.com' }, Action: ['kms:Encrypt'] };
    const sids = (ownKey: string | undefined) =>
      parsePolicy(
        onlyResource(
          synthConstructs((stack) => new StackKey(stack, 'Key', { name: 'x', accountId: '123456789012', region: 'eu-west-1' }).allowUnlessOwnKey(ownKey, grant)),
          'aws_kms_key',
        ).config.policy,
      ).Statement.map((s) => s.Sid);

    test('grants when the resource has no key of its own, and not when it has one', () => {
      expect(sids(undefined)).toContain('LogsUse');
      expect(sids('arn:aws:kms:eu-west-1:123456789012:key/own')).not.toContain('LogsUse');
    });

    test('for an input that may be null (module form), Terraform decides: the statement is in the list when the input is null', () => {
      const json = synthConstructs((stack) => {
        const own = new TerraformVariable(stack, 'own', { type: 'string', default: Token.nullValue() });
        const given = new TerraformVariable(stack, 'key', { type: 'string' });
        const key = new StackKey(stack, 'Key', { name: 'x', accountId: '123456789012', region: 'eu-west-1', keyOrAliasArn: given.stringValue });
        key.allowUnlessOwnKey(optionalReference(own.stringValue), grant);
        new TerraformOutput(stack, 'statements', { value: key.statementsExpression() });
        expect(() => key.statements).toThrow(/depend on inputs/);
      });
      const value = (json.output as Record<string, { value: string }>).statements.value;
      expect(value).toMatch(/^\$\{concat\(\[.*\], \(var\.own == null\) \? \[\{.*"Sid" = "LogsUse".*\}\] : \[\]\)\}$/s);
    });
  });

  test('moreSpecificKey: the resource\'s own key wins; an optional input (maybe null) is left to Terraform', () => {
    expect(moreSpecificKey('own', 'stack')).toBe('own');
    expect(moreSpecificKey(undefined, 'stack')).toBe('stack');
    expect(moreSpecificKey(undefined, undefined)).toBeUndefined();
    const json = synthConstructs((stack) => {
      const own = new TerraformVariable(stack, 'own', { type: 'string', default: Token.nullValue() });
      const general = new TerraformVariable(stack, 'stack', { type: 'string' });
      new TerraformOutput(stack, 'k', { value: moreSpecificKey(optionalReference(own.stringValue), general.stringValue) });
    });
    expect((json.output as Record<string, { value: string }>).k.value).toBe('${tostring((var.own != null) ? var.own : var.stack)}');
  });
});
