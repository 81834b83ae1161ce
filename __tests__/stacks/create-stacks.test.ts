import { Testing } from 'cdktf';
import { BrontoStack } from '../../stacks/bronto-stack';
import { createStacks } from '../../stacks/create-stacks';
import { validateConfig } from '../../schema/validate';
import { brontoConfig } from '../helpers/config';

describe('createStacks', () => {
  test('creates one stack per entry, of the sink\'s stack class, with the configured name', () => {
    const raw = brontoConfig();
    raw.stacks.push({ ...raw.stacks[0], name: 'okta-bronto-us', event_source_name: 'okta_bronto_us', sink: { type: 'bronto', region: 'us', collection: 'c' } });
    const config = validateConfig(raw);
    if (!config.ok) throw new Error('invalid test config');
    const stacks = createStacks(Testing.app(), config.value);
    expect(stacks.map((s) => [s.constructor, s.node.id])).toEqual([
      [BrontoStack, 'okta-bronto'],
      [BrontoStack, 'okta-bronto-us'],
    ]);
  });
});
