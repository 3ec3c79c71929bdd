import { decodeMysqlLiteral, encodeMysqlString, scanLiteral } from './literals';

/** The literals of one row, as `scanLiteral` finds them between commas. */
function literalsOf(tuple: Buffer): Buffer[] {
  const found: Buffer[] = [];
  let pos = 0;
  while (pos < tuple.length) {
    const end = scanLiteral(tuple, pos);
    if (end < 0) throw new Error(`no literal at ${pos}`);
    found.push(tuple.subarray(pos, end));
    pos = end + 1; // the comma
  }
  return found;
}

const text = (literal: string) => {
  const value = decodeMysqlLiteral(Buffer.from(literal, 'latin1'));
  return value === null ? null : value.toString('utf8');
};

describe('MySQL literals', () => {
  // The values of a row as MariaDB 10.11's mysqldump wrote it (a raw tab
  // stays raw), with --hex-blob for the blob and bit columns.
  const recorded = Buffer.from(
    `1,'a\\\\b\\'c\\"d\\ne\\r\t\\0z\\Z','Zoë 名',NULL,0x00FF0A271A5C,0x05,12.50,0.00000015,'2024-01-02 03:04:05'`,
    'utf8',
  );

  it('finds and decodes every literal of a recorded mysqldump row', () => {
    expect(literalsOf(recorded).map(decodeMysqlLiteral)).toEqual([
      Buffer.from('1'),
      Buffer.from('a\\b\'c"d\ne\r\t\0z\u001a'),
      Buffer.from('Zoë 名'),
      null,
      Buffer.from([0x00, 0xff, 0x0a, 0x27, 0x1a, 0x5c]),
      Buffer.from([0x05]),
      Buffer.from('12.50'),
      Buffer.from('0.00000015'),
      Buffer.from('2024-01-02 03:04:05'),
    ]);
  });

  it('reads binary strings byte for byte, without --hex-blob too', () => {
    // MariaDB without --hex-blob: raw bytes (0xff is not UTF-8) with escapes
    const row = Buffer.concat([
      Buffer.from("'\\0"),
      Buffer.from([0xff]),
      Buffer.from("\\n\\'\\Z\\\\',_binary '\\0"),
      Buffer.from([0xfe]),
      Buffer.from("',_binary 0xCAFE,X'0a',b'101',b'1000000001'"),
    ]);
    expect(literalsOf(row).map(decodeMysqlLiteral)).toEqual([
      Buffer.from([0x00, 0xff, 0x0a, 0x27, 0x1a, 0x5c]),
      Buffer.from([0x00, 0xfe]),
      Buffer.from([0xca, 0xfe]),
      Buffer.from([0x0a]),
      Buffer.from([0x05]),
      Buffer.from([0x02, 0x01]),
    ]);
  });

  it.each([
    ["'it''s'", "it's"],
    ['"say ""hi"""', 'say "hi"'],
    ["'a\\%b\\_c'", 'a\\%b\\_c'],
    ["'\\x\\b'", 'x\b'],
    ["''", ''],
    ['null', null],
    ['-42', '-42'],
    ['1.5e-7', '1.5e-7'],
    ['.5', '.5'],
    ['0x', ''],
  ])('decodes %s', (literal, value) => {
    expect(text(literal)).toBe(value);
  });

  it.each([["'unterminated"], ["'ends with a backslash\\'"], ['']])(
    'finds no literal in %j',
    literal => {
      expect(scanLiteral(Buffer.from(literal), 0)).toBe(-1);
    },
  );

  it('refuses expressions, naming no value', () => {
    for (const expression of ['NEW.email', 'NOW()', 'secret_word', '1+1']) {
      expect(() => decodeMysqlLiteral(Buffer.from(expression))).toThrow(
        `not an SQL literal (${expression.length} bytes)`,
      );
    }
  });

  it('stops a literal at the comma or parenthesis after it', () => {
    const row = Buffer.from("'a,b)',NULL)");
    expect(scanLiteral(row, 0)).toBe(6);
    expect(scanLiteral(row, 7)).toBe(11);
  });

  it('encodes as mysql_real_escape_string does, and reads back the same', () => {
    expect(encodeMysqlString(null)).toBe('NULL');
    expect(encodeMysqlString('a\\b\'c"d\ne\r\t\0z\u001a')).toBe(
      `'a\\\\b\\'c\\"d\\ne\\r\t\\0z\\Z'`,
    );
    for (const value of [
      '',
      'plain',
      "O'Brien",
      'Zoë 名 🚀',
      '\\%_',
      'ends with \\',
    ]) {
      const encoded = Buffer.from(encodeMysqlString(value), 'utf8');
      expect(scanLiteral(encoded, 0)).toBe(encoded.length);
      expect(decodeMysqlLiteral(encoded)?.toString('utf8')).toBe(value);
    }
  });
});
