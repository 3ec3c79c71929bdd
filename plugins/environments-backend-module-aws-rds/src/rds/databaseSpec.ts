import type { LoggerService } from '@backstage/backend-plugin-api';
import type {
  ManagedDatabaseRequest,
  RuntimeContext,
} from '@greenroom/plugin-environments-node';
import type { AwsRdsConfig } from './config';
import { databaseNameFor, masterUsernameFor, rdsEngineFor } from './engines';
import type { RdsErrorContext } from './errors';
import {
  greenroomTags,
  legacyDbInstanceIdentifier,
  toDbInstanceIdentifier,
} from './naming';

/** Storage of a new instance when the service names none. */
export const DEFAULT_STORAGE_GB = 20;
/** Enough days of backups for point-in-time restore; production keeps a week. */
const BACKUP_RETENTION_DAYS = { production: 7, other: 1 };

/** What the provider's databases are made in: the config, and whose they are. */
export interface RdsScope {
  config: AwsRdsConfig;
  /** `environments.installationId`: tagged on everything created. */
  installationId: string;
}

/** The context of a provider's calls: what they abort on and log to. */
export type Ctx = Pick<RuntimeContext, 'signal' | 'logger'>;

/** Everything derived from a request that names or shapes its database. */
export interface DatabaseSpec {
  id: string;
  /** The clone's source database, when the request has a data source. */
  sourceId?: string;
  aurora: boolean;
  engine: string;
  engineVersion: string;
  instanceClass: string;
  storageGb: number;
  storageExplicit: boolean;
  username: string;
  dbName: string;
  production: boolean;
  backupRetentionDays: number;
  tags: Array<{ Key: string; Value: string }>;
}

/** Whether databases are Aurora clusters (one instance each) rather than instances. */
export function isAurora(config: AwsRdsConfig): boolean {
  return config.engineMode === 'aurora';
}

/** The identifier a request's database gets now. */
export function databaseIdOf(
  scope: RdsScope,
  request: Pick<ManagedDatabaseRequest, 'environment' | 'service'>,
): string {
  return toDbInstanceIdentifier({
    installationId: scope.installationId,
    environmentId: request.environment.id,
    environmentName: request.environment.name,
    serviceName: request.service.name,
  });
}

/** The identifier a database gets now, then the one the first releases gave it. */
export function databaseNamesOf(
  scope: RdsScope,
  request: Pick<ManagedDatabaseRequest, 'environment' | 'service'>,
): string[] {
  const id = databaseIdOf(scope, request);
  const legacy = legacyDbInstanceIdentifier(
    request.environment.name,
    request.service.name,
  );
  return legacy === id ? [id] : [id, legacy];
}

export function databaseSpecOf(
  scope: RdsScope,
  request: ManagedDatabaseRequest,
  id = databaseIdOf(scope, request),
): DatabaseSpec {
  const { config } = scope;
  const database = request.service.database;
  const production = request.environment.mode === 'production';
  return {
    id,
    aurora: isAurora(config),
    engine: rdsEngineFor(request.service, config.engineMode),
    engineVersion: database!.version,
    instanceClass: database?.instanceClass ?? config.defaultInstanceClass,
    storageGb: database?.storageGb ?? DEFAULT_STORAGE_GB,
    storageExplicit: database?.storageGb !== undefined,
    username: masterUsernameFor(request.service.name),
    dbName: databaseNameFor(request.service.name),
    production,
    backupRetentionDays: production
      ? BACKUP_RETENTION_DAYS.production
      : BACKUP_RETENTION_DAYS.other,
    tags: greenroomTags(
      request.environment.name,
      request.service.name,
      config.tags,
      {
        installationId: scope.installationId,
        environmentId: request.environment.id,
        owner: request.environment.owner,
        mode: request.environment.mode,
      },
    ),
  };
}

/** What errors about a request's database say, and the secret they never say. */
export function errorContextOf(
  scope: RdsScope,
  request: ManagedDatabaseRequest,
  spec?: DatabaseSpec,
): RdsErrorContext {
  return {
    region: scope.config.region,
    identifier: spec?.id ?? databaseIdOf(scope, request),
    instanceClass: spec?.instanceClass,
    secrets: [request.password],
  };
}

/** The operation's logger, with the database's service, identifier and region. */
export function databaseLogger(
  scope: RdsScope,
  ctx: Ctx,
  request: ManagedDatabaseRequest,
  id = databaseIdOf(scope, request),
): LoggerService {
  return ctx.logger.child({
    service: request.service.name,
    dbInstance: id,
    region: scope.config.region,
  });
}

/** Where new databases go: the configured subnet group and security groups. */
export function networkOf(config: AwsRdsConfig) {
  return {
    DBSubnetGroupName: config.subnetGroupName,
    VpcSecurityGroupIds: config.securityGroupIds,
  };
}
