import { STAGING } from './__testUtils__/fakeEnvironments';
import { switchService, toComponentRef } from './switchService';

const services = STAGING.services as any[];

describe('switchService', () => {
  it('puts the component on the branch and tags its image with the commit', () => {
    const switched = switchService(services, 'Component:default/storefront', {
      branch: 'feature/checkout',
      commit: 'abc1234',
    });
    expect(switched).toEqual([
      {
        ...services[0],
        git: { repository: 'example/storefront', branch: 'feature/checkout' },
        image: { repository: 'ghcr.io/example/storefront', tag: 'abc1234' },
      },
      services[1],
    ]);
  });

  it('keeps the image without a commit and takes the repository from the pull request when the service has none', () => {
    const [, orders] = switchService(services, 'orders-api', {
      branch: 'retry',
      repository: 'example/orders',
    })!;
    expect(orders).toEqual({
      ...services[1],
      git: { repository: 'example/orders', branch: 'retry' },
    });
  });

  it('answers undefined when no service runs the component', () => {
    expect(
      switchService(services, 'component:default/payments-worker', {
        branch: 'main',
      }),
    ).toBeUndefined();
  });

  it('completes entity refs', () => {
    expect(toComponentRef('orders-api')).toBe('component:default/orders-api');
    expect(toComponentRef('shop/Orders')).toBe('component:shop/orders');
    expect(() => toComponentRef('a:b:c')).toThrow('is not an entity ref');
  });
});
