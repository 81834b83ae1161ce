/**
 * Terraform JSON strings are templates. These helpers turn one into the equivalent HCL expression:
 * a bare expression when the string is a single interpolation, otherwise a quoted template whose
 * literal parts are escaped for HCL and whose `${…}`/`%{…}` parts are kept as written.
 */

interface Segment {
  readonly kind: 'literal' | 'template';
  readonly text: string;
}

/** Splits a template into literal text and `${…}` / `%{…}` sequences (escapes `$${`, `%%{` stay literal). */
export function segments(template: string): Segment[] {
  const out: Segment[] = [];
  let literal = '';
  let i = 0;
  while (i < template.length) {
    const two = template.slice(i, i + 2);
    if (two === '$$' && template[i + 2] === '{') {
      literal += '$${';
      i += 3;
    } else if (two === '%%' && template[i + 2] === '{') {
      literal += '%%{';
      i += 3;
    } else if (two === '${' || two === '%{') {
      const end = closingBrace(template, i + 2);
      if (literal) out.push({ kind: 'literal', text: literal });
      literal = '';
      out.push({ kind: 'template', text: template.slice(i, end + 1) });
      i = end + 1;
    } else {
      literal += template[i];
      i += 1;
    }
  }
  if (literal) out.push({ kind: 'literal', text: literal });
  return out;
}

/** Index of the `}` closing a sequence whose body starts at `from`, skipping nested braces and strings. */
function closingBrace(text: string, from: number): number {
  let depth = 0;
  let i = from;
  while (i < text.length) {
    const c = text[i];
    if (c === '"') {
      i = closingQuote(text, i + 1);
    } else if (c === '{') {
      depth += 1;
    } else if (c === '}') {
      if (depth === 0) return i;
      depth -= 1;
    }
    i += 1;
  }
  throw new Error(`unterminated template sequence in ${JSON.stringify(text)}`);
}

/** Index of the `"` closing a quoted string inside an expression (templates may nest). */
function closingQuote(text: string, from: number): number {
  let i = from;
  while (i < text.length) {
    if (text[i] === '\\') i += 2;
    else if (text[i] === '"') return i;
    else if ((text[i] === '$' || text[i] === '%') && text[i + 1] === '{') i = closingBrace(text, i + 2) + 1;
    else i += 1;
  }
  throw new Error(`unterminated string in ${JSON.stringify(text)}`);
}

const ESCAPES: Record<string, string> = { '\\': '\\\\', '"': '\\"', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

export function escapeLiteral(text: string): string {
  return text.replace(/[\\"\n\r\t]/g, (c) => ESCAPES[c]).replace(/[\u0000-\u001f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The HCL expression equivalent to a Terraform JSON string. */
export function stringExpression(value: string): string {
  const parts = segments(value);
  if (parts.length === 1 && parts[0].kind === 'template' && /^\$\{[^~][\s\S]*[^~]\}$/.test(parts[0].text)) {
    // A lone interpolation yields its value unconverted: the bare expression is the same.
    return parts[0].text.slice(2, -1).trim();
  }
  return `"${parts.map((p) => (p.kind === 'literal' ? escapeLiteral(p.text) : p.text)).join('')}"`;
}
