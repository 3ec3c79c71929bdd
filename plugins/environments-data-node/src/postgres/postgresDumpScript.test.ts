import { execFileSync } from 'node:child_process';
import { postgresDumpScript } from './postgresDumpScript';
import { postgresRestoreScript } from './postgresRestoreScript';

const rules = {
  sensitive: [],
  rules: [],
  subset: [
    { table: 'orders', where: "status = 'paid' AND note <> '$(touch /tmp/x)'" },
    { table: 'Shop.Users', limit: 50 },
  ],
};

describe('postgresDumpScript', () => {
  it('is a valid POSIX shell script', () => {
    expect(() =>
      execFileSync('sh', ['-n', '-c', postgresDumpScript(rules)]),
    ).not.toThrow();
    expect(() =>
      execFileSync('sh', ['-n', '-c', postgresRestoreScript()]),
    ).not.toThrow();
  });

  it('keeps the condition in single quotes, where the shell expands nothing', () => {
    const script = postgresDumpScript(rules);
    expect(script).toContain(
      `' WHERE (status = '\\''paid'\\'' AND note <> '\\''$(touch /tmp/x)'\\'')'`,
    );
    expect(script).toContain("find_table 'shop' 'users'");
    expect(script).toContain(' LIMIT 50) TO STDOUT');
  });

  it('refuses a subset that does not name a table', () => {
    expect(() =>
      postgresDumpScript({
        ...rules,
        subset: [{ table: "users'; DROP TABLE x", limit: 1 }],
      }),
    ).toThrow('is not a table name');
  });
});
