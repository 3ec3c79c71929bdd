import type { LoggerService } from '@backstage/backend-plugin-api';
import type { EnvironmentChangeEvent } from '@greenroom/plugin-environments-node';
import type { EnvironmentsStore } from '../storage/types';

type Publish = (event: EnvironmentChangeEvent) => Promise<void>;

/** Announces a change the store did not make (e.g. what a runtime observed). */
export type Announce = (
  name: string | undefined,
  change: EnvironmentChangeEvent['change'],
) => void;

/**
 * Wraps a store so that every change to an environment, whether the API or
 * the engine made it, is announced on the events service (the catalog
 * updates its entity from that). A failed announcement is logged and never
 * fails the change itself: the catalog's full refresh catches up.
 */
export function withChangeEvents(
  store: EnvironmentsStore,
  publish: Publish,
  logger: LoggerService,
): EnvironmentsStore & { announce: Announce } {
  const announce: Announce = (name, change) => {
    if (!name) return;
    publish({ name, change }).catch(error =>
      logger.warn(
        `Could not announce the change of environment '${name}'`,
        error,
      ),
    );
  };
  const nameOf = async (id: string) =>
    (await store.getEnvironmentById(id))?.name;

  const overrides: Partial<EnvironmentsStore> = {
    async createEnvironment(
      ...args: Parameters<EnvironmentsStore['createEnvironment']>
    ) {
      const result = await store.createEnvironment(...args);
      announce(result.environment.name, 'upserted');
      return result;
    },
    async updateEnvironmentSpec(
      ...args: Parameters<EnvironmentsStore['updateEnvironmentSpec']>
    ) {
      const result = await store.updateEnvironmentSpec(...args);
      announce(result.environment.name, 'upserted');
      return result;
    },
    async updateEnvironmentSpecs(
      ...args: Parameters<EnvironmentsStore['updateEnvironmentSpecs']>
    ) {
      const outcomes = await store.updateEnvironmentSpecs(...args);
      for (const outcome of outcomes) {
        if ('environment' in outcome) {
          announce(outcome.environment.name, 'upserted');
        }
      }
      return outcomes;
    },
    async updateEnvironmentStatus(
      ...args: Parameters<EnvironmentsStore['updateEnvironmentStatus']>
    ) {
      await store.updateEnvironmentStatus(...args);
      // Activity alone changes nothing the catalog shows.
      if (args[1].status) announce(await nameOf(args[0]), 'upserted');
    },
    async deleteEnvironment(id: string) {
      const name = await nameOf(id);
      await store.deleteEnvironment(id);
      announce(name, 'deleted');
    },
  };
  return new Proxy(store as EnvironmentsStore & { announce: Announce }, {
    get(target, property) {
      if (property === 'announce') return announce;
      if (property in overrides) {
        return overrides[property as keyof EnvironmentsStore];
      }
      // Bound to the real store, whose methods use private fields.
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
