import type { Knex } from 'knex';
import type { ServiceTemplateLifecycle } from '@greenroom/plugin-environments-common';
import { applyAccess } from '../storage/access';
import type { EnvironmentAccessFilter } from '../storage/types';

/** A version of a ServiceTemplate as the backend saw it in the catalog. */
export interface TemplateVersionRecord {
  templateRef: string;
  version: string;
  lifecycle: ServiceTemplateLifecycle;
  /** The entity's `spec` at that version. */
  spec: Record<string, unknown>;
  firstSeenAt: Date;
}

/** A service of a live environment that was created from a template. */
export interface TemplateUsageRecord {
  environmentName: string;
  environmentTitle: string;
  mode: string;
  serviceName: string;
  templateRef: string;
  version: string;
}

/**
 * Template versions and the usage index. The catalog only knows a
 * template's current version; this keeps every version seen, so older ones
 * can be compared and upgraded from.
 */
export class TemplateStore {
  readonly #db: Knex;

  constructor(db: Knex) {
    this.#db = db;
  }

  /** Records versions not seen before; a known version's lifecycle is updated. */
  async recordVersions(
    versions: Array<Omit<TemplateVersionRecord, 'firstSeenAt'>>,
    now: Date = new Date(),
  ): Promise<void> {
    for (const version of versions) {
      await this.#db('service_template_versions')
        .insert({
          template_ref: version.templateRef,
          version: version.version,
          lifecycle: version.lifecycle,
          spec: JSON.stringify(version.spec),
          first_seen_at: now.getTime(),
        })
        .onConflict(['template_ref', 'version'])
        .merge(['lifecycle']);
    }
  }

  /** The `spec` of one version of a template, if it was ever seen. */
  async getVersionSpec(
    templateRef: string,
    version: string,
  ): Promise<Record<string, unknown> | undefined> {
    const row = await this.#db('service_template_versions')
      .where({ template_ref: templateRef, version })
      .first('spec');
    return row ? JSON.parse(row.spec) : undefined;
  }

  /** Known versions of one template, newest first seen first. */
  async listVersions(templateRef: string): Promise<TemplateVersionRecord[]> {
    const rows = await this.#db('service_template_versions')
      .where({ template_ref: templateRef })
      .orderBy([
        { column: 'first_seen_at', order: 'desc' },
        { column: 'version', order: 'desc' },
      ]);
    return rows.map(row => ({
      templateRef: row.template_ref,
      version: row.version,
      lifecycle: row.lifecycle,
      spec: JSON.parse(row.spec),
      firstSeenAt: new Date(Number(row.first_seen_at)),
    }));
  }

  /**
   * Which environments (not being deleted) run which template versions,
   * among those the access filter (the caller's read access) lets through.
   */
  async listUsage(
    access: EnvironmentAccessFilter,
    templateRef?: string,
  ): Promise<TemplateUsageRecord[]> {
    const query = this.#db('environment_services as s')
      .join('environments as e', 'e.id', 's.environment_id')
      .whereNotNull('s.template_ref')
      .whereNot('e.desired_state', 'deleted')
      .select(
        'e.name as environment_name',
        'e.title as environment_title',
        'e.mode as mode',
        's.name as service_name',
        's.template_ref as template_ref',
        's.template_version as template_version',
      )
      .orderBy(['e.name', 's.name']);
    if (templateRef) query.where('s.template_ref', templateRef);
    applyAccess(query, access, 'e');
    const rows = await query;
    return rows.map(row => ({
      environmentName: row.environment_name,
      environmentTitle: row.environment_title,
      mode: row.mode,
      serviceName: row.service_name,
      templateRef: row.template_ref,
      version: row.template_version,
    }));
  }
}
