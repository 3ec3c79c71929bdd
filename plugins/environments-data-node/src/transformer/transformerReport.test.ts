import { parseTransformerReport } from './transformerReport';

describe('parseTransformerReport', () => {
  it('reads progress and done lines', () => {
    expect(
      parseTransformerReport(
        '{"type":"progress","table":"public.users","rows":12}',
      ),
    ).toEqual({ type: 'progress', table: 'public.users', rows: 12 });
    expect(
      parseTransformerReport(
        '{"type":"done","rows":3,"tables":[{"table":"public.users","rows":3}]}',
      ),
    ).toEqual({
      type: 'done',
      rows: 3,
      tables: [{ table: 'public.users', rows: 3 }],
    });
  });

  it.each([
    '(node:1) Warning: something',
    '',
    'null',
    '{"type":"progress","rows":1}',
    '{"type":"progress","table":"t","rows":-1}',
    '{"type":"done","rows":1,"tables":[{"table":"t"}]}',
    '{"type":"other","rows":1}',
  ])('ignores %j', line => {
    expect(parseTransformerReport(line)).toBeUndefined();
  });
});
