import { hostLabels, rewriteHosts } from './hosts';

const options = {
  hosts: new Map<string, string | undefined>([
    ['orders-db-staging', 'orders-db-dev-ada'],
    ['web-staging', 'web-dev-ada'],
    ['search-staging', undefined],
  ]),
  sourceName: 'staging',
  cloneName: 'dev-ada',
};

describe('hostLabels', () => {
  it('lists the DNS labels of a text, lower-cased', () => {
    expect(
      hostLabels('postgresql://orders_db@Orders-DB-staging:5432/x'),
    ).toEqual(['postgresql', 'orders', 'db', 'orders-db-staging', '5432', 'x']);
  });

  it('does not see a host inside a longer label', () => {
    expect(hostLabels('http://api-dev-2:80')).not.toContain('api-dev');
    expect(hostLabels('http://api-dev.svc:80')).toContain('api-dev');
  });
});

describe('rewriteHosts', () => {
  it.each([
    [
      'http://orders-db-staging:5432/shop',
      'http://orders-db-dev-ada:5432/shop',
    ],
    ['web-staging.svc.cluster.local', 'web-dev-ada.svc.cluster.local'],
    [
      'https://assets-staging.example.com',
      'https://assets-dev-ada.example.com',
    ],
    [
      'https://staging.shop.example.com/cb',
      'https://dev-ada.shop.example.com/cb',
    ],
    ['WEB-STAGING:80', 'web-dev-ada:80'],
    // not hosts: the bare name, a longer word, a sentence's full stop
    ['staging', 'staging'],
    ['stagingarea', 'stagingarea'],
    ['deploy to staging.', 'deploy to staging.'],
  ])('%s → %s', (text, expected) => {
    expect(rewriteHosts(text, options)).toEqual({
      value: expected,
      missing: [],
      stuck: [],
    });
  });

  it('reports hosts of services that are not part of the clone', () => {
    expect(rewriteHosts('http://search-staging:9200', options)).toMatchObject({
      missing: ['search-staging'],
    });
  });

  it('reports a rewrite that composes another source host', () => {
    // source a-b, clone x-a: "a-b-b" becomes "x-a-b", the host of x in a-b
    const result = rewriteHosts('a-b-b', {
      hosts: new Map([['x-a-b', 'x-x-a']]),
      sourceName: 'a-b',
      cloneName: 'x-a',
    });
    expect(result.stuck).toEqual(['x-a-b']);
  });
});
