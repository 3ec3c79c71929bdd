import { changedPaths, objectChanges } from './diff';

describe('changedPaths', () => {
  it('compares only what we set, ignoring server defaults and dropped empty maps', () => {
    expect(
      changedPaths(
        { spec: { replicas: 2, template: { labels: {} } }, data: {} },
        {
          spec: { replicas: 2, revisionHistoryLimit: 10, template: {} },
          status: {},
        },
      ),
    ).toEqual([]);
  });

  it('names changed paths cut to three levels, and lists as a whole', () => {
    expect(
      changedPaths(
        {
          spec: {
            replicas: 3,
            template: { spec: { containers: [{ image: 'a:2' }] } },
          },
        },
        {
          spec: {
            replicas: 2,
            template: { spec: { containers: [{ image: 'a:1', name: 'a' }] } },
          },
        },
      ),
    ).toEqual(['spec.replicas', 'spec.template.spec']);
  });
});

describe('objectChanges', () => {
  it('compares Secrets as the server stores them, naming keys but never values', () => {
    const desired = {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 's' },
      stringData: { TOKEN: 'new-value', SAME: 'x' },
    };
    const actual = {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 's', uid: 'u' },
      data: {
        TOKEN: Buffer.from('old-value').toString('base64'),
        SAME: 'eA==',
      },
    };
    expect(objectChanges(desired, actual)).toEqual(['data.TOKEN']);
  });
});
