/**
 * A parser for the subset of TOML that Snowflake's connections.toml uses: tables (dotted
 * and quoted names), bare and quoted keys, strings, numbers and booleans, comments.
 */

export type TomlValue = string | number | boolean | TomlTable;
export interface TomlTable {
  [key: string]: TomlValue;
}

export class TomlError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(`line ${line}: ${message}`);
    this.name = 'TomlError';
  }
}

const ESCAPES: Record<string, string> = { b: '\b', t: '\t', n: '\n', f: '\f', r: '\r', '"': '"', '\\': '\\' };

class Cursor {
  pos = 0;
  constructor(
    readonly text: string,
    readonly line: number,
  ) {}

  skipSpace(): void {
    while (this.text[this.pos] === ' ' || this.text[this.pos] === '\t') this.pos++;
  }

  atEnd(): boolean {
    this.skipSpace();
    return this.pos >= this.text.length || this.text[this.pos] === '#';
  }

  expect(char: string): void {
    this.skipSpace();
    if (this.text[this.pos] !== char) throw new TomlError(`expected "${char}"`, this.line);
    this.pos++;
  }

  basicString(): string {
    let out = '';
    this.pos++;
    while (this.pos < this.text.length) {
      const c = this.text[this.pos++]!;
      if (c === '"') return out;
      if (c !== '\\') {
        out += c;
        continue;
      }
      const e = this.text[this.pos++] ?? '';
      if (e === 'u' || e === 'U') {
        const size = e === 'u' ? 4 : 8;
        out += String.fromCodePoint(parseInt(this.text.slice(this.pos, this.pos + size), 16));
        this.pos += size;
      } else if (ESCAPES[e] !== undefined) out += ESCAPES[e];
      else throw new TomlError(`unknown escape "\\${e}"`, this.line);
    }
    throw new TomlError('unterminated string', this.line);
  }

  literalString(): string {
    const end = this.text.indexOf("'", this.pos + 1);
    if (end < 0) throw new TomlError('unterminated string', this.line);
    const value = this.text.slice(this.pos + 1, end);
    this.pos = end + 1;
    return value;
  }

  key(): string {
    this.skipSpace();
    const c = this.text[this.pos];
    if (c === '"') return this.basicString();
    if (c === "'") return this.literalString();
    const match = /^[A-Za-z0-9_-]+/.exec(this.text.slice(this.pos));
    if (!match) throw new TomlError('expected a key', this.line);
    this.pos += match[0].length;
    return match[0];
  }

  dottedKey(): string[] {
    const parts = [this.key()];
    this.skipSpace();
    while (this.text[this.pos] === '.') {
      this.pos++;
      parts.push(this.key());
      this.skipSpace();
    }
    return parts;
  }

  value(): string | number | boolean {
    this.skipSpace();
    const rest = this.text.slice(this.pos);
    if (rest.startsWith('"""') || rest.startsWith("'''")) throw new TomlError('multi-line strings are not supported', this.line);
    if (rest[0] === '"') return this.basicString();
    if (rest[0] === "'") return this.literalString();
    const word = /^[^\s#]+/.exec(rest)?.[0] ?? '';
    this.pos += word.length;
    if (word === 'true') return true;
    if (word === 'false') return false;
    const number = word.replace(/_/g, '');
    if (/^[+-]?(\d+(\.\d+)?([eE][+-]?\d+)?|0x[0-9a-fA-F]+)$/.test(number)) return Number(number);
    throw new TomlError(`unsupported value "${word}" (strings, numbers and booleans only)`, this.line);
  }
}

function tableAt(root: TomlTable, path: readonly string[], line: number): TomlTable {
  let table = root;
  for (const part of path) {
    const existing = table[part];
    if (existing === undefined) table = table[part] = {};
    else if (typeof existing === 'object') table = existing;
    else throw new TomlError(`"${part}" is already a value, not a table`, line);
  }
  return table;
}

export function parseToml(text: string): TomlTable {
  const root: TomlTable = {};
  let current = root;
  text.split(/\r?\n/).forEach((raw, index) => {
    const cursor = new Cursor(raw, index + 1);
    if (cursor.atEnd()) return;
    if (raw.trimStart().startsWith('[')) {
      cursor.expect('[');
      if (raw.trimStart().startsWith('[[')) throw new TomlError('arrays of tables are not supported', cursor.line);
      const path = cursor.dottedKey();
      cursor.expect(']');
      if (!cursor.atEnd()) throw new TomlError('unexpected text after the table name', cursor.line);
      current = tableAt(root, path, cursor.line);
      return;
    }
    const path = cursor.dottedKey();
    cursor.expect('=');
    const value = cursor.value();
    if (!cursor.atEnd()) throw new TomlError('unexpected text after the value', cursor.line);
    const table = tableAt(current, path.slice(0, -1), cursor.line);
    const key = path[path.length - 1]!;
    if (key in table) throw new TomlError(`duplicate key "${key}"`, cursor.line);
    table[key] = value;
  });
  return root;
}
