import { dataRulesSchema } from './dataRules';
import { previewTransformedRows } from './previewRows';

describe('previewTransformedRows', () => {
  it('shows made-up rows of each table before and after its rules', () => {
    const preview = previewTransformedRows(
      dataRulesSchema.parse({
        rules: [
          { column: 'customers.email', transform: 'email' },
          { column: 'customers.country', transform: 'fixed', value: 'NL' },
          { column: 'crm.notes.body', transform: 'null' },
        ],
      }),
    );
    expect(preview.map(p => [p.table, p.columns])).toEqual([
      ['customers', ['email', 'country']],
      ['crm.notes', ['body']],
    ]);
    const [first] = preview[0].rows;
    expect(first.before).toEqual(['ada.lovelace@example.com', 'NL']);
    expect(first.after[0]).toMatch(/@example\.invalid$/);
    expect(first.after[1]).toBe('NL');
    expect(preview[1].rows[0].after).toEqual([null]);
  });

  it('is empty without rules and stable between calls', () => {
    expect(previewTransformedRows(dataRulesSchema.parse({}))).toEqual([]);
    const rules = dataRulesSchema.parse({
      rules: [{ column: 'u.e', transform: 'hash' }],
    });
    expect(previewTransformedRows(rules)).toEqual(
      previewTransformedRows(rules),
    );
  });
});
