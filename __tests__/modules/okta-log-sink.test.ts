import { inputTransformer, MAX_INPUT_PATHS, MAX_INPUT_TEMPLATE_LENGTH, payloadFor, SPLUNK_HEC_TRANSFORMER } from '../../modules/okta-log-sink';
import { SAMPLE_EVENT } from '../helpers/okta-events';

/** EventBridge's substitution: each <name> in the template becomes the JSON at its input path. */
function transform(transformer: { inputPaths?: Record<string, string>; inputTemplate: string }, event: Record<string, any>): string {
  return transformer.inputTemplate.replace(/<([A-Za-z0-9_.-]+)>/g, (_m, name: string) => {
    const path = transformer.inputPaths?.[name];
    if (path === undefined) throw new Error(`no input path ${name}`);
    const value = path
      .replace(/^\$\./, '')
      .split('.')
      .reduce((node, key) => node?.[key], event);
    return JSON.stringify(value);
  });
}

describe('payload shapes', () => {
  test('envelope sends the event as it is: no input settings', () => {
    expect(payloadFor('envelope')).toEqual({});
  });

  test('okta_event sends the Okta LogEvent: $.detail', () => {
    expect(payloadFor('okta_event')).toEqual({ inputPath: '$.detail' });
  });

  test('splunk_hec wraps the Okta event as a HEC event, byte for byte', () => {
    expect(payloadFor('splunk_hec')).toEqual({ inputTransformer: SPLUNK_HEC_TRANSFORMER });
    const body = transform(SPLUNK_HEC_TRANSFORMER, SAMPLE_EVENT);
    expect(body).toBe(`{"event": ${JSON.stringify(SAMPLE_EVENT.detail)}, "sourcetype": "OktaIM2:log", "source": "okta"}`);
    expect(JSON.parse(body)).toEqual({ event: SAMPLE_EVENT.detail, sourcetype: 'OktaIM2:log', source: 'okta' });
  });

  test('refuses transformers over EventBridge\'s limits', () => {
    const paths = Object.fromEntries(Array.from({ length: MAX_INPUT_PATHS + 1 }, (_v, i) => [`p${i}`, '$.detail']));
    expect(() => inputTransformer(paths, '{}')).toThrow(`${MAX_INPUT_PATHS + 1} input paths; EventBridge allows ${MAX_INPUT_PATHS}`);
    expect(() => inputTransformer({}, 'x'.repeat(MAX_INPUT_TEMPLATE_LENGTH + 1))).toThrow(`EventBridge allows ${MAX_INPUT_TEMPLATE_LENGTH}`);
    expect(() => inputTransformer({ AWSx: '$.detail' }, '{}')).toThrow('may not start with "AWS"');
  });
});
