// Database rows of the environments store and their mapping to the API
// objects. Times are epoch milliseconds in the database and ISO strings in
// the API; JSON columns are text.

import type {
  Environment,
  Service,
  Variable,
} from '@greenroom/plugin-environments-common';
import type {
  CostEnvironmentFields,
  EnvironmentHeader,
  EnvironmentSpecPatch,
  NewEnvironment,
  OperationRecord,
  PolicyEnvironment,
  PolicyEnvironmentMs,
  ServiceIntervalInput,
  StoredEnvironment,
} from './types';

/** A closed or open (no `endedAt`) interval of the cost ledger. */
export interface ServiceInterval extends ServiceIntervalInput {
  startedAt: string;
  endedAt?: string;
}

/** Epoch milliseconds; PostgreSQL returns `bigint` columns as strings. */
export type Millis = number | string;

export interface EnvironmentRow {
  id: string;
  name: string;
  title: string;
  system: string;
  owner: string;
  mode: string;
  runtime_type: string;
  runtime_target: string | null;
  policy: string;
  desired_state: string;
  status: string;
  origin: string;
  attention: string;
  expires_at: Millis | null;
  last_activity_at: Millis;
  created_by: string;
  created_at: Millis;
  updated_at: Millis;
  revision: number;
  baseline_environment_id: string | null;
  baseline_environment: string | null;
  baseline_databases: string | null;
}

export interface ServiceRow {
  environment_id: string;
  name: string;
  position: number;
  kind: string;
  component_ref: string | null;
  template_ref: string | null;
  template_version: string | null;
  spec: string;
}

export interface VariableRow {
  environment_id: string;
  service_name: string;
  key: string;
  kind: string;
  value: string | null;
  alias_of: string | null;
}

export interface OperationRow {
  id: string;
  environment_id: string;
  environment_name: string;
  type: string;
  status: string;
  steps: string;
  input: string | null;
  checkpoints: string;
  idempotency_key: string | null;
  /** Absent from rows written before the column existed (old code). */
  request_fingerprint?: string | null;
  requested_by: string;
  error: string | null;
  attempts: number;
  lease_owner: string | null;
  lease_expires_at: Millis | null;
  created_at: Millis;
  updated_at: Millis;
}

export interface IntervalRow {
  id: number;
  environment_id: string;
  service_name: string;
  state: string;
  started_at: Millis;
  ended_at: Millis | null;
  cpu_cores: number;
  memory_gb: number;
  storage_gb: number;
  instance_class: string | null;
  reason: string | null;
}

export function toEnvironment(
  row: EnvironmentRow,
  services: Service[],
  variables: Variable[],
): StoredEnvironment {
  const environment: Environment = {
    id: row.id,
    name: row.name,
    title: row.title,
    system: row.system,
    owner: row.owner,
    mode: row.mode as Environment['mode'],
    runtime: { type: row.runtime_type },
    services,
    variables,
    policy: JSON.parse(row.policy),
    desiredState: row.desired_state as Environment['desiredState'],
    status: row.status as Environment['status'],
    origin: JSON.parse(row.origin),
    attention: JSON.parse(row.attention),
    lastActivityAt: toIso(row.last_activity_at),
    createdBy: row.created_by,
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
    revision: row.revision,
  };
  if (row.runtime_target !== null) {
    environment.runtime.target = row.runtime_target;
  }
  if (row.baseline_environment_id && row.baseline_environment) {
    environment.baseline = {
      environmentId: row.baseline_environment_id,
      environment: row.baseline_environment,
      databases: row.baseline_databases === 'share' ? 'share' : 'clone',
    };
  }
  if (row.expires_at !== null) {
    environment.expiresAt = toIso(row.expires_at);
  }
  return environment;
}

/** An environment's own fields, from its row alone. */
export function toHeader(row: EnvironmentRow): EnvironmentHeader {
  const {
    services: _services,
    variables: _variables,
    ...header
  } = toEnvironment(row, [], []);
  return header;
}

/** The columns of {@link toPolicyEnvironmentMs}. */
export const POLICY_COLUMNS = [
  'id',
  'name',
  'owner',
  'mode',
  'status',
  'desired_state',
  'policy',
  'expires_at',
  'last_activity_at',
  'revision',
] as const;

/**
 * Policies parsed by their text: a page of environments has a few distinct
 * policies, parsed once each and shared (read-only) by their environments.
 */
export type ParsedPolicies = Map<string, PolicyEnvironment['policy']>;

export function toPolicyEnvironmentMs(
  row: Pick<EnvironmentRow, (typeof POLICY_COLUMNS)[number]>,
  policies?: ParsedPolicies,
): PolicyEnvironmentMs {
  let policy = policies?.get(row.policy);
  if (!policy) {
    policy = JSON.parse(row.policy) as PolicyEnvironment['policy'];
    policies?.set(row.policy, policy);
  }
  const environment: PolicyEnvironmentMs = {
    id: row.id,
    name: row.name,
    owner: row.owner,
    mode: row.mode as PolicyEnvironment['mode'],
    status: row.status as PolicyEnvironment['status'],
    desiredState: row.desired_state as PolicyEnvironment['desiredState'],
    policy,
    lastActivityAt: Number(row.last_activity_at),
    revision: row.revision,
  };
  if (row.expires_at !== null) {
    environment.expiresAt = Number(row.expires_at);
  }
  return environment;
}

/** A policy environment's epoch times as the API's ISO strings. */
export function withIsoTimes({
  expiresAt,
  lastActivityAt,
  ...rest
}: PolicyEnvironmentMs): PolicyEnvironment {
  const environment: PolicyEnvironment = {
    ...rest,
    lastActivityAt: toIso(lastActivityAt),
  };
  if (expiresAt !== undefined) environment.expiresAt = toIso(expiresAt);
  return environment;
}

/** The columns of {@link toCostEnvironmentFields}. */
export const COST_COLUMNS = [
  'id',
  'name',
  'owner',
  'system',
  'mode',
  'policy',
] as const;

export function toCostEnvironmentFields(
  row: Pick<EnvironmentRow, (typeof COST_COLUMNS)[number]>,
): CostEnvironmentFields {
  return {
    id: row.id,
    name: row.name,
    owner: row.owner,
    system: row.system,
    mode: row.mode as CostEnvironmentFields['mode'],
    policy: JSON.parse(row.policy),
  };
}

/** The row of a new environment at revision 1, created and active `now`. */
export function toEnvironmentRow(
  id: string,
  environment: NewEnvironment,
  now: number,
): EnvironmentRow {
  return {
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
    expires_at: environment.expiresAt ? toMillis(environment.expiresAt) : null,
    last_activity_at: now,
    created_by: environment.createdBy,
    created_at: now,
    updated_at: now,
    revision: 1,
    baseline_environment_id: environment.baseline?.environmentId ?? null,
    baseline_environment: environment.baseline?.environment ?? null,
    baseline_databases: environment.baseline?.databases ?? null,
  };
}

export function toSpecColumns(
  patch: EnvironmentSpecPatch,
): Partial<EnvironmentRow> {
  const columns: Partial<EnvironmentRow> = {};
  if (patch.title !== undefined) columns.title = patch.title;
  if (patch.system !== undefined) columns.system = patch.system;
  if (patch.owner !== undefined) columns.owner = patch.owner;
  if (patch.policy !== undefined) columns.policy = JSON.stringify(patch.policy);
  if (patch.desiredState !== undefined) {
    columns.desired_state = patch.desiredState;
  }
  if (patch.expiresAt !== undefined) {
    columns.expires_at =
      patch.expiresAt === null ? null : toMillis(patch.expiresAt);
  }
  if (patch.attention !== undefined) {
    columns.attention = JSON.stringify(patch.attention);
  }
  return columns;
}

export function toServiceRow(
  environmentId: string,
  service: Service,
  position: number,
): ServiceRow {
  const { variables: _variables, ...spec } = service;
  return {
    environment_id: environmentId,
    name: service.name,
    position,
    kind: service.kind,
    component_ref: service.componentRef ?? null,
    template_ref: service.template?.ref ?? null,
    template_version: service.template?.version ?? null,
    spec: JSON.stringify(spec),
  };
}

export function toService(row: ServiceRow, variables: Variable[]): Service {
  return { ...JSON.parse(row.spec), variables };
}

/** Secret values stay in the database: only their presence is returned. */
export function toVariable(row: VariableRow): Variable {
  const variable: Variable = {
    key: row.key,
    kind: row.kind as Variable['kind'],
  };
  if (row.kind !== 'secret' && row.value !== null) {
    variable.value = row.value;
  }
  if (row.alias_of !== null) {
    variable.aliasOf = row.alias_of;
  }
  return variable;
}

export function toOperationRecord(row: OperationRow): OperationRecord {
  const operation: OperationRecord = {
    id: row.id,
    environmentId: row.environment_id,
    environmentName: row.environment_name,
    type: row.type as OperationRecord['type'],
    status: row.status as OperationRecord['status'],
    steps: JSON.parse(row.steps),
    requestedBy: row.requested_by,
    checkpoints: JSON.parse(row.checkpoints),
    attempts: row.attempts,
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  };
  if (row.idempotency_key !== null) {
    operation.idempotencyKey = row.idempotency_key;
  }
  if (row.input !== null) operation.input = JSON.parse(row.input);
  if (row.error !== null) operation.error = row.error;
  if (row.lease_owner !== null) operation.leaseOwner = row.lease_owner;
  if (row.lease_expires_at !== null) {
    operation.leaseExpiresAt = toIso(row.lease_expires_at);
  }
  return operation;
}

export function toServiceInterval(row: IntervalRow): ServiceInterval {
  const interval: ServiceInterval = {
    environmentId: row.environment_id,
    serviceName: row.service_name,
    state: row.state as ServiceInterval['state'],
    cpuCores: row.cpu_cores,
    memoryGb: row.memory_gb,
    storageGb: row.storage_gb,
    startedAt: toIso(row.started_at),
  };
  if (row.ended_at !== null) interval.endedAt = toIso(row.ended_at);
  if (row.instance_class !== null) interval.instanceClass = row.instance_class;
  if (row.reason !== null) interval.reason = row.reason;
  return interval;
}

export function toMillis(iso: string): number {
  return new Date(iso).getTime();
}

export function toIso(millis: Millis): string {
  return new Date(Number(millis)).toISOString();
}
