import type { LoggerService } from '@backstage/backend-plugin-api';
import { originSchema } from '@greenroom/plugin-environments-common';
import fs from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { EnvironmentsStore, StoredEnvironment } from '../storage/types';
import { EnvironmentCommands } from '../service/EnvironmentCommands';
import { seedCostHistory } from './seedCostHistory';
import { seedPreviewFromBlueprint } from './seedPreviewFromBlueprint';

const SEED_ACTOR = 'user:default/greenroom-seed';

/**
 * Loads example environments from a YAML file (`environments: [...]`, each an
 * environment input plus an optional `origin`, or a pull request preview made
 * from a repository's blueprint, `fromBlueprint: {...}`) on first start: only when no
 * environment exists yet, so a restart or a destroyed example changes nothing.
 * Bad entries are logged with their field and skipped.
 */
export async function seedEnvironments(options: {
  file: string;
  store: EnvironmentsStore;
  service: EnvironmentCommands;
  logger: LoggerService;
  /** Days of example cost history to write for the seeded environments; 0 for none. */
  costHistoryDays?: number;
}): Promise<number> {
  const { file, store, service, logger, costHistoryDays = 0 } = options;
  const existing = await store.listEnvironments({
    filter: {},
    access: { allow: 'all' },
    sort: 'name',
    limit: 1,
    offset: 0,
  });
  if (existing.totalCount > 0) {
    return 0;
  }
  const document = parseYaml(await fs.readFile(file, 'utf8'));
  const entries: unknown[] = Array.isArray(document?.environments)
    ? document.environments
    : [];
  const seeded: StoredEnvironment[] = [];
  const ctx = { actor: SEED_ACTOR };
  for (const [index, entry] of entries.entries()) {
    const { origin, ...input } = (entry ?? {}) as Record<string, unknown>;
    if ('fromBlueprint' in input) {
      try {
        seeded.push(
          await seedPreviewFromBlueprint({
            entry,
            seedFile: file,
            service,
            logger,
            ctx,
          }),
        );
      } catch (error) {
        logger.warn(
          `Skipped seed preview #${index} from ${file}: ${
            (error as Error).message
          }`,
        );
      }
      continue;
    }
    try {
      const parsedOrigin = originSchema.parse(origin ?? { type: 'seed' });
      const { environment } = await service.create(input, ctx, {
        origin: parsedOrigin,
      });
      if (environment) seeded.push(environment);
    } catch (error) {
      logger.warn(
        `Skipped seed environment #${index} (${String(
          input.name,
        )}) from ${file}: ${(error as Error).message}`,
      );
    }
  }
  if (costHistoryDays > 0) {
    await seedCostHistory({
      store,
      environments: seeded,
      days: costHistoryDays,
    });
  }
  logger.info('Seeded example environments', {
    file,
    created: seeded.length,
    costHistoryDays,
  });
  return seeded.length;
}
