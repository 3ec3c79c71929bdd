import { ConflictError, NotFoundError } from '@backstage/errors';
import type { Service, Variable } from '@greenroom/plugin-environments-common';
import type { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import type { SecretBox } from '../secrets/SecretBox';
import { applyAccess } from './access';
import { claimCustomDomains, findCustomDomainHolders } from './customDomains';
import {
  applyFilter,
  applySort,
  assembleEnvironments,
  getEnvironment,
  loadEnvironments,
} from './environmentQueries';
import { insertRows, rethrowConflict } from './knexUtils';
import type { OperationStore } from './OperationStore';
import {
  COST_COLUMNS,
  EnvironmentRow,
  POLICY_COLUMNS,
  type ParsedPolicies,
  ServiceRow,
  VariableRow,
  toCostEnvironmentFields,
  toEnvironmentRow,
  toHeader,
  toMillis,
  toPolicyEnvironmentMs,
  withIsoTimes,
  toServiceRow,
  toSpecColumns,
} from './rows';
import { SecretVariables } from './SecretVariables';
import { updateEnvironmentSpecs } from './updateEnvironmentSpecs';
import type {
  CostEnvironmentFields,
  EnvironmentAccessFilter,
  EnvironmentFilter,
  EnvironmentHeader,
  EnvironmentRecords,
  EnvironmentSort,
  EnvironmentSpecChange,
  EnvironmentSpecChangeOutcome,
  EnvironmentSpecPatch,
  EnvironmentStatusPatch,
  NewActivity,
  NewEnvironment,
  NewOperation,
  OperationRecord,
  PolicyEnvironment,
  PolicyEnvironmentMs,
  StoredEnvironment,
} from './types';

/**
 * Environments with their services, variables, custom domains and activity.
 * A change that queues an operation writes it in the same transaction,
 * through the {@link OperationStore}.
 */

/** Names per `IN (...)`, well under both engines' parameter limits. */
const NAMES_PER_QUERY = 2000;

export class EnvironmentStore implements EnvironmentRecords {
  readonly #db: Knex;
  readonly #variables: SecretVariables;
  readonly #operations: OperationStore;
  readonly #now: () => Date;

  constructor(options: {
    db: Knex;
    secrets: SecretBox;
    operations: OperationStore;
    now: () => Date;
  }) {
    this.#db = options.db;
    this.#variables = new SecretVariables(options.secrets);
    this.#operations = options.operations;
    this.#now = options.now;
  }

  async listEnvironments(options: {
    filter: EnvironmentFilter;
    access: EnvironmentAccessFilter;
    sort: EnvironmentSort;
    limit: number;
    offset: number;
  }): Promise<{ items: StoredEnvironment[]; totalCount: number }> {
    const query = this.#db('environments');
    applyFilter(this.#db, query, options.filter);
    applyAccess(query, options.access);

    const [{ count }] = await query.clone().count({ count: '*' });
    const rows: EnvironmentRow[] = await applySort(
      this.#db,
      query.clone().select('*'),
      options.sort,
    )
      .limit(options.limit)
      .offset(options.offset);

    return {
      items: await loadEnvironments(this.#db, rows),
      totalCount: Number(count),
    };
  }

  async listEnvironmentHeaders(options: {
    filter?: EnvironmentFilter;
    access?: EnvironmentAccessFilter;
    afterName?: string;
    limit: number;
  }): Promise<EnvironmentHeader[]> {
    const query = this.#db('environments');
    if (options.filter) applyFilter(this.#db, query, options.filter);
    if (options.access) applyAccess(query, options.access);
    if (options.afterName !== undefined) {
      query.where('name', '>', options.afterName);
    }
    const rows: EnvironmentRow[] = await query
      .select('*')
      .orderBy('name')
      .limit(options.limit);
    return rows.map(row => toHeader(row));
  }

  async listPolicyEnvironments(options: {
    afterName?: string;
    limit: number;
  }): Promise<PolicyEnvironment[]> {
    return (await this.listPolicyEnvironmentsMs(options)).map(withIsoTimes);
  }

  async listPolicyEnvironmentsMs(options: {
    afterName?: string;
    limit: number;
  }): Promise<PolicyEnvironmentMs[]> {
    const query = this.#db('environments').select(POLICY_COLUMNS);
    if (options.afterName !== undefined) {
      query.where('name', '>', options.afterName);
    }
    const rows = await query.orderBy('name').limit(options.limit);
    const policies: ParsedPolicies = new Map();
    return rows.map(row => toPolicyEnvironmentMs(row, policies));
  }

  async getPolicyEnvironment(
    name: string,
  ): Promise<PolicyEnvironment | undefined> {
    const row = await this.#db('environments')
      .where({ name })
      .first(POLICY_COLUMNS);
    return row && withIsoTimes(toPolicyEnvironmentMs(row));
  }

  async listCostEnvironments(options: {
    filter?: EnvironmentFilter;
    access?: EnvironmentAccessFilter;
  }): Promise<CostEnvironmentFields[]> {
    const query = this.#db('environments');
    if (options.filter) applyFilter(this.#db, query, options.filter);
    if (options.access) applyAccess(query, options.access);
    const rows = await query.select(COST_COLUMNS).orderBy('name');
    return rows.map(toCostEnvironmentFields);
  }

  async listDependants(baseId: string): Promise<EnvironmentHeader[]> {
    const rows: EnvironmentRow[] = await this.#db('environments')
      .where('baseline_environment_id', baseId)
      .whereNot('desired_state', 'deleted')
      .select('*')
      .orderBy('name');
    return rows.map(row => toHeader(row));
  }

  async getEnvironment(name: string): Promise<StoredEnvironment | undefined> {
    return getEnvironment(this.#db, { name });
  }

  async getEnvironmentHeader(
    name: string,
  ): Promise<EnvironmentHeader | undefined> {
    const row: EnvironmentRow | undefined = await this.#db('environments')
      .where({ name })
      .first();
    return row && toHeader(row);
  }

  async getEnvironmentHeaderById(
    id: string,
  ): Promise<EnvironmentHeader | undefined> {
    const row: EnvironmentRow | undefined = await this.#db('environments')
      .where({ id })
      .first();
    return row && toHeader(row);
  }

  async getEnvironmentHeaders(names: string[]): Promise<EnvironmentHeader[]> {
    const headers: EnvironmentHeader[] = [];
    for (let i = 0; i < names.length; i += NAMES_PER_QUERY) {
      const rows: EnvironmentRow[] = await this.#db('environments').whereIn(
        'name',
        names.slice(i, i + NAMES_PER_QUERY),
      );
      headers.push(...rows.map(row => toHeader(row)));
    }
    return headers;
  }

  async getEnvironmentById(id: string): Promise<StoredEnvironment | undefined> {
    return getEnvironment(this.#db, { id });
  }

  async findCustomDomainHolders(
    hosts: string[],
  ): Promise<Array<{ host: string; environmentName: string }>> {
    return findCustomDomainHolders(this.#db, hosts);
  }

  async createEnvironment(
    environment: NewEnvironment,
    operation: NewOperation,
  ): Promise<{ environment: StoredEnvironment; operation: OperationRecord }> {
    const now = this.#now().getTime();
    const id = randomUUID();
    const row = toEnvironmentRow(id, environment, now);

    return this.#db.transaction(async tx => {
      // The unique index on name decides races between concurrent creates.
      await tx('environments')
        .insert(row)
        .catch(error =>
          rethrowConflict(
            error,
            `environment '${environment.name}' already exists`,
          ),
        );
      const services = await this.#insertServices(tx, id, environment.services);
      const variableRows = environment.variables.map(v =>
        this.#variables.toRow(id, '', v),
      );
      await insertRows(tx, 'environment_variables', variableRows);
      const created = await this.#operations.insert(tx, row, operation, now);
      // Made from the rows just written, by the mappers a read uses.
      const [stored] = assembleEnvironments([row], services.serviceRows, [
        ...services.variableRows,
        ...variableRows,
      ]);
      return { environment: stored, operation: created };
    });
  }

  async updateEnvironmentSpec(
    name: string,
    patch: EnvironmentSpecPatch,
    options: {
      expectedRevision?: number;
      operation?: NewOperation;
      activity?: NewActivity;
    },
  ): Promise<{ environment: StoredEnvironment; operation?: OperationRecord }> {
    return this.#db.transaction(async tx => {
      const row = await readForChange(tx, name, options.expectedRevision);
      const columns = toSpecColumns(patch);
      const { activity } = options;
      if (activity) {
        await insertActivity(tx, row.id, activity);
        // The row is locked: its activity moves forward in the same update.
        columns.last_activity_at = Math.max(
          Number(row.last_activity_at),
          activity.at.getTime(),
        );
      }
      const updated = await this.#bumpRevision(tx, row, columns);

      if (patch.services) {
        // Secrets are never returned, so a service sent back without a
        // secret's value keeps the stored one.
        const stored = await this.#variables.ciphertexts(tx, row.id);
        await tx('environment_variables')
          .where({ environment_id: row.id })
          .whereNot({ service_name: '' })
          .delete();
        await tx('environment_services')
          .where({ environment_id: row.id })
          .delete();
        // Frees the hosts it no longer uses; #insertServices takes the others
        // back (a host may move between its services).
        await tx('environment_custom_domains')
          .where({ environment_id: row.id })
          .delete();
        await this.#insertServices(tx, row.id, patch.services, stored);
      }

      const operation = options.operation
        ? await this.#operations.insert(tx, row, options.operation)
        : undefined;
      // The written row is at hand: only its services and variables are read.
      const [environment] = await loadEnvironments(tx, [updated]);
      return { environment, operation };
    });
  }

  async updateEnvironmentSpecs(
    changes: EnvironmentSpecChange[],
  ): Promise<EnvironmentSpecChangeOutcome[]> {
    return updateEnvironmentSpecs(
      this.#db,
      this.#operations,
      this.#now().getTime(),
      changes,
    );
  }

  async updateEnvironmentStatus(
    id: string,
    patch: EnvironmentStatusPatch,
  ): Promise<void> {
    await this.#db.transaction(async tx => {
      if (patch.status) {
        // updated_at moves only when the status really changes, so that a
        // reconcile loop repeating the same status does not touch it.
        await tx('environments')
          .where({ id })
          .modify(q => {
            if (patch.onlyIfStatusIn) q.whereIn('status', patch.onlyIfStatusIn);
          })
          .update({
            status: patch.status,
            updated_at: tx.raw(
              'CASE WHEN status <> ? THEN ? ELSE updated_at END',
              [patch.status, this.#now().getTime()],
            ),
          });
      }
      if (patch.lastActivityAt) {
        await moveActivityForward(tx, id, toMillis(patch.lastActivityAt));
      }
    });
  }

  async deleteEnvironment(id: string): Promise<void> {
    // Explicit deletes rather than relying on ON DELETE CASCADE, which
    // SQLite only honours when foreign keys are switched on.
    await this.#db.transaction(async tx => {
      await tx('environment_variables').where({ environment_id: id }).delete();
      await tx('environment_services').where({ environment_id: id }).delete();
      // Its custom domains are free again.
      await tx('environment_custom_domains')
        .where({ environment_id: id })
        .delete();
      // Generated database passwords: ManagedDatabases forgets them only for
      // runtimes that are not simulated, so the local runtime left them behind.
      await tx('database_credentials').where({ environment_id: id }).delete();
      await tx('service_observations').where({ environment_id: id }).delete();
      await tx('environment_observations')
        .where({ environment_id: id })
        .delete();
      await tx('environments').where({ id }).delete();
    });
  }

  async putVariable(
    name: string,
    variable: Variable,
    options: { service?: string; expectedRevision?: number },
  ): Promise<StoredEnvironment> {
    return this.#db.transaction(async tx => {
      const row = await readForChange(tx, name, options.expectedRevision);
      const serviceName = options.service ?? '';
      if (options.service) {
        await requireService(tx, row, options.service);
      }
      const stored = await this.#variables.ciphertexts(tx, row.id);
      await tx('environment_variables')
        .insert(this.#variables.toRow(row.id, serviceName, variable, stored))
        .onConflict(['environment_id', 'service_name', 'key'])
        .merge();
      await this.#bumpRevision(tx, row);
      return (await getEnvironment(tx, { id: row.id }))!;
    });
  }

  async deleteVariable(
    name: string,
    key: string,
    options: { service?: string; expectedRevision?: number },
  ): Promise<boolean> {
    return this.#db.transaction(async tx => {
      const row = await readForChange(tx, name, options.expectedRevision);
      if (options.service) {
        await requireService(tx, row, options.service);
      }
      const deleted = await tx('environment_variables')
        .where({
          environment_id: row.id,
          service_name: options.service ?? '',
          key,
        })
        .delete();
      if (deleted === 0) {
        return false;
      }
      await this.#bumpRevision(tx, row);
      return true;
    });
  }

  async getSecretValues(environmentId: string): Promise<Map<string, string>> {
    return this.#variables.plaintexts(this.#db, environmentId);
  }

  async recordActivity(
    environmentId: string,
    activity: NewActivity,
  ): Promise<void> {
    await this.#db.transaction(async tx => {
      await insertActivity(tx, environmentId, activity);
      await moveActivityForward(tx, environmentId, activity.at.getTime());
    });
  }

  /** Writes the columns and the next revision; returns the row as written. */
  async #bumpRevision(
    tx: Knex.Transaction,
    row: EnvironmentRow,
    columns: Partial<EnvironmentRow> = {},
  ): Promise<EnvironmentRow> {
    const changes = {
      ...columns,
      revision: row.revision + 1,
      updated_at: this.#now().getTime(),
    };
    await tx('environments').where({ id: row.id }).update(changes);
    return { ...row, ...changes };
  }

  async #insertServices(
    tx: Knex.Transaction,
    environmentId: string,
    services: Service[],
    storedSecrets = new Map<string, string>(),
  ): Promise<{ serviceRows: ServiceRow[]; variableRows: VariableRow[] }> {
    const serviceRows = services.map((service, position) =>
      toServiceRow(environmentId, service, position),
    );
    await insertRows(tx, 'environment_services', serviceRows);
    const variableRows = services.flatMap(service =>
      service.variables.map(variable =>
        this.#variables.toRow(
          environmentId,
          service.name,
          variable,
          storedSecrets,
        ),
      ),
    );
    await insertRows(tx, 'environment_variables', variableRows);
    await claimCustomDomains(tx, environmentId, services);
    return { serviceRows, variableRows };
  }
}

/**
 * Reads an environment that is about to change, and checks the revision
 * the caller expects. On PostgreSQL the row stays locked until commit so
 * that concurrent changes queue up; SQLite has a single writer anyway.
 */
async function readForChange(
  tx: Knex.Transaction,
  name: string,
  expectedRevision: number | undefined,
): Promise<EnvironmentRow> {
  const row: EnvironmentRow | undefined = await tx('environments')
    .where({ name })
    .forUpdate()
    .first();
  if (!row) {
    throw new NotFoundError(`environment '${name}' not found`);
  }
  if (expectedRevision !== undefined && row.revision !== expectedRevision) {
    throw new ConflictError(
      `environment '${name}' has revision ${row.revision}, not ${expectedRevision}`,
    );
  }
  return row;
}

async function requireService(
  tx: Knex.Transaction,
  environment: EnvironmentRow,
  service: string,
) {
  const found = await tx('environment_services')
    .where({ environment_id: environment.id, name: service })
    .first('name');
  if (!found) {
    throw new NotFoundError(
      `service '${service}' not found in environment '${environment.name}'`,
    );
  }
}

async function insertActivity(
  db: Knex,
  environmentId: string,
  activity: NewActivity,
) {
  await db('activity').insert({
    environment_id: environmentId,
    kind: activity.kind,
    actor: activity.actor ?? null,
    at: activity.at.getTime(),
  });
}

/** Sets last_activity_at to `at` unless it already is later. */
async function moveActivityForward(
  db: Knex,
  environmentId: string,
  at: number,
) {
  await db('environments')
    .where({ id: environmentId })
    .where('last_activity_at', '<', at)
    .update({ last_activity_at: at });
}
