import { switchServiceToHead } from './switchService';

const services = [
  {
    name: 'storefront',
    kind: 'application',
    componentRef: 'component:default/storefront',
    image: { repository: 'ghcr.io/example/storefront', tag: '1.9.0' },
    ports: [{ port: 3000, public: true }],
    resources: { cpu: '250m', memory: '256Mi' },
    replicas: 1,
    customDomains: [],
    variables: [{ key: 'TOKEN', kind: 'secret', isSet: true }],
  },
  {
    name: 'orders-api',
    kind: 'application',
    componentRef: 'component:default/orders-api',
    image: { repository: 'ghcr.io/example/orders-api', tag: '2.5.0' },
    ports: [],
    resources: { cpu: '250m', memory: '256Mi' },
    replicas: 1,
    customDomains: [],
    variables: [],
  },
] as any;

const head = {
  repository: 'example/storefront',
  branch: 'feat/new-checkout',
  headSha: '4f2a9c1e8b7d6a5f4e3d2c1b0a9f8e7d6c5b4a39',
};

describe('switchServiceToHead', () => {
  it('points only the component’s service at the PR branch and commit', () => {
    const switched = switchServiceToHead(
      services,
      'component:default/storefront',
      head,
    )!;
    expect(switched[0]).toMatchObject({
      git: { repository: 'example/storefront', branch: 'feat/new-checkout' },
      image: { repository: 'ghcr.io/example/storefront', tag: head.headSha },
      variables: [{ key: 'TOKEN', kind: 'secret', isSet: true }],
    });
    expect(switched[1]).toBe(services[1]);
  });

  it('keeps a service’s own repository and path', () => {
    const withGit = [
      { ...services[0], git: { repository: 'example/mono', path: 'apps/web' } },
    ];
    expect(
      switchServiceToHead(withGit, 'component:default/storefront', head)![0]
        .git,
    ).toEqual({
      repository: 'example/mono',
      path: 'apps/web',
      branch: 'feat/new-checkout',
    });
  });

  it('returns undefined when no service runs the component', () => {
    expect(
      switchServiceToHead(services, 'component:default/payments-worker', head),
    ).toBeUndefined();
  });
});
