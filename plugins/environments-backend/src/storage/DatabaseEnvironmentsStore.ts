import {
  DatabaseService,
  isDatabaseConflictError,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import type { JsonValue } from '@backstage/types';
import type { Service, Variable } from '@greenroom/plugin-environments-common';
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { SecretBox } from '../secrets/SecretBox';
import { applyAccess } from './access';
import {
  EnvironmentAccessFilter,
  EnvironmentFilter,
  EnvironmentHeader,
  EnvironmentSort,
  EnvironmentSpecPatch,
  EnvironmentStatusPatch,
  EnvironmentsStore,
  NewEnvironment,
  NewOperation,
  OperationRecord,
  ServiceIntervalInput,
  StoredEnvironment,
} from './types';
import {
  EnvironmentRow,
  IntervalRow,
  Millis,
  OperationRow,
  ServiceInterval,
  ServiceRow,
  VariableRow,
  toEnvironment,
  toIso,
  toMillis,
  toOperationRecord,
  toService,
  toServiceInterval,
  toServiceRow,
  toSpecColumns,
  toVariable,
} from './rows';

export type { ServiceInterval } from './rows';

const migrationsDir = resolvePackagePath(
  '@greenroom/plugin-environments-backend',
  'migrations',
);

const SORT_COLUMNS = {
  name: 'name',
  updatedAt: 'updated_at',
  lastActivityAt: 'last_activity_at',
  expiresAt: 'expires_at',
} as const;

// Namespaces our PostgreSQL advisory locks (the two-key form) away from
// other plugins' locks: "grn" in ASCII.
const ADVISORY_LOCK_CLASS = 0x67726e;

// Rows per INSERT, well under the bound-parameter limits of both engines.
const INSERT_CHUNK = 200;

/**
 * The knex store of environments, their operations, activity and cost
 * ledger. Runs on PostgreSQL and SQLite; the differences between the two
 * stay in this class.
 */
export class DatabaseEnvironmentsStore implements EnvironmentsStore {
  readonly #db: Knex;
  readonly #secrets: SecretBox;
  readonly #now: () => Date;
  readonly #isPostgres: boolean;

  static async create(options: {
    database: DatabaseService;
    secrets: SecretBox;
    skipMigrations?: boolean;
    /** The clock, for tests. */
    now?: () => Date;
  }): Promise<DatabaseEnvironmentsStore> {
    const { database, secrets, skipMigrations, now } = options;
    const db = await database.getClient();
    if (!database.migrations?.skip && !skipMigrations) {
      await db.migrate.latest({ directory: migrationsDir });
    }
    return new DatabaseEnvironmentsStore(db, secrets, now);
  }

  /** Migrates the given database and returns a store on it. */
  static async forTest(
    knex: Knex,
    secrets: SecretBox,
    options: { now?: () => Date } = {},
  ): Promise<DatabaseEnvironmentsStore> {
    return DatabaseEnvironmentsStore.create({
      database: { getClient: async () => knex },
      secrets,
      now: options.now,
    });
  }

  private constructor(db: Knex, secrets: SecretBox, now = () => new Date()) {
    this.#db = db;
    this.#secrets = secrets;
    this.#now = now;
    this.#isPostgres = db.client.dialect === 'postgresql';
  }

  // Environments

  async listEnvironments(options: {
    filter: EnvironmentFilter;
    access: EnvironmentAccessFilter;
    sort: EnvironmentSort;
    limit: number;
    offset: number;
  }): Promise<{ items: StoredEnvironment[]; totalCount: number }> {
    const query = this.#db('environments');
    applyFilter(this.#db, query, options.filter);
    applyAccess(this.#db, query, options.access);

    const [{ count }] = await query.clone().count({ count: '*' });
    const rows: EnvironmentRow[] = await this.#applySort(
      query.clone().select('*'),
      options.sort,
    )
      .limit(options.limit)
      .offset(options.offset);

    return {
      items: await this.#loadEnvironments(this.#db, rows),
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
    if (options.access) applyAccess(this.#db, query, options.access);
    if (options.afterName !== undefined) {
      query.where('name', '>', options.afterName);
    }
    const rows: EnvironmentRow[] = await query
      .select('*')
      .orderBy('name')
      .limit(options.limit);
    return rows.map(row => {
      const {
        services: _services,
        variables: _variables,
        ...header
      } = toEnvironment(row, [], []);
      return header;
    });
  }

  async getEnvironment(name: string): Promise<StoredEnvironment | undefined> {
    return this.#getEnvironment(this.#db, { name });
  }

  async getEnvironmentById(id: string): Promise<StoredEnvironment | undefined> {
    return this.#getEnvironment(this.#db, { id });
  }

  async findCustomDomainHolders(
    hosts: string[],
  ): Promise<Array<{ host: string; environmentName: string }>> {
    const lower = [...new Set(hosts.map(host => host.toLowerCase()))];
    const holders = new Map<string, string>();
    for (let i = 0; i < lower.length; i += INSERT_CHUNK) {
      const rows: Array<{ host: string; name: string }> = await this.#db(
        'environment_custom_domains as d',
      )
        .join('environments as e', 'e.id', 'd.environment_id')
        .whereIn('d.host', lower.slice(i, i + INSERT_CHUNK))
        .select('d.host', 'e.name');
      for (const row of rows) holders.set(row.host, row.name);
    }
    return [...new Set(hosts)].flatMap(host => {
      const environmentName = holders.get(host.toLowerCase());
      return environmentName ? [{ host, environmentName }] : [];
    });
  }

  async createEnvironment(
    environment: NewEnvironment,
    operation: NewOperation,
  ): Promise<{ environment: StoredEnvironment; operation: OperationRecord }> {
    const now = this.#now().getTime();
    const id = randomUUID();
    const row: EnvironmentRow = {
      id,
      name: environment.name,
      title: environment.title,
      system: environment.system,
      owner: environment.owner,
      mode: environment.mode,
      runtime_type: environment.runtime.type,
      runtime_target: environment.runtime.target ?? null,
      policy: JSON.stringify(environment.policy),
      desired_state: environment.desiredState,
      status: environment.status,
      origin: JSON.stringify(environment.origin),
      attention: JSON.stringify(environment.attention),
      expires_at: environment.expiresAt
        ? toMillis(environment.expiresAt)
        : null,
      last_activity_at: now,
      created_by: environment.createdBy,
      created_at: now,
      updated_at: now,
      revision: 1,
    };

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
      await this.#insertServices(tx, id, environment.services);
      await insertRows(
        tx,
        'environment_variables',
        environment.variables.map(v => this.#toVariableRow(id, '', v)),
      );
      const created = await this.#insertOperation(tx, row, operation, now);
      return {
        environment: (await this.#getEnvironment(tx, { id }))!,
        operation: created,
      };
    });
  }

  async updateEnvironmentSpec(
    name: string,
    patch: EnvironmentSpecPatch,
    options: { expectedRevision?: number; operation?: NewOperation },
  ): Promise<{ environment: StoredEnvironment; operation?: OperationRecord }> {
    return this.#db.transaction(async tx => {
      const row = await this.#readForChange(tx, name, options.expectedRevision);
      await this.#bumpRevision(tx, row, toSpecColumns(patch));

      if (patch.services) {
        // Secrets are never returned, so a service sent back without a
        // secret's value keeps the stored one.
        const stored = await this.#storedSecrets(tx, row.id);
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
        ? await this.#insertOperation(
            tx,
            row,
            options.operation,
            this.#now().getTime(),
          )
        : undefined;
      return {
        environment: (await this.#getEnvironment(tx, { id: row.id }))!,
        operation,
      };
    });
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
      await tx('environments').where({ id }).delete();
    });
  }

  // Variables

  async putVariable(
    name: string,
    variable: Variable,
    options: { service?: string; expectedRevision?: number },
  ): Promise<StoredEnvironment> {
    return this.#db.transaction(async tx => {
      const row = await this.#readForChange(tx, name, options.expectedRevision);
      const serviceName = options.service ?? '';
      if (options.service) {
        await requireService(tx, row, options.service);
      }
      const stored = await this.#storedSecrets(tx, row.id);
      await tx('environment_variables')
        .insert(this.#toVariableRow(row.id, serviceName, variable, stored))
        .onConflict(['environment_id', 'service_name', 'key'])
        .merge();
      await this.#bumpRevision(tx, row);
      return (await this.#getEnvironment(tx, { id: row.id }))!;
    });
  }

  async deleteVariable(
    name: string,
    key: string,
    options: { service?: string; expectedRevision?: number },
  ): Promise<boolean> {
    return this.#db.transaction(async tx => {
      const row = await this.#readForChange(tx, name, options.expectedRevision);
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
    const rows: VariableRow[] = await this.#db('environment_variables')
      .where({ environment_id: environmentId, kind: 'secret' })
      .whereNotNull('value');
    return new Map(
      rows.map(row => [
        `${row.service_name}/${row.key}`,
        this.#secrets.decrypt(
          row.value!,
          secretContext(environmentId, row.service_name, row.key),
        ),
      ]),
    );
  }

  async recordActivity(
    environmentId: string,
    activity: { kind: string; actor?: string; at: Date },
  ): Promise<void> {
    const at = activity.at.getTime();
    await this.#db.transaction(async tx => {
      await tx('activity').insert({
        environment_id: environmentId,
        kind: activity.kind,
        actor: activity.actor ?? null,
        at,
      });
      await moveActivityForward(tx, environmentId, at);
    });
  }

  // Operations

  async createOperation(
    environmentId: string,
    operation: NewOperation,
  ): Promise<{ operation: OperationRecord; created: boolean }> {
    const existing = await this.#findIdempotent(operation);
    if (existing) {
      return { operation: existing, created: false };
    }
    const environment: EnvironmentRow | undefined = await this.#db(
      'environments',
    )
      .where({ id: environmentId })
      .first();
    if (!environment) {
      throw new NotFoundError(
        `environment with id '${environmentId}' not found`,
      );
    }
    try {
      const created = await this.#insertOperation(
        this.#db,
        environment,
        operation,
        this.#now().getTime(),
      );
      return { operation: created, created: true };
    } catch (error) {
      // A concurrent request with the same key got there first.
      const winner = await this.#findIdempotent(operation);
      if (winner) {
        return { operation: winner, created: false };
      }
      throw error;
    }
  }

  async findOperationByIdempotencyKey(
    requestedBy: string,
    idempotencyKey: string,
  ): Promise<
    { operation: OperationRecord; requestFingerprint?: string } | undefined
  > {
    const row: OperationRow | undefined = await this.#db('operations')
      .where({ requested_by: requestedBy, idempotency_key: idempotencyKey })
      .first();
    if (!row) return undefined;
    // Kept beside the operation, never on it: the API shows operations.
    return row.request_fingerprint
      ? {
          operation: toOperationRecord(row),
          requestFingerprint: row.request_fingerprint,
        }
      : { operation: toOperationRecord(row) };
  }

  async getOperation(id: string): Promise<OperationRecord | undefined> {
    const row: OperationRow | undefined = await this.#db('operations')
      .where({ id })
      .first();
    return row && toOperationRecord(row);
  }

  async listOperations(
    environmentId: string,
    options: { limit?: number } = {},
  ): Promise<OperationRecord[]> {
    const query = this.#db('operations')
      .where({ environment_id: environmentId })
      .orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ]);
    if (options.limit !== undefined) {
      query.limit(options.limit);
    }
    const rows: OperationRow[] = await query;
    return rows.map(toOperationRecord);
  }

  async claimOperation(
    owner: string,
    leaseMs: number,
  ): Promise<OperationRecord | undefined> {
    const now = this.#now().getTime();
    return this.#db.transaction(async tx => {
      const candidates = tx('operations')
        .where(claimable(tx, now))
        .orderBy(['created_at', 'id'])
        .limit(1);
      if (this.#isPostgres) {
        // Replicas skip the rows that others are claiming right now.
        candidates.forUpdate().skipLocked();
      }
      const [row]: OperationRow[] = await candidates;
      if (!row || !(await this.#lockEnvironment(tx, row.environment_id))) {
        return undefined;
      }

      const claim = {
        status: 'running',
        attempts: row.attempts + 1,
        lease_owner: owner,
        lease_expires_at: now + leaseMs,
        updated_at: now,
      };
      // Checked again in the UPDATE itself: on SQLite this is what makes the
      // claim safe, on PostgreSQL it sees claims committed since the SELECT.
      const claimed = await tx('operations')
        .where({ id: row.id })
        .where(claimable(tx, now))
        .update(claim);
      return claimed === 1
        ? toOperationRecord({ ...row, ...claim })
        : undefined;
    });
  }

  async renewLease(
    id: string,
    owner: string,
    leaseMs: number,
  ): Promise<boolean> {
    const now = this.#now().getTime();
    const renewed = await this.#db('operations')
      .where({ id, lease_owner: owner, status: 'running' })
      .update({ lease_expires_at: now + leaseMs, updated_at: now });
    return renewed === 1;
  }

  async updateOperation(
    id: string,
    owner: string,
    patch: {
      status?: OperationRecord['status'];
      steps?: OperationRecord['steps'];
      checkpoints?: Record<string, JsonValue>;
      error?: string;
    },
  ): Promise<boolean> {
    return this.#db.transaction(async tx => {
      const row: OperationRow | undefined = await tx('operations')
        .where({ id, lease_owner: owner })
        .forUpdate()
        .first();
      if (!row) {
        return false;
      }
      const columns: Partial<OperationRow> = {
        updated_at: this.#now().getTime(),
      };
      if (patch.status) {
        columns.status = patch.status;
        // A lease only lives while the operation runs.
        if (patch.status !== 'running') {
          columns.lease_owner = null;
          columns.lease_expires_at = null;
        }
      }
      if (patch.steps) {
        columns.steps = JSON.stringify(patch.steps);
      }
      if (patch.checkpoints) {
        columns.checkpoints = JSON.stringify({
          ...JSON.parse(row.checkpoints),
          ...patch.checkpoints,
        });
      }
      if (patch.error !== undefined) {
        columns.error = patch.error;
      }
      await tx('operations').where({ id }).update(columns);
      return true;
    });
  }

  // Cost ledger

  async openServiceInterval(
    interval: ServiceIntervalInput,
    at: Date,
  ): Promise<void> {
    await this.#db.transaction(async tx => {
      await closeIntervals(
        tx,
        interval.environmentId,
        at.getTime(),
        interval.serviceName,
      );
      await tx('service_intervals').insert({
        environment_id: interval.environmentId,
        service_name: interval.serviceName,
        state: interval.state,
        started_at: at.getTime(),
        ended_at: null,
        cpu_cores: interval.cpuCores,
        memory_gb: interval.memoryGb,
        storage_gb: interval.storageGb,
        instance_class: interval.instanceClass ?? null,
        reason: interval.reason ?? null,
      });
    });
  }

  async closeServiceIntervals(
    environmentId: string,
    at: Date,
    serviceName?: string,
  ): Promise<void> {
    await closeIntervals(this.#db, environmentId, at.getTime(), serviceName);
  }

  /** The ledger of an environment, oldest first (for cost reports). */
  async listServiceIntervals(
    environmentId: string,
  ): Promise<ServiceInterval[]> {
    const rows: IntervalRow[] = await this.#db('service_intervals')
      .where({ environment_id: environmentId })
      .orderBy(['started_at', 'id']);
    return rows.map(toServiceInterval);
  }

  /**
   * Ledger intervals of all environments that overlap `[from, to)`: started
   * before `to` and not ended by `from` (open intervals included), oldest
   * first.
   */
  async listIntervalsBetween(from: Date, to: Date): Promise<ServiceInterval[]> {
    const rows: IntervalRow[] = await this.#db('service_intervals')
      .where('started_at', '<', to.getTime())
      .where(query =>
        query.whereNull('ended_at').orWhere('ended_at', '>', from.getTime()),
      )
      .orderBy(['started_at', 'id']);
    return rows.map(toServiceInterval);
  }

  /** Activity of all environments in `[from, to)`, oldest first. */
  async listActivityBetween(
    from: Date,
    to: Date,
  ): Promise<Array<{ environmentId: string; at: string }>> {
    const rows: Array<{ environment_id: string; at: Millis }> = await this.#db(
      'activity',
    )
      .select('environment_id', 'at')
      .where('at', '>=', from.getTime())
      .where('at', '<', to.getTime())
      .orderBy(['at', 'id']);
    return rows.map(row => ({
      environmentId: row.environment_id,
      at: toIso(row.at),
    }));
  }

  // Helpers that need the connection's engine or the secrets

  #applySort(query: Knex.QueryBuilder, sort: EnvironmentSort) {
    const descending = sort.startsWith('-');
    const column =
      SORT_COLUMNS[sort.replace(/^-/, '') as keyof typeof SORT_COLUMNS];
    if (column === 'expires_at') {
      // Environments that never expire come last either way.
      query.orderByRaw('expires_at IS NULL');
    }
    if (column !== 'name') {
      query.orderBy(column, descending ? 'desc' : 'asc');
    }
    // Byte order on both engines (PostgreSQL would otherwise use the
    // database's locale); name is unique, which also keeps pages stable.
    const name = this.#isPostgres ? 'name COLLATE "C"' : 'name';
    const direction = column === 'name' && descending ? 'DESC' : 'ASC';
    return query.orderByRaw(`${name} ${direction}`);
  }

  /**
   * Reads an environment that is about to change, and checks the revision
   * the caller expects. On PostgreSQL the row stays locked until commit so
   * that concurrent changes queue up; SQLite has a single writer anyway.
   */
  async #readForChange(
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

  async #bumpRevision(
    tx: Knex.Transaction,
    row: EnvironmentRow,
    columns: Partial<EnvironmentRow> = {},
  ) {
    await tx('environments')
      .where({ id: row.id })
      .update({
        ...columns,
        revision: row.revision + 1,
        updated_at: this.#now().getTime(),
      });
  }

  /**
   * Makes sure that no other replica claims an operation of the same
   * environment in parallel: two claimers could otherwise lock two
   * different queued operations of one environment. SQLite has a single
   * writer, so there it is always granted.
   */
  async #lockEnvironment(
    tx: Knex.Transaction,
    environmentId: string,
  ): Promise<boolean> {
    if (!this.#isPostgres) {
      return true;
    }
    const result = await tx.raw(
      'SELECT pg_try_advisory_xact_lock(CAST(? AS integer), hashtext(?)) AS locked',
      [ADVISORY_LOCK_CLASS, environmentId],
    );
    return result.rows[0].locked === true;
  }

  async #getEnvironment(
    db: Knex,
    where: { id: string } | { name: string },
  ): Promise<StoredEnvironment | undefined> {
    const row: EnvironmentRow | undefined = await db('environments')
      .where(where)
      .first();
    return row && (await this.#loadEnvironments(db, [row]))[0];
  }

  /** Adds services and variables to environment rows in two queries. */
  async #loadEnvironments(
    db: Knex,
    rows: EnvironmentRow[],
  ): Promise<StoredEnvironment[]> {
    if (rows.length === 0) {
      return [];
    }
    const ids = rows.map(row => row.id);
    const serviceRows: ServiceRow[] = await db('environment_services')
      .whereIn('environment_id', ids)
      .orderBy(['environment_id', 'position']);
    const variableRows: VariableRow[] = await db(
      'environment_variables',
    ).whereIn('environment_id', ids);

    // Variables by `<environment id>/<service or ''>`, sorted by key (in JS,
    // so that both engines agree on the order).
    const variables = new Map<string, Variable[]>();
    for (const row of [...variableRows].sort((a, b) => compare(a.key, b.key))) {
      const scope = `${row.environment_id}/${row.service_name}`;
      variables.set(scope, [...(variables.get(scope) ?? []), toVariable(row)]);
    }
    const services = new Map<string, Service[]>();
    for (const row of serviceRows) {
      const service = toService(
        row,
        variables.get(`${row.environment_id}/${row.name}`) ?? [],
      );
      services.set(row.environment_id, [
        ...(services.get(row.environment_id) ?? []),
        service,
      ]);
    }
    return rows.map(row =>
      toEnvironment(
        row,
        services.get(row.id) ?? [],
        variables.get(`${row.id}/`) ?? [],
      ),
    );
  }

  async #insertServices(
    tx: Knex.Transaction,
    environmentId: string,
    services: Service[],
    storedSecrets = new Map<string, string>(),
  ) {
    await insertRows(
      tx,
      'environment_services',
      services.map((service, position) =>
        toServiceRow(environmentId, service, position),
      ),
    );
    await insertRows(
      tx,
      'environment_variables',
      services.flatMap(service =>
        service.variables.map(variable =>
          this.#toVariableRow(
            environmentId,
            service.name,
            variable,
            storedSecrets,
          ),
        ),
      ),
    );
    await claimCustomDomains(tx, environmentId, services);
  }

  /** Ciphertexts of an environment's secrets by `<service or ''>/<KEY>`. */
  async #storedSecrets(
    tx: Knex.Transaction,
    environmentId: string,
  ): Promise<Map<string, string>> {
    const rows: VariableRow[] = await tx('environment_variables')
      .where({ environment_id: environmentId, kind: 'secret' })
      .whereNotNull('value');
    return new Map(
      rows.map(row => [`${row.service_name}/${row.key}`, row.value!]),
    );
  }

  #toVariableRow(
    environmentId: string,
    serviceName: string,
    variable: Variable,
    storedSecrets = new Map<string, string>(),
  ): VariableRow {
    let value = variable.value ?? null;
    if (variable.kind === 'secret') {
      value =
        variable.value !== undefined
          ? this.#secrets.encrypt(
              variable.value,
              secretContext(environmentId, serviceName, variable.key),
            )
          : storedSecrets.get(`${serviceName}/${variable.key}`) ?? null;
      if (value === null) {
        throw new InputError(
          `secret variable ${variable.key}${
            serviceName ? ` of service '${serviceName}'` : ''
          } has no value`,
        );
      }
    }
    return {
      environment_id: environmentId,
      service_name: serviceName,
      key: variable.key,
      kind: variable.kind,
      value,
      alias_of: variable.aliasOf ?? null,
    };
  }

  async #insertOperation(
    db: Knex,
    environment: { id: string; name: string },
    operation: NewOperation,
    now: number,
  ): Promise<OperationRecord> {
    const row: OperationRow = {
      id: randomUUID(),
      environment_id: environment.id,
      environment_name: environment.name,
      type: operation.type,
      status: 'queued',
      steps: JSON.stringify(
        operation.steps.map(name => ({ name, status: 'queued' })),
      ),
      input:
        operation.input === undefined ? null : JSON.stringify(operation.input),
      checkpoints: '{}',
      idempotency_key: operation.idempotencyKey ?? null,
      request_fingerprint: operation.requestFingerprint ?? null,
      requested_by: operation.requestedBy,
      error: null,
      attempts: 0,
      lease_owner: null,
      lease_expires_at: null,
      created_at: now,
      updated_at: now,
    };
    await db('operations')
      .insert(row)
      .catch(error =>
        rethrowConflict(
          error,
          `operation with idempotency key '${operation.idempotencyKey}' already exists`,
        ),
      );
    return toOperationRecord(row);
  }

  async #findIdempotent(operation: NewOperation) {
    if (!operation.idempotencyKey) return undefined;
    const found = await this.findOperationByIdempotencyKey(
      operation.requestedBy,
      operation.idempotencyKey,
    );
    return found?.operation;
  }
}

// Queries that do not depend on the engine

function applyFilter(
  db: Knex,
  query: Knex.QueryBuilder,
  filter: EnvironmentFilter,
) {
  for (const column of ['system', 'owner', 'mode', 'status'] as const) {
    if (filter[column] !== undefined) {
      query.where(column, filter[column]);
    }
  }
  if (filter.component !== undefined) {
    query.whereExists(
      db('environment_services')
        .select('name')
        .where('environment_services.environment_id', db.ref('environments.id'))
        .where('environment_services.component_ref', filter.component),
    );
  }
  if (filter.q) {
    const pattern = `%${escapeLike(filter.q.toLocaleLowerCase('en-US'))}%`;
    query.where(builder =>
      builder
        .whereRaw('LOWER(name) LIKE ? ESCAPE ?', [pattern, '\\'])
        .orWhereRaw('LOWER(title) LIKE ? ESCAPE ?', [pattern, '\\']),
    );
  }
}

/**
 * Operations that may be claimed now: queued, or running under an expired
 * lease, and not of an environment that has another operation running under
 * a live lease.
 */
function claimable(db: Knex, now: number) {
  return (query: Knex.QueryBuilder) =>
    query
      .where(runnable =>
        runnable
          .where('operations.status', 'queued')
          .orWhere(expired =>
            expired
              .where('operations.status', 'running')
              .where('operations.lease_expires_at', '<', now),
          ),
      )
      .whereNotExists(
        db('operations as other')
          .select('other.id')
          .where('other.environment_id', db.ref('operations.environment_id'))
          .whereNot('other.id', db.ref('operations.id'))
          .where('other.status', 'running')
          .where('other.lease_expires_at', '>=', now),
      );
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

async function closeIntervals(
  db: Knex,
  environmentId: string,
  at: number,
  serviceName?: string,
) {
  const query = db('service_intervals')
    .where({ environment_id: environmentId })
    .whereNull('ended_at');
  if (serviceName !== undefined) {
    query.where({ service_name: serviceName });
  }
  await query.update({ ended_at: at });
}

async function insertRows(db: Knex, table: string, rows: object[]) {
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    await db(table).insert(rows.slice(i, i + INSERT_CHUNK));
  }
}

/**
 * Makes the services' custom domains this environment's, in the transaction
 * that writes the services: the primary key on the host decides between
 * concurrent requests (on PostgreSQL the later insert waits for the earlier
 * transaction). A host another environment holds is a 409 naming it.
 */
async function claimCustomDomains(
  tx: Knex.Transaction,
  environmentId: string,
  services: Service[],
) {
  const fields = new Map<string, string>();
  for (const service of services) {
    (service.customDomains ?? []).forEach((domain, i) => {
      const host = domain.toLowerCase();
      const field = `services.${service.name}.customDomains[${i}]`;
      const twin = fields.get(host);
      if (twin) {
        throw new InputError(`${field}: domain '${domain}' is also in ${twin}`);
      }
      fields.set(host, field);
    });
  }
  if (fields.size === 0) return;
  const rows = services.flatMap(service =>
    (service.customDomains ?? []).map(domain => ({
      host: domain.toLowerCase(),
      environment_id: environmentId,
      service: service.name,
    })),
  );
  // One order for every writer, so that two of them cannot deadlock.
  rows.sort((a, b) => compare(a.host, b.host));
  try {
    // A savepoint: after a failed statement, PostgreSQL answers nothing else
    // in the transaction, and the holder is still to be read.
    await tx.transaction(savepoint =>
      insertRows(savepoint, 'environment_custom_domains', rows),
    );
  } catch (error) {
    if (!isDatabaseConflictError(error)) throw error;
    const held: Array<{ host: string; name: string }> = await tx(
      'environment_custom_domains as d',
    )
      .join('environments as e', 'e.id', 'd.environment_id')
      .whereIn('d.host', [...fields.keys()])
      .whereNot('d.environment_id', environmentId)
      .select('d.host', 'e.name');
    const holders = new Map(held.map(row => [row.host, row.name]));
    for (const [host, field] of fields) {
      const holder = holders.get(host);
      if (holder) {
        throw new ConflictError(
          `${field}: domain '${host}' is already used by environment '${holder}'`,
        );
      }
    }
    // Its holder let go of it in the meantime.
    throw new ConflictError(
      'services: a custom domain was taken by another environment at the same time; try again',
    );
  }
}

function rethrowConflict(error: unknown, message: string): never {
  if (isDatabaseConflictError(error)) {
    throw new ConflictError(message);
  }
  throw error;
}

function secretContext(environmentId: string, service: string, key: string) {
  return `${environmentId}/${service}/${key}`;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, c => `\\${c}`);
}

function compare(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
