import { takeKeptSecrets } from './keptSecrets';

describe('takeKeptSecrets', () => {
  it('takes set secrets out of each service and keeps them without a value', () => {
    const { body, kept } = takeKeptSecrets({
      title: 'Shop',
      services: [
        {
          name: 'web',
          variables: [
            { key: 'TOKEN', kind: 'secret', isSet: true },
            { key: 'MODE', kind: 'value', value: 'fast' },
          ],
        },
        { name: 'db', variables: [] },
      ],
    });
    expect(body).toEqual({
      title: 'Shop',
      services: [
        {
          name: 'web',
          variables: [{ key: 'MODE', kind: 'value', value: 'fast' }],
        },
        { name: 'db', variables: [] },
      ],
    });
    expect([...kept]).toEqual([['web', [{ key: 'TOKEN', kind: 'secret' }]]]);
  });

  it('leaves a secret with a new value, or without a string key, for the schema', () => {
    const variables = [
      { key: 'TOKEN', kind: 'secret', isSet: true, value: 'new' },
      { key: 7, kind: 'secret', isSet: true },
    ];
    const { body, kept } = takeKeptSecrets({
      services: [{ name: 'web', variables }],
    });
    expect(body).toEqual({ services: [{ name: 'web', variables }] });
    expect(kept.size).toBe(0);
  });

  it('drops what a read added of the runtime (observed), with or without variables', () => {
    const observed = { phase: 'running', publicUrls: [], internalUrls: [] };
    const { body } = takeKeptSecrets({
      services: [
        { name: 'web', variables: [], observed },
        { name: 'db', observed },
      ],
    });
    expect(body).toEqual({
      services: [{ name: 'web', variables: [] }, { name: 'db' }],
    });
  });

  it('returns a body without services as it is', () => {
    for (const body of [undefined, null, 'text', { title: 'x' }]) {
      expect(takeKeptSecrets(body)).toEqual({ body, kept: new Map() });
    }
  });
});
