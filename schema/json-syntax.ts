/**
 * Where a JSON text breaks JSON's grammar (RFC 8259) and why, in words a person who wrote the file
 * understands. Node's JSON.parse gives no position for some errors ("Unexpected token ']'") and
 * echoes part of the text in others (where a secret may be); its wording changes between Node
 * versions. This scanner runs only once JSON.parse has refused a text, and never quotes the text
 * beyond one punctuation character.
 */

export interface JsonSyntaxError {
  /** Offset (UTF-16 code units) where the problem is; the text's length when the file ends early. */
  readonly offset: number;
  readonly reason: string;
}

const END = 'the file ends before the JSON does';
const COMMENT = 'a comment; JSON has none: remove it, or write the config as YAML (a .yaml file), which allows # comments';
const NUMBER = 'not a JSON number (no leading zeros, "+", bare ".", NaN or Infinity)';
const WORD = 'a bare word; JSON values are strings in double quotes, numbers, true, false, null, lists and mappings';

class Failure extends Error {
  constructor(readonly offset: number, readonly reason: string) {
    super(reason);
  }
}

/** The first syntax error of `text`, or undefined when it is valid JSON. */
export function jsonSyntaxError(text: string): JsonSyntaxError | undefined {
  try {
    if (text.startsWith('\ufeff')) throw new Failure(0, 'a byte order mark at the start; save the file as UTF-8 without one');
    const scanner = new Scanner(text);
    scanner.value();
    scanner.space();
    if (scanner.at < text.length) scanner.fail(scanner.at, 'more text after the JSON value ends');
    return undefined;
  } catch (error) {
    if (error instanceof Failure) return { offset: error.offset, reason: error.reason };
    throw error;
  }
}

class Scanner {
  at = 0;

  constructor(private readonly text: string) {}

  fail(offset: number, reason: string): never {
    throw new Failure(offset, reason);
  }

  /** Skips JSON whitespace; a comment there is the error. */
  space(): void {
    while (this.at < this.text.length) {
      const c = this.text[this.at];
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r') this.at += 1;
      else if (c === '#' || (c === '/' && (this.text[this.at + 1] === '/' || this.text[this.at + 1] === '*'))) this.fail(this.at, COMMENT);
      else return;
    }
  }

  private peek(): string | undefined {
    this.space();
    return this.text[this.at];
  }

  value(): void {
    const c = this.peek();
    if (c === undefined) this.fail(this.at, END);
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '"') return this.string();
    if (c === "'") this.fail(this.at, 'a single-quoted string; JSON strings use double quotes');
    if (c === '-' || c === '+' || c === '.' || (c >= '0' && c <= '9')) return this.number();
    for (const literal of ['true', 'false', 'null']) {
      if (this.text.startsWith(literal, this.at) && !/[A-Za-z0-9_$]/.test(this.text[this.at + literal.length] ?? '')) {
        this.at += literal.length;
        return;
      }
    }
    if (/[A-Za-z_$]/.test(c)) this.fail(this.at, /^(NaN|Infinity)\b/.test(this.text.slice(this.at)) ? NUMBER : WORD);
    this.fail(this.at, unexpected(c));
  }

  private object(): void {
    this.at += 1;
    if (this.peek() === '}') {
      this.at += 1;
      return;
    }
    for (;;) {
      const key = this.peek();
      if (key === undefined) this.fail(this.at, END);
      if (key === "'") this.fail(this.at, 'a single-quoted string; JSON strings use double quotes');
      if (key !== '"') this.fail(this.at, /[A-Za-z0-9_$]/.test(key) ? 'a key without double quotes; JSON keys are strings in double quotes' : unexpected(key));
      this.string();
      const colon = this.peek();
      if (colon === undefined) this.fail(this.at, END);
      if (colon !== ':') this.fail(this.at, 'expected ":" after the key');
      this.at += 1;
      this.value();
      const next = this.peek();
      if (next === undefined) this.fail(this.at, END);
      if (next === '}') {
        this.at += 1;
        return;
      }
      if (next !== ',') this.fail(this.at, 'expected "," or "}" after a value');
      const comma = this.at;
      this.at += 1;
      if (this.peek() === '}') this.fail(comma, 'a trailing comma before "}"; JSON allows none (YAML does): remove it');
    }
  }

  private array(): void {
    this.at += 1;
    if (this.peek() === ']') {
      this.at += 1;
      return;
    }
    for (;;) {
      this.value();
      const next = this.peek();
      if (next === undefined) this.fail(this.at, END);
      if (next === ']') {
        this.at += 1;
        return;
      }
      if (next !== ',') this.fail(this.at, 'expected "," or "]" after a value');
      const comma = this.at;
      this.at += 1;
      if (this.peek() === ']') this.fail(comma, 'a trailing comma before "]"; JSON allows none (YAML does): remove it');
    }
  }

  private string(): void {
    const start = this.at;
    this.at += 1;
    while (this.at < this.text.length) {
      const c = this.text[this.at];
      if (c === '"') {
        this.at += 1;
        return;
      }
      if (c < ' ') this.fail(this.at, 'a line break or control character inside a string; write it escaped (\\n, \\t, \\u0000)');
      if (c === '\\') {
        const e = this.text[this.at + 1];
        if (e === undefined) break;
        if (e === 'u') {
          if (!/^[0-9A-Fa-f]{4}$/.test(this.text.slice(this.at + 2, this.at + 6))) this.fail(this.at, 'a \\u escape without 4 hex digits');
          this.at += 6;
          continue;
        }
        if (!'"\\/bfnrt'.includes(e)) this.fail(this.at, e >= ' ' && e <= '~' ? `an escape JSON does not have (\\${e})` : 'an escape JSON does not have');
        this.at += 2;
        continue;
      }
      this.at += 1;
    }
    this.fail(start, 'a string that is never closed');
  }

  private number(): void {
    const match = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(this.text.slice(this.at));
    const start = this.at;
    if (match === null) this.fail(start, NUMBER);
    this.at += match[0].length;
    // "01", "1.", "1e": the grammar stops early and what follows is part of a broken number.
    if (/^[0-9.eE+-]/.test(this.text[this.at] ?? '')) this.fail(start, NUMBER);
  }
}

function unexpected(c: string): string {
  return c >= '!' && c <= '~' && !/[A-Za-z0-9]/.test(c) ? `unexpected "${c}"` : 'an unexpected character';
}
