import { isAlphanumeric, isSpace } from './bytes';

// SQL literals as mysqldump writes them, read and written as bytes: a dump is
// bytes, and binary values in it need not be UTF-8.

const BACKSLASH = 0x5c;

/** What a byte after a backslash stands for in a MySQL string literal. */
const UNESCAPED: Record<string, number> = {
  '0': 0x00,
  b: 0x08,
  n: 0x0a,
  r: 0x0d,
  t: 0x09,
  Z: 0x1a,
};

/** Characters mysql_real_escape_string escapes, and how. */
const ESCAPED: Record<string, string> = {
  '\0': '\\0',
  '\n': '\\n',
  '\r': '\\r',
  '\u001a': '\\Z',
  '\\': '\\\\',
  "'": "\\'",
  '"': '\\"',
};

const isQuote = (byte: number) => byte === 0x27 || byte === 0x22;
// NULL, numbers, 0x.., and the b/x/_charset prefixes are made of these.
const isWordByte = (byte: number) =>
  isAlphanumeric(byte) || byte === 0x2e || byte === 0x2b || byte === 0x2d;

/**
 * The end (exclusive) of the quoted string whose opening quote is at
 * `start`, or -1 when the line ends first. Knows `\x` escapes and doubled
 * quotes.
 */
function scanQuoted(line: Buffer, start: number): number {
  const quote = line[start];
  for (let i = start + 1; i < line.length; i++) {
    if (line[i] === BACKSLASH) {
      i++;
    } else if (line[i] === quote) {
      if (line[i + 1] !== quote) return i + 1;
      i++;
    }
  }
  return -1;
}

/**
 * The end (exclusive) of the literal that starts at `start`: a quoted
 * string, a word (NULL, a number, `0x..`), or a word prefixing a string
 * (`b'101'`, `X'ff'`, `_binary '...'`). -1 when there is none or it does not
 * end on the line.
 */
export function scanLiteral(line: Buffer, start: number): number {
  if (isQuote(line[start])) return scanQuoted(line, start);
  let end = start;
  while (end < line.length && isWordByte(line[end])) end++;
  if (end === start) return -1;
  if (isQuote(line[end])) return scanQuoted(line, end);
  if (line[start] === 0x5f) {
    // A charset introducer (`_binary`) and the literal it prefixes.
    let next = end;
    while (isSpace(line[next])) next++;
    if (isQuote(line[next]) || isWordByte(line[next])) {
      return scanLiteral(line, next);
    }
  }
  return end;
}

function unescapeString(quoted: Buffer): Buffer {
  const quote = quoted[0];
  const out = Buffer.alloc(quoted.length);
  let length = 0;
  for (let i = 1; i < quoted.length - 1; i++) {
    const byte = quoted[i];
    if (byte === BACKSLASH) {
      const next = quoted[++i];
      const char = String.fromCharCode(next);
      if (char in UNESCAPED) {
        out[length++] = UNESCAPED[char];
      } else if (char === '%' || char === '_') {
        // MySQL keeps the backslash of \% and \_ (they matter to LIKE).
        out[length++] = BACKSLASH;
        out[length++] = next;
      } else {
        out[length++] = next;
      }
    } else {
      out[length++] = byte;
      if (byte === quote) i++;
    }
  }
  return out.subarray(0, length);
}

function hexBytes(digits: string): Buffer {
  return Buffer.from(digits.length % 2 ? `0${digits}` : digits, 'hex');
}

function bitBytes(bits: string): Buffer {
  const padded = bits.padStart(Math.ceil(bits.length / 8) * 8, '0');
  const out = Buffer.alloc(padded.length / 8);
  for (let i = 0; i < out.length; i++) {
    out[i] = parseInt(padded.slice(i * 8, i * 8 + 8), 2);
  }
  return out;
}

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;

/**
 * The value of one literal (as `scanLiteral` delimits it) as bytes, or null
 * for NULL. A number is its text. Throws on anything that is not a literal
 * (an expression has no place in a dump's rows); the message never holds the
 * value.
 */
export function decodeMysqlLiteral(literal: Buffer): Buffer | null {
  if (isQuote(literal[0])) return unescapeString(literal);
  const text = literal.toString('latin1');
  if (/^null$/i.test(text)) return null;
  if (NUMBER.test(text)) return literal;
  const hex = /^(?:0x([0-9a-f]*)|x'([0-9a-f]*)')$/i.exec(text);
  if (hex) return hexBytes(hex[1] ?? hex[2]);
  const bits = /^(?:0b([01]+)|b'([01]*)')$/i.exec(text);
  if (bits) return bitBytes(bits[1] ?? bits[2]);
  const introducer = /^_[a-z0-9]+\s*(?=['"0x])/i.exec(text);
  if (introducer) {
    return decodeMysqlLiteral(literal.subarray(introducer[0].length));
  }
  throw new Error(`not an SQL literal (${literal.length} bytes)`);
}

/** A string (or NULL) as a MySQL literal, escaped as mysqldump escapes. */
export function encodeMysqlString(value: string | null): string {
  if (value === null) return 'NULL';
  let quoted = "'";
  for (const char of value) quoted += ESCAPED[char] ?? char;
  return `${quoted}'`;
}
