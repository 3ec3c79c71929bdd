import { DBInstance, RDSServiceException } from '@aws-sdk/client-rds';
import type {
  ManagedDatabaseRequest,
  RuntimeContext,
} from '@greenroom/plugin-environments-node';
import type { AwsRdsConfig } from '../rds/config';
import { greenroomTags, toDbInstanceIdentifier } from '../rds/naming';
import { testLogger } from './logs';

/** A password that must never show up in a log line or an error message. */
export const PASSWORD = 'Sup3r-Secret-Passw0rd-4711';

export const ENV_ID = 'env-0001';
/** `environments.installationId` of the provider under test. */
export const INSTALLATION = 'gr-test0001';

/** The identifier the provider gives a service of an environment (ENV_ID). */
export function idOf(
  environmentName = 'dev-ada',
  serviceName = 'orders-db',
  environmentId = ENV_ID,
): string {
  return toDbInstanceIdentifier({
    installationId: INSTALLATION,
    environmentId,
    environmentName,
    serviceName,
  });
}

export function testConfig(
  overrides: Partial<AwsRdsConfig> = {},
): AwsRdsConfig {
  return {
    region: 'eu-central-1',
    defaultInstanceClass: 'db.t4g.micro',
    subnetGroupName: 'greenroom',
    securityGroupIds: ['sg-0123'],
    engineMode: 'instance',
    pollIntervalMs: 1,
    availableTimeoutMs: 2000,
    tags: { 'cost-center': 'platform' },
    ...overrides,
  };
}

export function testRequest(
  overrides: {
    mode?: 'production' | 'staging' | 'development' | 'preview';
    environmentName?: string;
    engine?: 'postgresql' | 'mysql' | 'redis' | 'mongodb';
    instanceClass?: string;
    storageGb?: number;
    dataSource?: ManagedDatabaseRequest['dataSource'];
  } = {},
): ManagedDatabaseRequest {
  return {
    environment: {
      id: ENV_ID,
      name: overrides.environmentName ?? 'dev-ada',
      mode: overrides.mode ?? 'development',
      owner: 'group:default/shop',
      system: 'system:default/shop',
    },
    service: {
      name: 'orders-db',
      kind: 'database',
      ports: [],
      resources: { cpu: '250m', memory: '256Mi' },
      replicas: 1,
      database: {
        engine: overrides.engine ?? 'postgresql',
        version: '16',
        mode: 'managed',
        ...(overrides.instanceClass
          ? { instanceClass: overrides.instanceClass }
          : {}),
        ...(overrides.storageGb ? { storageGb: overrides.storageGb } : {}),
      },
      customDomains: [],
      variables: [],
    },
    password: PASSWORD,
    ...(overrides.dataSource ? { dataSource: overrides.dataSource } : {}),
  };
}

/** An instance as DescribeDBInstances returns it for the test request. */
export function testInstance(
  status: string,
  overrides: Partial<DBInstance> & { environmentName?: string } = {},
): DBInstance {
  const { environmentName = 'dev-ada', ...rest } = overrides;
  const id = idOf(environmentName);
  return {
    DBInstanceIdentifier: id,
    DBInstanceStatus: status,
    Engine: 'postgres',
    DBInstanceClass: 'db.t4g.micro',
    AllocatedStorage: 20,
    MasterUsername: 'orders_db',
    DBName: 'orders_db',
    DeletionProtection: false,
    Endpoint: {
      Address: `${id}.abc123.eu-central-1.rds.amazonaws.com`,
      Port: 5432,
    },
    TagList: greenroomTags(
      environmentName,
      'orders-db',
      {},
      {
        installationId: INSTALLATION,
        environmentId: ENV_ID,
      },
    ),
    ...rest,
  };
}

/** A runtime context whose checkpoints live in a map the test can read and pre-fill. */
export function testContext(
  options: {
    logger?: ReturnType<typeof testLogger>;
    signal?: AbortSignal;
  } = {},
) {
  const logger = options.logger ?? testLogger();
  const checkpoints = new Map<string, unknown>();
  const ctx: RuntimeContext & { finalSnapshot: boolean } = {
    signal: options.signal ?? new AbortController().signal,
    logger,
    finalSnapshot: false,
    async checkpoint(key, fn) {
      if (checkpoints.has(key)) return checkpoints.get(key) as any;
      const value = await fn();
      checkpoints.set(key, value ?? null);
      return value;
    },
  };
  return { ctx, logger, checkpoints };
}

/** An AWS error as the SDK throws it: `name` is the exception, e.g. `DBInstanceNotFoundFault`. */
export function awsError(
  name: string,
  message = name,
  httpStatusCode = 400,
): RDSServiceException {
  return new RDSServiceException({
    name,
    message,
    $fault: httpStatusCode >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode },
  });
}
