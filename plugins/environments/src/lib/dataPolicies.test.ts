import { dataPolicyChoices } from './dataPolicies';

describe('dataPolicyChoices', () => {
  it('offers a copy of PostgreSQL and MySQL only', () => {
    expect(
      dataPolicyChoices({ engine: 'postgresql', mode: 'container' }),
    ).toEqual(['empty', 'copy', 'seed']);
    expect(dataPolicyChoices({ engine: 'mysql', mode: 'container' })).toContain(
      'copy',
    );
    expect(dataPolicyChoices({ engine: 'redis', mode: 'container' })).toEqual([
      'empty',
      'seed',
    ]);
  });

  it('offers a snapshot of a managed database only', () => {
    expect(
      dataPolicyChoices({ engine: 'postgresql', mode: 'managed' }),
    ).toEqual(['empty', 'copy', 'seed', 'snapshot']);
    expect(
      dataPolicyChoices({ engine: 'mongodb', mode: 'container' }),
    ).not.toContain('snapshot');
  });
});
