import { dataRuleRows, seedExcerpt } from './dataPlan';

describe('dataRuleRows', () => {
  it('lists each rule, marking the sensitive columns, then the sensitive columns left unruled', () => {
    expect(
      dataRuleRows({
        sensitive: ['users.email', 'public.users.phone', 'Users.Address'],
        rules: [
          { column: 'public.users.email', transform: 'email' },
          { column: 'users.phone', transform: 'phone' },
          { column: 'orders.country', transform: 'fixed', value: 'NL' },
        ],
      }),
    ).toEqual([
      {
        column: 'public.users.email',
        rule: { column: 'public.users.email', transform: 'email' },
        sensitive: true,
      },
      {
        column: 'users.phone',
        rule: { column: 'users.phone', transform: 'phone' },
        sensitive: true,
      },
      {
        column: 'orders.country',
        rule: { column: 'orders.country', transform: 'fixed', value: 'NL' },
        sensitive: false,
      },
      { column: 'Users.Address', sensitive: true },
    ]);
  });

  it('is empty without rules or sensitive columns', () => {
    expect(dataRuleRows({ sensitive: [], rules: [] })).toEqual([]);
  });
});

describe('seedExcerpt', () => {
  it('keeps the first lines and counts the rest, ignoring trailing blank lines', () => {
    const sql = ['a;', 'b;', 'c;', 'd;', '', ''].join('\n');
    expect(seedExcerpt(sql, 2)).toEqual({ lines: ['a;', 'b;'], more: 2 });
    expect(seedExcerpt(sql)).toEqual({
      lines: ['a;', 'b;', 'c;', 'd;'],
      more: 0,
    });
    expect(seedExcerpt('x;\r\ny;', 5).lines).toEqual(['x;', 'y;']);
  });
});
