import {
  type DataRulesInput,
  dataRulesSchema,
  hmacSha256Hasher,
  transformValue,
} from '@greenroom/plugin-environments-common';
import { MysqlDumpTransformer } from './MysqlDumpTransformer';
import { encodeMysqlString } from './literals';

const hash = hmacSha256Hasher('copy key');

function transformer(rules: DataRulesInput, database = 'shop') {
  const progress: { rows: number; table?: string }[] = [];
  const t = new MysqlDumpTransformer({
    rules: dataRulesSchema.parse(rules),
    database,
    hash,
    onProgress: p => progress.push(p),
  });
  const line = (text: string | Buffer) =>
    t.transformLine(Buffer.isBuffer(text) ? text : Buffer.from(text));
  return { t, line, progress };
}

const RULES: DataRulesInput = {
  rules: [
    { column: 'users.email', transform: 'email' },
    { column: 'users.name', transform: 'name' },
    { column: 'shop.users.phone', transform: 'phone' },
    { column: 'users.note', transform: 'keep' },
  ],
};

/** Lines of MariaDB 10.11's mysqldump (--skip-extended-insert --complete-insert --hex-blob). */
const DUMP = [
  '/*!40101 SET NAMES utf8mb4 */;',
  'CREATE TABLE `users` (',
  '  `id` int(11) NOT NULL,',
  '  `email` varchar(200) DEFAULT NULL,',
  ') ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;',
  "INSERT INTO `users` (`id`, `email`, `name`, `phone`, `note`, `avatar`) VALUES (1,'ada@example.com','Ada Lovelace','+44 20 7946 0958','gold',0x00FF0A);",
  "INSERT INTO `users` (`id`, `email`, `name`, `phone`, `note`, `avatar`) VALUES (2,'o\\'brien@example.com',NULL,'','it\\'s',NULL);",
  "INSERT INTO `orders` (`id`, `user_id`, `email`) VALUES (7,1,'ada@example.com');",
  'DELIMITER ;;',
  '/*!50003 CREATE*/ /*!50003 TRIGGER t1 AFTER INSERT ON users FOR EACH ROW INSERT INTO users (email) VALUES (NEW.email) */;;',
  'INSERT INTO `users` (`email`) VALUES (NEW.email);;',
  'DELIMITER ;',
];

const expected = (
  transform: 'email' | 'name' | 'phone',
  value: string | null,
) => encodeMysqlString(transformValue({ transform }, value, hash));

describe('MysqlDumpTransformer', () => {
  it('rewrites the ruled columns of rows and passes every other byte', () => {
    const { line } = transformer(RULES);
    const out = DUMP.map(l => line(l).toString('utf8'));
    expect(out[5]).toBe(
      `INSERT INTO \`users\` (\`id\`, \`email\`, \`name\`, \`phone\`, \`note\`, \`avatar\`) VALUES (1,${expected(
        'email',
        'ada@example.com',
      )},${expected('name', 'Ada Lovelace')},${expected(
        'phone',
        '+44 20 7946 0958',
      )},'gold',0x00FF0A);`,
    );
    expect(out[6]).toBe(
      `INSERT INTO \`users\` (\`id\`, \`email\`, \`name\`, \`phone\`, \`note\`, \`avatar\`) VALUES (2,${expected(
        'email',
        "o'brien@example.com",
      )},NULL,${expected('phone', '')},'it\\'s',NULL);`,
    );
    // unruled table, schema, and code in trigger bodies: unchanged
    for (const i of [0, 1, 2, 3, 4, 7, 8, 9, 10, 11])
      expect(out[i]).toBe(DUMP[i]);
    expect(out.join('\n')).not.toMatch(/Ada Lovelace|7946|o\\'brien/);
  });

  it('is deterministic under one key and differs under another', () => {
    const row =
      "INSERT INTO `users` (`id`, `email`) VALUES (1,'ada@example.com');";
    const once = transformer(RULES).line(row);
    expect(transformer(RULES).line(row)).toEqual(once);
    const other = new MysqlDumpTransformer({
      rules: dataRulesSchema.parse(RULES),
      database: 'shop',
      hash: hmacSha256Hasher('another key'),
    });
    expect(other.transformLine(Buffer.from(row))).not.toEqual(once);
  });

  it('keeps bytes that are not UTF-8 in unruled columns', () => {
    const avatar = Buffer.from([0x27, 0xff, 0xfe, 0x5c, 0x30, 0x27]);
    const row = (email: string) =>
      Buffer.concat([
        Buffer.from(
          `INSERT INTO \`users\` (\`email\`, \`avatar\`) VALUES (${email},`,
        ),
        avatar,
        Buffer.from(');'),
      ]);
    expect(transformer(RULES).line(row("'a@b.c'"))).toEqual(
      row(expected('email', 'a@b.c')),
    );
  });

  it('matches tables and columns in any case, rules of other databases not', () => {
    const { line } = transformer({
      rules: [
        { column: 'Users.EMAIL', transform: 'null' },
        { column: 'other.orders.email', transform: 'null' },
      ],
    });
    expect(
      line("INSERT INTO `USERS` (`Email`) VALUES ('a@b.c');").toString(),
    ).toBe('INSERT INTO `USERS` (`Email`) VALUES (NULL);');
    expect(
      line("INSERT INTO `orders` (`email`) VALUES ('a@b.c');").toString(),
    ).toBe("INSERT INTO `orders` (`email`) VALUES ('a@b.c');");
  });

  it('follows USE and database-qualified rows', () => {
    const { line } = transformer({
      rules: [{ column: 'other.orders.email', transform: 'null' }],
    });
    const row = "INSERT INTO `orders` (`email`) VALUES ('a@b.c');";
    expect(line(row).toString()).toContain("'a@b.c'");
    expect(
      line(
        "INSERT INTO `other`.`orders` (`email`) VALUES ('a@b.c');",
      ).toString(),
    ).toContain('(NULL)');
    line('USE `other`;');
    expect(line(row).toString()).toContain('(NULL)');
  });

  it('transforms every row of an extended insert', () => {
    const { t, line } = transformer({
      rules: [{ column: 'users.email', transform: 'fixed', value: 'x' }],
    });
    expect(
      line(
        "INSERT INTO `users` (`id`, `email`) VALUES (1,'a'),(2,NULL),(3,'c');",
      ).toString(),
    ).toBe(
      "INSERT INTO `users` (`id`, `email`) VALUES (1,'x'),(2,'x'),(3,'x');",
    );
    expect(t.result()).toEqual({
      rows: 3,
      tables: [{ table: 'shop.users', rows: 3 }],
    });
  });

  it('stops on a ruled row it cannot read, naming the line and not the value', () => {
    const { line } = transformer(RULES);
    line('-- header');
    expect(() =>
      line("INSERT INTO `users` VALUES (1,'ada@example.com');"),
    ).toThrow(
      'cannot copy line 2 of the dump: the rows of shop.users have no column list (dump with --complete-insert)',
    );
    expect(() =>
      line("INSERT INTO `users` (`id`, `email`) VALUES (1,'ada@example.com'"),
    ).toThrow(/^cannot copy line 3 of the dump: expected/);
    expect(() =>
      line('INSERT INTO `users` (`id`, `email`) VALUES (1);'),
    ).toThrow('row 1 of users has 1 values for 2 columns');
    expect(() =>
      line("INSERT INTO `users` (`id`, `email`) VALUES (1,LOWER('A@B.C'));"),
    ).toThrow(/^cannot copy line 5 of the dump: expected/);
    let message = '';
    try {
      line("INSERT INTO `users` (`email`) VALUES ('ada@example.com',");
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).not.toContain('ada');
  });

  it('counts rows by table and reports progress at each table and every 1000 rows', () => {
    const { t, line, progress } = transformer({});
    for (let i = 0; i < 2500; i++) {
      line(`INSERT INTO \`events\` (\`id\`) VALUES (${i});`);
    }
    line("INSERT INTO `users` (`id`, `email`) VALUES (1,'a@b.c');");
    expect(t.result()).toEqual({
      rows: 2501,
      tables: [
        { table: 'shop.events', rows: 2500 },
        { table: 'shop.users', rows: 1 },
      ],
    });
    expect(progress).toEqual([
      { rows: 1, table: 'shop.events' },
      { rows: 1000, table: 'shop.events' },
      { rows: 2000, table: 'shop.events' },
      { rows: 2501, table: 'shop.users' },
    ]);
  });
});
