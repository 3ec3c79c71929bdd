import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ListTemplatesQuery,
  Service,
  ServiceTemplateSummary,
  ServiceTemplateEntityV1alpha1,
  ServiceTemplateRenderError,
  TemplateParameterError,
  compareTemplateVersions,
  formatZodError,
  isServiceTemplateEntity,
  renderServiceFromTemplate,
  serviceChanges,
  serviceSchema,
  templateUpgrade,
} from '@greenroom/plugin-environments-common';
import { z } from 'zod';
import type { EnvironmentAccessFilter } from '../storage/types';
import type {
  EnvironmentCommands,
  RequestContext,
} from '../service/EnvironmentCommands';
import { TemplateStore } from './TemplateStore';

const addServiceSchema = z.strictObject({
  template: z.string().min(1, { error: 'must name a ServiceTemplate' }),
  name: z.string().min(1, { error: 'must not be empty' }),
  parameters: z.record(z.string(), z.unknown()).default({}),
  dryRun: z.boolean().optional(),
});

const upgradeSchema = z
  .strictObject({ dryRun: z.boolean().optional() })
  .default({});

function parseBody<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  const result = schema.safeParse(body ?? {});
  if (!result.success) throw new InputError(formatZodError(result.error));
  return result.data;
}

/** `postgresql` or a full ref → `servicetemplate:default/postgresql`. */
function templateRefOf(value: string): string {
  try {
    return stringifyEntityRef(
      parseEntityRef(value.toLowerCase(), {
        defaultKind: 'servicetemplate',
        defaultNamespace: 'default',
      }),
    );
  } catch {
    throw new InputError(
      `template: "${value}" is not a ServiceTemplate reference such as servicetemplate:default/postgresql`,
    );
  }
}

function engineOf(entity: ServiceTemplateEntityV1alpha1): string | undefined {
  const engine = entity.spec.service.database?.engine;
  // An expression is decided by the form; it names no engine by itself.
  return typeof engine === 'string' && !engine.includes('${{')
    ? engine
    : undefined;
}

/** Renders with the template's messages turned into 400s that name the field. */
function render(
  entity: ServiceTemplateEntityV1alpha1,
  name: string,
  parameters: Record<string, unknown>,
) {
  try {
    return renderServiceFromTemplate(entity, { name, parameters });
  } catch (error) {
    if (
      error instanceof TemplateParameterError ||
      error instanceof ServiceTemplateRenderError
    ) {
      throw new InputError(error.message);
    }
    throw error;
  }
}

/**
 * Service templates, read through the catalog with the caller's credentials
 * (so catalog permissions apply), plus the versions this backend has seen and
 * which environments use them.
 */
export class TemplateService {
  readonly #catalog: CatalogService;
  readonly #store: TemplateStore;
  readonly #environments: EnvironmentCommands;

  constructor(options: {
    catalog: CatalogService;
    store: TemplateStore;
    environments: EnvironmentCommands;
  }) {
    this.#catalog = options.catalog;
    this.#store = options.store;
    this.#environments = options.environments;
  }

  /**
   * Templates the caller may see in the catalog; usage counts only the
   * environments `access` (the caller's read access) lets through.
   */
  async list(
    credentials: BackstageCredentials,
    query: ListTemplatesQuery,
    access: EnvironmentAccessFilter,
  ): Promise<{ items: ServiceTemplateSummary[] }> {
    const { items } = await this.#catalog.getEntities(
      { filter: { kind: 'ServiceTemplate' } },
      { credentials },
    );
    const templates = items.filter(isServiceTemplateEntity);
    await this.#record(templates);
    const usageCounts = new Map<string, number>();
    for (const { templateRef } of await this.#store.listUsage(access)) {
      usageCounts.set(templateRef, (usageCounts.get(templateRef) ?? 0) + 1);
    }
    const q = query.q?.trim().toLowerCase();
    const summaries = templates
      .map(entity =>
        this.#summary(entity, usageCounts.get(stringifyEntityRef(entity)) ?? 0),
      )
      .filter(
        t =>
          (!q ||
            [t.name, t.title, t.description ?? '', ...t.tags].some(text =>
              text.toLowerCase().includes(q),
            )) &&
          (!query.type || t.type === query.type) &&
          (!query.engine || t.engine === query.engine) &&
          (!query.lifecycle || t.lifecycle === query.lifecycle) &&
          (!query.owner || t.owner === query.owner),
      )
      .sort((a, b) => a.title.localeCompare(b.title));
    return { items: summaries };
  }

  /** One template, with the usage of the environments `access` lets through. */
  async get(
    credentials: BackstageCredentials,
    namespace: string,
    name: string,
    access: EnvironmentAccessFilter,
  ) {
    const entity = await this.#entity(
      credentials,
      `servicetemplate:${namespace}/${name}`,
    );
    const ref = stringifyEntityRef(entity);
    await this.#record([entity]);
    const [versions, usage] = await Promise.all([
      this.#store.listVersions(ref),
      this.#store.listUsage(access, ref),
    ]);
    const available = versions.map(v => ({
      version: v.version,
      lifecycle: v.lifecycle,
    }));
    return {
      template: {
        ...this.#summary(entity, usage.length),
        service: entity.spec.service,
      },
      versions: versions
        .sort((a, b) => compareTemplateVersions(b.version, a.version))
        .map(v => ({
          version: v.version,
          lifecycle: v.lifecycle,
          firstSeenAt: v.firstSeenAt.toISOString(),
        })),
      usage: usage.map(u => ({
        environment: u.environmentName,
        environmentTitle: u.environmentTitle,
        mode: u.mode,
        service: u.serviceName,
        version: u.version,
        status: templateUpgrade(u.version, available).status,
      })),
    };
  }

  /**
   * Renders a service from a template and the form's values and, unless a
   * dry run, adds it to the environment as an update operation.
   */
  async addService(
    environmentName: string,
    body: unknown,
    credentials: BackstageCredentials,
    ctx: RequestContext,
  ) {
    const input = parseBody(addServiceSchema, body);
    const environment = await this.#environments.get(environmentName);
    if (environment.services.some(s => s.name === input.name)) {
      throw new InputError(
        `name: a service named "${input.name}" already exists in environment ${environmentName}`,
      );
    }
    const entity = await this.#entity(
      credentials,
      templateRefOf(input.template),
    );
    await this.#record([entity]);
    const rendered = render(entity, input.name, input.parameters);
    const service = this.#toService(rendered.service, {
      ...rendered.template,
      parameters: input.parameters,
    });
    if (input.dryRun) return { service };
    return this.#environments.changeServices(
      environmentName,
      current => [...current.services, service],
      ctx,
    );
  }

  /** Each service of the environment made from a template, with its upgrade status. */
  async upgrades(environmentName: string, credentials: BackstageCredentials) {
    const environment = await this.#environments.get(environmentName);
    const items = [];
    for (const service of environment.services) {
      if (!service.template) continue;
      const versions = await this.#knownVersions(
        credentials,
        service.template.ref,
      );
      const upgrade = templateUpgrade(service.template.version, versions);
      items.push({
        service: service.name,
        template: service.template.ref,
        version: service.template.version,
        status: upgrade.status,
        ...(upgrade.latest ? { latest: upgrade.latest } : {}),
      });
    }
    return { items };
  }

  /**
   * Renders a service again with the template's current version and the
   * values it was made with. A dry run answers with what changes.
   */
  async upgradeService(
    environmentName: string,
    serviceName: string,
    body: unknown,
    credentials: BackstageCredentials,
    ctx: RequestContext,
  ) {
    const { dryRun } = parseBody(upgradeSchema, body);
    const environment = await this.#environments.get(environmentName);
    const current = environment.services.find(s => s.name === serviceName);
    if (!current) {
      throw new NotFoundError(
        `Environment '${environmentName}' has no service '${serviceName}'`,
      );
    }
    if (!current.template) {
      throw new InputError(
        `service: '${serviceName}' was not created from a ServiceTemplate, so it has nothing to upgrade`,
      );
    }
    const entity = await this.#entity(credentials, current.template.ref);
    await this.#record([entity]);
    if (
      compareTemplateVersions(entity.spec.version, current.template.version) <=
      0
    ) {
      throw new ConflictError(
        `Service '${serviceName}' already uses ${entity.metadata.name} ${current.template.version}, the latest version`,
      );
    }
    const parameters = current.template.parameters ?? {};
    const rendered = render(entity, serviceName, parameters);
    const upgraded = this.#keepUserChoices(
      current,
      this.#toService(rendered.service, { ...rendered.template, parameters }),
    );
    const summary = {
      service: serviceName,
      from: current.template.version,
      to: entity.spec.version,
      changes: serviceChanges(current, upgraded),
    };
    if (dryRun) return summary;
    return this.#environments.changeServices(
      environmentName,
      latest =>
        latest.services.map(s => (s.name === serviceName ? upgraded : s)),
      ctx,
    );
  }

  /** What a user set on the service that the template does not decide. */
  #keepUserChoices(current: Service, upgraded: Service): Service {
    const templateKeys = new Set(upgraded.variables.map(v => v.key));
    return {
      ...upgraded,
      ...(current.componentRef ? { componentRef: current.componentRef } : {}),
      customDomains: current.customDomains,
      variables: [
        ...upgraded.variables,
        ...current.variables.filter(v => !templateKeys.has(v.key)),
      ],
    };
  }

  #toService(
    rendered: unknown,
    template: NonNullable<Service['template']>,
  ): Service {
    const result = serviceSchema.safeParse({
      ...(rendered as object),
      template,
    });
    if (!result.success) throw new InputError(formatZodError(result.error));
    return result.data;
  }

  async #entity(credentials: BackstageCredentials, ref: string) {
    try {
      parseEntityRef(ref);
    } catch {
      // e.g. GET /templates/%2F/x: the catalog client would throw a TypeError (500)
      throw new InputError(`template: '${ref}' is not an entity reference`);
    }
    const entity = await this.#catalog.getEntityByRef(ref, { credentials });
    if (!entity || !isServiceTemplateEntity(entity)) {
      throw new NotFoundError(
        `template: there is no ServiceTemplate '${ref}' in the catalog`,
      );
    }
    return entity;
  }

  /** Versions seen so far, including the catalog's current one. */
  async #knownVersions(credentials: BackstageCredentials, ref: string) {
    const entity = await this.#catalog.getEntityByRef(ref, { credentials });
    if (entity && isServiceTemplateEntity(entity)) await this.#record([entity]);
    const versions = await this.#store.listVersions(ref);
    return versions.map(v => ({ version: v.version, lifecycle: v.lifecycle }));
  }

  async #record(entities: ServiceTemplateEntityV1alpha1[]) {
    await this.#store.recordVersions(
      entities.map(entity => ({
        templateRef: stringifyEntityRef(entity),
        version: entity.spec.version,
        lifecycle: entity.spec.lifecycle,
        spec: entity.spec as unknown as Record<string, unknown>,
      })),
    );
  }

  #summary(
    entity: ServiceTemplateEntityV1alpha1,
    usageCount: number,
  ): ServiceTemplateSummary {
    const summary: ServiceTemplateSummary = {
      ref: stringifyEntityRef(entity),
      namespace: entity.metadata.namespace ?? 'default',
      name: entity.metadata.name,
      title: entity.metadata.title ?? entity.metadata.name,
      tags: entity.metadata.tags ?? [],
      owner: stringifyEntityRef(
        parseEntityRef(entity.spec.owner, {
          defaultKind: 'group',
          defaultNamespace: entity.metadata.namespace ?? 'default',
        }),
      ),
      type: entity.spec.type,
      version: entity.spec.version,
      lifecycle: entity.spec.lifecycle,
      links: entity.spec.links ?? [],
      usageCount,
    };
    if (entity.metadata.description) {
      summary.description = entity.metadata.description;
    }
    const engine = engineOf(entity);
    if (engine) summary.engine = engine;
    if (entity.spec.parameters) {
      summary.parameters = entity.spec.parameters as Record<string, unknown>;
    }
    return summary;
  }
}
