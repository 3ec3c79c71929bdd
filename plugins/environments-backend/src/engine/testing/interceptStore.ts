import type { EnvironmentsStore } from '../../storage/types';

/**
 * Wraps a store so that a test can see or change each call, e.g. to make a
 * replica "die" (its calls never return) or lose its lease. `next` makes
 * the real call.
 */
export function interceptStore(
  store: EnvironmentsStore,
  intercept: (
    method: keyof EnvironmentsStore,
    args: unknown[],
    next: () => Promise<unknown>,
  ) => Promise<unknown>,
): EnvironmentsStore {
  return new Proxy(store, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') {
        return value;
      }
      // Bound to the real store: its private fields are not on the proxy.
      return (...args: unknown[]) =>
        intercept(property as keyof EnvironmentsStore, args, () =>
          value.apply(target, args),
        );
    },
  });
}
