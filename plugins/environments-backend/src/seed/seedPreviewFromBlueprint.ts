import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  environmentNameSchema,
  formatZodError,
  parsePreviewBlueprint,
  previewEnvironmentName,
  previewFromBlueprint,
  pullRequestSchema,
  servicesOfComponent,
  switchServiceToBranch,
} from '@greenroom/plugin-environments-common';
import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type {
  EnvironmentCommands,
  RequestContext,
} from '../service/EnvironmentCommands';
import type { StoredEnvironment } from '../storage/types';

/**
 * A seed entry made as the previews bot makes a pull request's preview:
 * `fromBlueprint: { file, component, base?, pullRequest }`, the file being
 * the repository's blueprint, relative to the seed file.
 */
export const blueprintSeedEntrySchema = z.strictObject({
  fromBlueprint: z.strictObject({
    file: z.string().min(1, { error: 'must name the blueprint file' }),
    /** The Component of the repository; its services are the default `spec.services`. */
    component: z.string().min(1, { error: 'must name a Component' }),
    /** The base when the blueprint names none (the Component's annotation). */
    base: environmentNameSchema.optional(),
    pullRequest: pullRequestSchema,
  }),
});

/**
 * Creates the preview of `entry.pullRequest` from its blueprint: planned by
 * `previewFromBlueprint`, cloned from the base through the clone command
 * (its variables with it), then the component's services switched to the pull
 * request's branch and commit. Throws, naming the field, for a blueprint
 * that cannot be used.
 */
export async function seedPreviewFromBlueprint(options: {
  entry: unknown;
  seedFile: string;
  service: EnvironmentCommands;
  logger: LoggerService;
  ctx: RequestContext;
}): Promise<StoredEnvironment> {
  const { seedFile, service, logger, ctx } = options;
  const parsed = blueprintSeedEntrySchema.safeParse(options.entry);
  if (!parsed.success) {
    throw new Error(formatZodError(parsed.error));
  }
  const { file, component, pullRequest } = parsed.data.fromBlueprint;
  const blueprintFile = path.resolve(path.dirname(seedFile), file);
  const read = parsePreviewBlueprint(await fs.readFile(blueprintFile, 'utf8'));
  if ('errors' in read) {
    throw new Error(describeErrors(file, read.errors));
  }
  const { blueprint } = read;
  const baseName = blueprint.spec.base ?? parsed.data.fromBlueprint.base;
  if (!baseName) {
    throw new Error(`${file}: spec.base: is required here (no base given)`);
  }
  const base = await service.get(baseName);
  const name = previewEnvironmentName(
    pullRequest.repository,
    pullRequest.number,
  );
  const plan = previewFromBlueprint({
    blueprint,
    base,
    componentServices: servicesOfComponent(base.services, component),
    name,
  });
  if (plan.errors.length > 0) {
    throw new Error(describeErrors(file, plan.errors));
  }
  if (plan.additions.length > 0) {
    // Services from templates need the catalog, which is not read at startup.
    logger.warn(
      `Seed preview ${name}: skipped spec.add of ${file} (${plan.additions
        .map(a => a.name)
        .join(', ')}); add them from the templates page`,
    );
  }
  await service.clone(
    base.name,
    {
      ...plan.clone,
      title: `Preview: ${pullRequest.repository}#${pullRequest.number} (${pullRequest.branch})`,
      pullRequest,
    },
    ctx,
  );
  await service.changeServices(
    name,
    current =>
      switchServiceToBranch(current.services, component, {
        repository: pullRequest.repository,
        branch: pullRequest.branch,
        commit: pullRequest.headSha,
      }) ?? current.services,
    ctx,
  );
  return service.get(name);
}

function describeErrors(
  file: string,
  errors: Array<{ field: string; message: string }>,
) {
  return `${file}: ${errors.map(e => `${e.field}: ${e.message}`).join('; ')}`;
}
