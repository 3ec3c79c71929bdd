import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  ServiceTemplateEntityV1alpha1,
  dataRulesSchema,
  isServiceTemplateEntity,
  unruledSensitiveColumns,
} from '@greenroom/plugin-environments-common';
import {
  ServiceTemplateIssue,
  ServiceTemplateValidation,
  issue,
  uniqueIssues,
} from './issues';
import {
  JsonSchema,
  expressionIssues,
  parametersSchemaIssues,
} from './parameterChecks';
import { renderIssues } from './renderChecks';
import {
  checkEntityPolicies,
  checkKindSchema,
  checkSpecSchema,
} from './shapeChecks';

/**
 * Sensitive columns the template leaves without a rule: copies out of
 * production are refused until each environment adds one.
 */
function unruledSensitiveWarnings(
  entity: ServiceTemplateEntityV1alpha1,
): ServiceTemplateIssue[] {
  const parsed = dataRulesSchema.safeParse(
    (entity.spec.service as { database?: { data?: unknown } }).database?.data,
  );
  if (!parsed.success || !parsed.data) return [];
  return unruledSensitiveColumns(parsed.data).map(column =>
    issue(
      'spec.service.database.data.sensitive',
      `${column} is marked sensitive but has no rule: copies out of production environments are refused until an environment adds one`,
      `add { column: ${column}, transform: email | name | phone | hash | null | fixed } to spec.service.database.data.rules`,
    ),
  );
}

function deprecationWarnings(
  entity: ServiceTemplateEntityV1alpha1,
): ServiceTemplateIssue[] {
  if (entity.spec.lifecycle !== 'deprecated') return [];
  const description = entity.metadata.description ?? '';
  if (/\b(use|replaced by|instead|migrate)\b/i.test(description)) return [];
  return [
    issue(
      'metadata.description',
      'the template is deprecated but its description does not say what replaces it',
      'say it in metadata.description, e.g. "Deprecated. Use the `postgresql` template." (developers see it next to the deprecation notice), and link a migration guide in spec.links',
    ),
  ];
}

/**
 * Every check the catalog runs on a `kind: ServiceTemplate` entity, each
 * problem naming its field and saying how to fix it:
 *
 * 1. the kind's JSON schema (what `serviceTemplateEntityV1alpha1Validator` checks),
 * 2. the zod spec schema of `-common` (every failing field),
 * 3. `spec.parameters` compiles as a JSON Schema (ajv) and is an object schema,
 * 4. every `${{ … }}` in `spec.service` is `${{ parameters.x }}` with `x` declared,
 * 5. rendering with the parameters' defaults gives a valid service (the same
 *    `renderServiceFromTemplate` the backend and the UI use).
 *
 * The semantic version is part of 1 and 2. A deprecated template whose
 * description does not say what replaces it gets a warning, which does not
 * block it (the kind has no field for the replacement).
 *
 * @public
 */
export async function validateServiceTemplate(
  entity: Entity,
): Promise<ServiceTemplateValidation> {
  const name = entity.metadata?.name;
  const ref =
    typeof name === 'string' && name
      ? stringifyEntityRef({
          kind: 'ServiceTemplate',
          namespace: entity.metadata.namespace ?? 'default',
          name,
        })
      : undefined;
  const version =
    typeof entity.spec?.version === 'string' ? entity.spec.version : undefined;

  const policyIssues = await checkEntityPolicies(entity);
  const kindIssues = [...policyIssues, ...(await checkKindSchema(entity))];
  const specIssues = entity.spec ? checkSpecSchema(entity.spec) : [];
  // The spec schema names every failing spec field; the kind schema only its
  // first problem, which still counts when it is outside spec.
  const errors = uniqueIssues([
    ...kindIssues.filter(
      i => specIssues.length === 0 || !i.path.startsWith('spec'),
    ),
    ...specIssues,
  ]);
  if (errors.length > 0 || !isServiceTemplateEntity(entity)) {
    return { ref, version, errors, warnings: [] };
  }

  const schema = entity.spec.parameters as JsonSchema | undefined;
  errors.push(...parametersSchemaIssues(schema));
  const declared = new Set(Object.keys(schema?.properties ?? {}));
  errors.push(
    ...expressionIssues(entity.spec.service, declared, 'spec.service'),
  );
  if (errors.length === 0) {
    errors.push(...renderIssues(entity));
  }
  return {
    ref,
    version,
    errors: uniqueIssues(errors),
    warnings: [
      ...deprecationWarnings(entity),
      ...unruledSensitiveWarnings(entity),
    ],
  };
}
