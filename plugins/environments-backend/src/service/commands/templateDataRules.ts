import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  type DataRules,
  type Environment,
  dataRulesSchema,
  formatZodError,
} from '@greenroom/plugin-environments-common';
import type { TemplateStore } from '../../templates/TemplateStore';

/**
 * The data rules of the template version each database service of `source`
 * was made from (`spec.service.database.data`), by service name. Rules that
 * do not parse are left out with a log line: the service's own still apply.
 */
export async function templateDataRules(
  source: Pick<Environment, 'name' | 'services'>,
  templates: Pick<TemplateStore, 'getVersionSpec'>,
  logger: LoggerService,
): Promise<Record<string, DataRules>> {
  const result: Record<string, DataRules> = {};
  for (const service of source.services) {
    if (!service.database || !service.template) continue;
    const { ref, version } = service.template;
    const spec = await templates.getVersionSpec(ref, version);
    const data = (
      spec?.service as { database?: { data?: unknown } } | undefined
    )?.database?.data;
    if (data === undefined) continue;
    const parsed = dataRulesSchema.safeParse(data);
    if (parsed.success) {
      result[service.name] = parsed.data;
    } else {
      logger.warn(
        `Ignored the data rules of ${ref}@${version} for ${service.name} of ${
          source.name
        }: ${formatZodError(parsed.error, 'spec.service.database.data')}`,
      );
    }
  }
  return result;
}
