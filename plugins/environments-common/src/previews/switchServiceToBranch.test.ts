import { switchServiceToBranch, toComponentRef } from './switchServiceToBranch';

const services = [
  {
    name: 'storefront',
    componentRef: 'component:default/storefront',
    image: { repository: 'ghcr.io/example/storefront', tag: '1.9.0' },
    git: { repository: 'example/storefront' },
    variables: [{ key: 'TOKEN', kind: 'secret', isSet: true }],
  },
  {
    name: 'orders-api',
    componentRef: 'component:default/orders-api',
    image: { repository: 'ghcr.io/example/orders-api', tag: '2.5.0' },
  },
  { name: 'db' },
] as any[];

describe('switchServiceToBranch', () => {
  it('puts only the component on the branch and tags its image with the commit', () => {
    const switched = switchServiceToBranch(
      services,
      'Component:default/storefront',
      {
        branch: 'feature/checkout',
        commit: 'abc1234',
      },
    )!;
    expect(switched[0]).toEqual({
      ...services[0],
      git: { repository: 'example/storefront', branch: 'feature/checkout' },
      image: { repository: 'ghcr.io/example/storefront', tag: 'abc1234' },
    });
    expect(switched[1]).toBe(services[1]);
    expect(switched[2]).toBe(services[2]);
  });

  it('keeps the image without a commit and takes the repository when the service has none', () => {
    const [, orders] = switchServiceToBranch(services, 'orders-api', {
      branch: 'retry',
      repository: 'example/orders',
    })!;
    expect(orders).toEqual({
      ...services[1],
      git: { repository: 'example/orders', branch: 'retry' },
    });
  });

  it('keeps a service’s own repository and path', () => {
    const withPath = [
      { ...services[0], git: { repository: 'example/mono', path: 'apps/web' } },
    ];
    expect(
      switchServiceToBranch(withPath, 'storefront', {
        branch: 'b',
        repository: 'x/y',
      })![0].git,
    ).toEqual({ repository: 'example/mono', path: 'apps/web', branch: 'b' });
  });

  it('answers undefined when no service runs the component', () => {
    expect(
      switchServiceToBranch(services, 'payments-worker', { branch: 'main' }),
    ).toBeUndefined();
  });

  it('completes entity refs', () => {
    expect(toComponentRef('orders-api')).toBe('component:default/orders-api');
    expect(toComponentRef('shop/Orders')).toBe('component:shop/orders');
    expect(() => toComponentRef('component:')).toThrow('was not on the form');
    expect(() => toComponentRef('  ')).toThrow('must not be empty');
  });
});
