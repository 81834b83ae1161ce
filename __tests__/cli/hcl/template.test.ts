import { escapeLiteral, segments, stringExpression } from '../../../cli/hcl/template';

describe('template', () => {
  test.each([
    ['plain text', '"plain text"'],
    ['${var.key}', 'var.key'],
    ['${ aws_sqs_queue.q.arn }', 'aws_sqs_queue.q.arn'],
    ['Bearer ${var.token}', '"Bearer ${var.token}"'],
    ['${aws_x.a.arn}:*', '"${aws_x.a.arn}:*"'],
    ['${a}${b}', '"${a}${b}"'],
    ['{"Resource":"${aws_x.a.arn}"}', '"{\\"Resource\\":\\"${aws_x.a.arn}\\"}"'],
    ['${jsonencode({"a" = "}"})}', 'jsonencode({"a" = "}"})'],
    ['line one\nline "two"', '"line one\\nline \\"two\\""'],
    ['C:\\path', '"C:\\\\path"'],
    ['$${not.interpolated}', '"$${not.interpolated}"'],
    ['${~ var.x ~}', '"${~ var.x ~}"'],
    ['', '""'],
  ])('%j → %s', (json, hcl) => {
    expect(stringExpression(json)).toBe(hcl);
  });

  test('segments keep interpolations whole, nested braces and strings included', () => {
    expect(segments('a${f({"k" = "${x}"})}b%{ if c }d%{ endif }')).toEqual([
      { kind: 'literal', text: 'a' },
      { kind: 'template', text: '${f({"k" = "${x}"})}' },
      { kind: 'literal', text: 'b' },
      { kind: 'template', text: '%{ if c }' },
      { kind: 'literal', text: 'd' },
      { kind: 'template', text: '%{ endif }' },
    ]);
  });

  test('fails on an unterminated interpolation instead of guessing', () => {
    expect(() => segments('${var.x')).toThrow('unterminated template sequence');
  });

  test('escapes control characters', () => {
    expect(escapeLiteral('a\tb\u0001')).toBe('a\\tb\\u0001');
  });
});
