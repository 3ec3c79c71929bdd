import {
  type SharingReads,
  describeSharing,
} from '@greenroom/plugin-environments-common';
import type { EnvironmentsStore, StoredEnvironment } from '../../storage/types';

/**
 * What reads say about sharing, by environment id: how each one's baseline
 * stands (each base read once) and, with `dependants`, which environments
 * share it.
 */
export async function sharingReads(
  store: Pick<EnvironmentsStore, 'getEnvironmentById' | 'listDependants'>,
  environments: StoredEnvironment[],
  options: { dependants?: boolean } = {},
): Promise<Map<string, SharingReads>> {
  const bases = new Map<string, Promise<StoredEnvironment | undefined>>();
  const reads = new Map<string, SharingReads>();
  for (const environment of environments) {
    const read: SharingReads = {};
    const { baseline } = environment;
    if (baseline) {
      let base = bases.get(baseline.environmentId);
      if (!base) {
        base = store.getEnvironmentById(baseline.environmentId);
        bases.set(baseline.environmentId, base);
      }
      read.sharing = describeSharing(environment, await base);
    }
    if (options.dependants) {
      const dependants = await store.listDependants(environment.id);
      if (dependants.length > 0) read.sharedWith = dependants.map(d => d.name);
    }
    reads.set(environment.id, read);
  }
  return reads;
}
