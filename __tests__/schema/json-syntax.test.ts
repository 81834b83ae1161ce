import * as fc from 'fast-check';
import { jsonSyntaxError } from '../../schema/json-syntax';
import { parseConfigText } from '../../schema/validate';

const problemOf = (text: string) => {
  const result = parseConfigText(text, 'c.json');
  if (result.ok) throw new Error('expected a problem');
  expect(result.problems).toHaveLength(1);
  return result.problems[0];
};

describe('JSON config syntax errors', () => {
  test('fails on a trailing comma in a list with the line and column of the comma, saying JSON allows none', () => {
    expect(problemOf('{\n  "stacks": [\n    {"name": "a"},\n  ]\n}')).toEqual({
      path: 'c.json:3:18',
      message: 'is not valid JSON: a trailing comma before "]"; JSON allows none (YAML does): remove it',
    });
  });
  test('fails on a trailing comma in a mapping with the line and column of the comma', () => {
    expect(problemOf('{\n  "okta": {"org_name": "acme",}\n}')).toEqual({
      path: 'c.json:2:30',
      message: 'is not valid JSON: a trailing comma before "}"; JSON allows none (YAML does): remove it',
    });
  });
  test.each([
    ['{\n  // the org\n  "okta": {}\n}', 'c.json:2:3'],
    ['{\n  "okta": {} /* org */\n}', 'c.json:2:14'],
    ['{\n  # the org\n  "okta": {}\n}', 'c.json:2:3'],
  ])('fails on a comment %j, saying JSON has none and YAML allows # comments', (text, path) => {
    expect(problemOf(text)).toEqual({ path, message: expect.stringMatching(/^is not valid JSON: a comment; JSON has none: remove it, or write the config as YAML \(a \.yaml file\), which allows # comments$/) });
  });
  test.each([
    ['{"a": ', 'c.json:1:7', 'the file ends before the JSON does'],
    ['{"a" 1}', 'c.json:1:6', 'expected ":" after the key'],
    ['{"a": 1 "b": 2}', 'c.json:1:9', 'expected "," or "}" after a value'],
    ['[1 2]', 'c.json:1:4', 'expected "," or "]" after a value'],
    ["{'a': 1}", 'c.json:1:2', 'a single-quoted string; JSON strings use double quotes'],
    ['{a: 1}', 'c.json:1:2', 'a key without double quotes; JSON keys are strings in double quotes'],
    ['{"a": "x\ny"}', 'c.json:1:9', 'a line break or control character inside a string; write it escaped (\\n, \\t, \\u0000)'],
    ['{"a": "x\\qy"}', 'c.json:1:9', 'an escape JSON does not have (\\q)'],
    ['{"a": "xy}', 'c.json:1:7', 'a string that is never closed'],
    ['{"a": 01}', 'c.json:1:7', 'not a JSON number (no leading zeros, "+", bare ".", NaN or Infinity)'],
    ['{"a": .5}', 'c.json:1:7', 'not a JSON number (no leading zeros, "+", bare ".", NaN or Infinity)'],
    ['{"a": yes}', 'c.json:1:7', 'a bare word; JSON values are strings in double quotes, numbers, true, false, null, lists and mappings'],
    ['{"a": 1} {}', 'c.json:1:10', 'more text after the JSON value ends'],
    ['', 'c.json:1:1', 'the file ends before the JSON does'],
    ['\ufeff{}', 'c.json:1:1', 'a byte order mark at the start; save the file as UTF-8 without one'],
  ])('fails on %j at %s: %s', (text, path, reason) => {
    expect(problemOf(text)).toEqual({ path, message: `is not valid JSON: ${reason}` });
  });
  test('never prints the text it could not parse (a secret may be in it)', () => {
    const secret = 'Zx81Qw93Ty47Ui02Op56As18';
    for (const text of [`{"a": ${secret}}`, `{${secret}: 1}`, `{"a": "${secret}\n"}`, `{"a": "${secret}`]) {
      expect(problemOf(text).message).not.toContain(secret);
      expect(problemOf(text).path).toMatch(/^c\.json:\d+:\d+$/);
    }
  });
  test('property: an error exactly when JSON.parse refuses, always with a position inside the text', () => {
    const pieces = fc.constantFrom('{', '}', '[', ']', ',', ':', '"a"', '"b\\n"', '1', '-0.5e3', 'true', 'null', ' ', '\n', '//', '#', "'", 'x', '01', '"\\u12"', '"\t"');
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 12 }), (parts) => {
        const text = parts.join('');
        let valid = true;
        try {
          JSON.parse(text);
        } catch {
          valid = false;
        }
        const error = jsonSyntaxError(text);
        expect(error === undefined).toBe(valid);
        if (error !== undefined) expect(error.offset).toBeLessThanOrEqual(text.length);
      }),
      { numRuns: 2000 },
    );
  });
});
