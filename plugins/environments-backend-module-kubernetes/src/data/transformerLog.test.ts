import { quoteLog, readTransformerLog } from './transformerLog';

const line = (value: object) => JSON.stringify(value);

describe('readTransformerLog', () => {
  it('gives the latest report: rows so far over all tables, and the table being copied', () => {
    const log = [
      line({ type: 'progress', table: 'public.users', rows: 100 }),
      'a line that is not a report',
      line({ type: 'progress', table: 'public.users', rows: 250 }),
      line({ type: 'progress', table: 'public.orders', rows: 260 }),
    ].join('\n');
    expect(readTransformerLog(log)).toEqual({
      progress: { rows: 260, table: 'public.orders' },
    });
  });

  it("returns the done report's counts as the result", () => {
    const tables = [{ table: 'public.users', rows: 3 }];
    const log = [
      line({ type: 'progress', table: 'public.users', rows: 3 }),
      line({ type: 'done', rows: 3, tables }),
    ].join('\n');
    expect(readTransformerLog(log)).toEqual({
      progress: { rows: 3 },
      result: { rows: 3, tables },
    });
  });

  it('says nothing before the first report', () => {
    expect(readTransformerLog('')).toEqual({});
    expect(readTransformerLog('starting\n')).toEqual({});
  });
});

describe('quoteLog', () => {
  it('quotes the last lines that are not reports, with secret values masked', () => {
    const log = [
      'one',
      'two',
      line({ type: 'progress', table: 'public.users', rows: 1 }),
      'three',
      'four',
      'five',
      'FATAL: password "hunter2-secret" rejected',
      '',
    ].join('\n');
    expect(quoteLog(log, ['hunter2-secret', ''])).toBe(
      'two / three / four / five / FATAL: password "***" rejected',
    );
  });

  it('keeps the end of a long quote', () => {
    const quoted = quoteLog(`${'x'.repeat(1000)}\nthe end`, []);
    expect(quoted).toHaveLength(601);
    expect(quoted.startsWith('…')).toBe(true);
    expect(quoted.endsWith('the end')).toBe(true);
  });
});
