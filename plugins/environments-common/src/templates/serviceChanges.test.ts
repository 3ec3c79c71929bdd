import { serviceChanges } from './serviceChanges';

describe('serviceChanges', () => {
  const before = {
    name: 'db',
    kind: 'database',
    template: { ref: 'servicetemplate:default/postgresql', version: '1.0.0' },
    ports: [{ port: 5432 }],
    database: { engine: 'postgresql', version: '15', mode: 'container' },
    variables: [
      { key: 'A', kind: 'value', value: '1' },
      { key: 'B', kind: 'value', value: '2' },
    ],
  };

  it('lists every changed leaf by path', () => {
    const after = {
      ...before,
      template: { ...before.template, version: '2.0.0' },
      database: { ...before.database, version: '16' },
      ports: [{ port: 5432 }, { port: 9187 }],
      variables: [
        { key: 'B', kind: 'value', value: '2' },
        { key: 'A', kind: 'value', value: '3' },
      ],
    };
    expect(serviceChanges(before, after)).toEqual([
      { path: 'database.version', before: '15', after: '16' },
      { path: 'ports.1', after: { port: 9187 } },
      { path: 'template.version', before: '1.0.0', after: '2.0.0' },
      { path: 'variables.A.value', before: '1', after: '3' },
    ]);
  });

  it('finds nothing between equal services, whatever the variable order', () => {
    const reordered = {
      ...before,
      variables: [...before.variables].reverse(),
    };
    expect(serviceChanges(before, reordered)).toEqual([]);
  });

  it('reports removed fields with only their old value', () => {
    const { ports: _ports, ...withoutPorts } = before;
    expect(serviceChanges(before, withoutPorts)).toEqual([
      { path: 'ports', before: [{ port: 5432 }] },
    ]);
  });
});
