// Fields of PostgreSQL's COPY text format, the format of pg_dump's data:
// columns split by tabs, `\N` for NULL, special characters backslash-escaped.

/** How COPY text writes NULL. */
export const COPY_NULL = '\\N';

const SIMPLE_ESCAPES: Record<string, string> = {
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
};

const OCTAL = /^[0-7]{1,3}/;
const HEX = /^x([0-9a-fA-F]{1,2})/;

/**
 * The value of one field: `\N` is NULL; `\t`, `\n`, `\\` and the other
 * escapes become their characters; `\ooo` and `\xhh` are bytes (UTF-8).
 */
export function decodeCopyField(field: string): string | null {
  if (field === COPY_NULL) return null;
  if (!field.includes('\\')) return field;
  let out = '';
  // Bytes of octal and hex escapes, decoded together: several of them may
  // spell one UTF-8 character.
  let bytes: number[] = [];
  const flushBytes = () => {
    if (bytes.length > 0) {
      out += Buffer.from(bytes).toString('utf8');
      bytes = [];
    }
  };
  for (let i = 0; i < field.length; i++) {
    const c = field[i];
    if (c !== '\\' || i === field.length - 1) {
      flushBytes();
      out += c;
      continue;
    }
    const rest = field.slice(i + 1, i + 4);
    const octal = OCTAL.exec(rest);
    const hex = octal ? null : HEX.exec(rest);
    if (octal) {
      bytes.push(parseInt(octal[0], 8) & 0xff);
      i += octal[0].length;
    } else if (hex) {
      bytes.push(parseInt(hex[1], 16));
      i += hex[0].length;
    } else {
      flushBytes();
      const next = field[i + 1];
      out += SIMPLE_ESCAPES[next] ?? next;
      i += 1;
    }
  }
  flushBytes();
  return out;
}

const NEEDS_ESCAPE = /[\\\b\f\n\r\t\v]/;
const ESCAPE_ALL = /[\\\b\f\n\r\t\v]/g;
const ESCAPED: Record<string, string> = {
  '\\': '\\\\',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\v': '\\v',
};

/** One field as COPY text writes it (the inverse of `decodeCopyField`). */
export function encodeCopyField(value: string | null): string {
  if (value === null) return COPY_NULL;
  if (!NEEDS_ESCAPE.test(value)) return value;
  return value.replace(ESCAPE_ALL, c => ESCAPED[c]);
}
