// Reading environments: filters, sort order, and loading services and
// variables with the environment rows.
import type { Service, Variable } from '@greenroom/plugin-environments-common';
import type { Knex } from 'knex';
import { compareStrings, isPostgres } from './knexUtils';
import {
  EnvironmentRow,
  ServiceRow,
  VariableRow,
  toEnvironment,
  toService,
  toVariable,
} from './rows';
import type {
  EnvironmentFilter,
  EnvironmentSort,
  StoredEnvironment,
} from './types';

const SORT_COLUMNS = {
  name: 'name',
  updatedAt: 'updated_at',
  lastActivityAt: 'last_activity_at',
  expiresAt: 'expires_at',
} as const;

export function applyFilter(
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

export function applySort(
  db: Knex,
  query: Knex.QueryBuilder,
  sort: EnvironmentSort,
) {
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
  const name = isPostgres(db) ? 'name COLLATE "C"' : 'name';
  const direction = column === 'name' && descending ? 'DESC' : 'ASC';
  return query.orderByRaw(`${name} ${direction}`);
}

export async function getEnvironment(
  db: Knex,
  where: { id: string } | { name: string },
): Promise<StoredEnvironment | undefined> {
  const row: EnvironmentRow | undefined = await db('environments')
    .where(where)
    .first();
  return row && (await loadEnvironments(db, [row]))[0];
}

/** Adds services and variables to environment rows in two queries. */
export async function loadEnvironments(
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
  const variableRows: VariableRow[] = await db('environment_variables').whereIn(
    'environment_id',
    ids,
  );
  return assembleEnvironments(rows, serviceRows, variableRows);
}

/**
 * Environments from their rows, services (in position order) and variables:
 * what a read returns, also for rows just written (no read back).
 */
export function assembleEnvironments(
  rows: EnvironmentRow[],
  serviceRows: ServiceRow[],
  variableRows: VariableRow[],
): StoredEnvironment[] {
  // Variables by `<environment id>/<service or ''>`, sorted by key (in JS,
  // so that both engines agree on the order).
  const variables = new Map<string, Variable[]>();
  for (const row of [...variableRows].sort((a, b) =>
    compareStrings(a.key, b.key),
  )) {
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

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, c => `\\${c}`);
}
