import { parseMysqlInsert } from './insertStatement';

const valuesOf = (line: string) => {
  const buffer = Buffer.from(line);
  const insert = parseMysqlInsert(buffer);
  return insert.rows.map(row =>
    row.map(([start, end]) => buffer.toString('utf8', start, end)),
  );
};

describe('parseMysqlInsert', () => {
  it('reads the table, column list and values of a mysqldump row', () => {
    const line =
      "INSERT INTO `users` (`id`, `email`, `name`) VALUES (1,'ada@example.com',NULL);";
    expect(parseMysqlInsert(Buffer.from(line))).toEqual({
      table: 'users',
      columns: ['id', 'email', 'name'],
      rows: [[expect.any(Array), expect.any(Array), expect.any(Array)]],
    });
    expect(valuesOf(line)).toEqual([['1', "'ada@example.com'", 'NULL']]);
  });

  it('reads extended inserts, spaces, quoted names and a database', () => {
    const line =
      "insert ignore into `shop`.`we``ird` ( `a` , b ) values ( 1 , 'x' ) , (2,_binary 'y');\r";
    const insert = parseMysqlInsert(Buffer.from(line));
    expect(insert.database).toBe('shop');
    expect(insert.table).toBe('we`ird');
    expect(insert.columns).toEqual(['a', 'b']);
    expect(valuesOf(line)).toEqual([
      ['1', "'x'"],
      ['2', "_binary 'y'"],
    ]);
  });

  it('reads REPLACE, rows without a column list and empty rows', () => {
    expect(parseMysqlInsert(Buffer.from('REPLACE INTO t VALUES (1);'))).toEqual(
      { table: 't', columns: undefined, rows: [[[23, 24]]] },
    );
    expect(valuesOf('INSERT INTO `t` VALUES ();')).toEqual([[]]);
  });

  it('keeps names in UTF-8', () => {
    expect(
      parseMysqlInsert(
        Buffer.from("INSERT INTO `café` (`naïve`) VALUES ('x');"),
      ),
    ).toMatchObject({ table: 'café', columns: ['naïve'] });
  });

  it.each([
    ["INSERT INTO `t` (`a`) VALUES ('secret", 'a value (value 1) at byte 30'],
    ["INSERT INTO `t` (`a`) VALUES ('secret')", '";" at byte 39'],
    ["INSERT INTO `t` (`a`) VALUES (NOW(), 'secret');", '")" at byte 33'],
    ["INSERT INTO `t` (`a`) VALUES ('secret'); DROP TABLE t;", 'the end'],
    ["INSERT INTO `t` (`a`) SELECT 'secret';", 'VALUES at byte 22'],
    ["INSERT `t` (`a`) VALUES ('secret');", 'INTO at byte 7'],
    ['INSERT INTO `unterminated VALUES (1);', '"`" closing an identifier'],
  ])('refuses %j, naming no value', (line, message) => {
    let error: Error | undefined;
    try {
      parseMysqlInsert(Buffer.from(line));
    } catch (e) {
      error = e as Error;
    }
    expect(error?.message).toContain(`expected ${message}`);
    expect(error?.message).not.toContain('secret');
  });
});
