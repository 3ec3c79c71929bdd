import { isAlphanumeric, isSpace } from './bytes';
import { scanLiteral } from './literals';

/** One row statement of a dump, its values located (not decoded). */
export interface MysqlInsert {
  /** The database written before the table (`db`.`t`), if any. */
  database?: string;
  table: string;
  /** The column list (mysqldump's `--complete-insert`), if there is one. */
  columns?: string[];
  /** Each row's values as [start, end) byte offsets of their literals in the line. */
  rows: [number, number][][];
}

/** What an unquoted identifier is made of (bytes of UTF-8 letters included). */
const isBareIdentifierByte = (byte: number) =>
  isAlphanumeric(byte) || byte === 0x24 || byte >= 0x80;
const BACKTICK = 0x60;

class LineReader {
  pos = 0;
  constructor(private readonly line: Buffer) {}

  fail(expected: string): never {
    // The position only: the line holds row values, which never go into messages.
    throw new Error(`expected ${expected} at byte ${this.pos}`);
  }

  peek(): number {
    while (isSpace(this.line[this.pos])) this.pos++;
    return this.line[this.pos];
  }

  /** Takes `char` if it comes next. */
  take(char: string): boolean {
    if (this.peek() !== char.charCodeAt(0)) return false;
    this.pos++;
    return true;
  }

  expect(char: string) {
    if (!this.take(char)) this.fail(`"${char}"`);
  }

  /** Takes the keyword if it comes next (any case). */
  keyword(word: string): boolean {
    this.peek();
    const end = this.pos + word.length;
    const text = this.line.toString('latin1', this.pos, end).toUpperCase();
    if (text !== word || isBareIdentifierByte(this.line[end])) return false;
    this.pos = end;
    return true;
  }

  identifier(): string {
    if (this.peek() === BACKTICK) {
      const parts: Buffer[] = [];
      let from = this.pos + 1;
      for (let i = from; i < this.line.length; i++) {
        if (this.line[i] !== BACKTICK) continue;
        parts.push(this.line.subarray(from, i));
        if (this.line[i + 1] !== BACKTICK) {
          this.pos = i + 1;
          return Buffer.concat(parts).toString('utf8');
        }
        from = ++i; // a doubled backtick stands for one: keep the second
      }
      this.fail('"`" closing an identifier');
    }
    const start = this.pos;
    while (isBareIdentifierByte(this.line[this.pos])) this.pos++;
    if (this.pos === start) this.fail('an identifier');
    return this.line.toString('utf8', start, this.pos);
  }

  /** `(value, ...)` as the spans of its literals. */
  row(): [number, number][] {
    this.expect('(');
    const values: [number, number][] = [];
    if (this.take(')')) return values;
    do {
      this.peek();
      const end = scanLiteral(this.line, this.pos);
      if (end < 0) this.fail(`a value (value ${values.length + 1})`);
      values.push([this.pos, end]);
      this.pos = end;
    } while (this.take(','));
    this.expect(')');
    return values;
  }

  atEnd(): boolean {
    return this.peek() === undefined;
  }
}

/**
 * Reads one `INSERT [IGNORE] INTO t [(c, ...)] VALUES (...)[, (...)];` or
 * `REPLACE INTO ...` line as mysqldump writes it. Throws a message that names
 * a byte position, never a value, when the line is anything else.
 */
export function parseMysqlInsert(line: Buffer): MysqlInsert {
  const reader = new LineReader(line);
  if (reader.keyword('INSERT')) {
    reader.keyword('IGNORE');
    if (!reader.keyword('INTO')) reader.fail('INTO');
  } else if (reader.keyword('REPLACE')) {
    reader.keyword('INTO');
  } else {
    reader.fail('INSERT or REPLACE');
  }
  let database: string | undefined;
  let table = reader.identifier();
  if (reader.take('.')) {
    database = table;
    table = reader.identifier();
  }
  let columns: string[] | undefined;
  if (reader.take('(')) {
    columns = [];
    do columns.push(reader.identifier());
    while (reader.take(','));
    reader.expect(')');
  }
  if (!reader.keyword('VALUES') && !reader.keyword('VALUE')) {
    reader.fail('VALUES');
  }
  const rows: [number, number][][] = [];
  do rows.push(reader.row());
  while (reader.take(','));
  reader.expect(';');
  if (!reader.atEnd()) reader.fail('the end of the line after ";"');
  return { ...(database !== undefined && { database }), table, columns, rows };
}
