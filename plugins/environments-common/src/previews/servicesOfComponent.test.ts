import { servicesOfComponent } from './servicesOfComponent';

describe('servicesOfComponent', () => {
  const services = [
    { name: 'storefront', componentRef: 'component:default/storefront' },
    { name: 'storefront-ssr', componentRef: 'Component:default/Storefront' },
    { name: 'orders-api', componentRef: 'component:default/orders-api' },
    { name: 'orders-db' },
  ];

  it('names every service that runs the component, whatever the spelling of the ref', () => {
    expect(servicesOfComponent(services, 'storefront')).toEqual([
      'storefront',
      'storefront-ssr',
    ]);
    expect(
      servicesOfComponent(services, 'component:default/orders-api'),
    ).toEqual(['orders-api']);
  });

  it('answers none for a component no service runs', () => {
    expect(servicesOfComponent(services, 'payments-worker')).toEqual([]);
  });
});
