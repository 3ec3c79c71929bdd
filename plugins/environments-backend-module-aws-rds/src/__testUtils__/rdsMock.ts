import { RDSClient } from '@aws-sdk/client-rds';
import { mockClient } from 'aws-sdk-client-mock';
import { AwsRdsDatabaseProvider } from '../rds/AwsRdsDatabaseProvider';
import type { AwsRdsConfig } from '../rds/config';
import { ENV_ID, INSTALLATION, awsError, idOf, testConfig } from './fixtures';

/** The mocked RDS API of a test file (reset it before each test). */
export const rdsMock = mockClient(RDSClient);

/** The clock of the provider under test. */
export const NOW = new Date('2026-11-23T13:45:00.123Z');
/** The identifier of the test request's database. */
export const ID = idOf();
export const HOST = `${ID}.abc123.eu-central-1.rds.amazonaws.com`;

export const notFound = () =>
  awsError('DBInstanceNotFoundFault', 'not found', 404);

/** A provider on the mocked API with short retries and a fixed clock. */
export function testProvider(
  config: Partial<AwsRdsConfig> = {},
  options: { retries?: number } = {},
) {
  return new AwsRdsDatabaseProvider({
    client: new RDSClient({ region: 'eu-central-1' }),
    config: testConfig(config),
    installationId: INSTALLATION,
    retry: { retries: options.retries ?? 4, baseDelayMs: 1, maxDelayMs: 2 },
    now: () => NOW,
  });
}

/** Names of the commands sent, in order, to check the sequence of a flow. */
export function sentCommands(): string[] {
  return rdsMock.calls().map(call => call.args[0].constructor.name);
}

/** The tags of the test request's database. */
export const expectedTags = (
  environmentName = 'dev-ada',
  mode = 'development',
) => [
  { Key: 'cost-center', Value: 'platform' },
  { Key: 'greenroom.dev/managed-by', Value: 'greenroom' },
  { Key: 'greenroom.dev/environment', Value: environmentName },
  { Key: 'greenroom.dev/service', Value: 'orders-db' },
  { Key: 'greenroom.dev/installation', Value: INSTALLATION },
  { Key: 'greenroom.dev/environment-id', Value: ENV_ID },
  { Key: 'greenroom.dev/owner', Value: 'group:default/shop' },
  { Key: 'greenroom.dev/mode', Value: mode },
];
