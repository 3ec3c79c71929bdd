import {
  RuntimeError,
  isTransientError,
} from '@greenroom/plugin-environments-node';

/** What an RDS call was about, so an error can say it in words. */
export interface RdsErrorContext {
  region: string;
  /** Instance (or cluster) identifier the call was about. */
  identifier?: string;
  instanceClass?: string;
  /** Values that must never appear in a message, such as the master password. */
  secrets?: string[];
}

/**
 * The AWS error code of a failure: the SDK names exceptions `<Code>Fault`
 * (`DBInstanceNotFoundFault`), the wire protocol says `<Code>`; we use the
 * short form everywhere.
 */
export function rdsErrorCode(error: unknown): string | undefined {
  const e = error as any;
  const code =
    e instanceof RuntimeError
      ? e.code
      : (e?.name !== 'Error' && e?.name) || e?.Code || e?.code;
  return typeof code === 'string' ? code.replace(/Fault$/, '') : undefined;
}

const THROTTLING = new Set([
  'Throttling',
  'ThrottlingException',
  'RequestLimitExceeded',
  'TooManyRequestsException',
  'RequestThrottled',
  'RequestThrottledException',
]);

function redact(text: string, secrets: string[] = []): string {
  return secrets
    .filter(secret => secret.length > 0)
    .reduce((t, secret) => t.split(secret).join('***'), text);
}

/**
 * Turns an AWS SDK failure into a RuntimeError that says whether retrying can
 * help and what to do otherwise. Pure; `code` keeps the AWS code so callers
 * can handle `DBInstanceAlreadyExists` or `DBInstanceNotFound` themselves.
 */
export function toRuntimeError(
  error: unknown,
  context: RdsErrorContext,
): RuntimeError {
  if (error instanceof RuntimeError) return error;
  const e = error as any;
  const code = rdsErrorCode(error) ?? 'Unknown';
  const awsMessage = redact(String(e?.message ?? error), context.secrets);
  const what = context.identifier
    ? `RDS instance ${context.identifier}`
    : 'AWS RDS';
  // Keep the SDK error as the cause only when it cannot carry a secret.
  const cause = awsMessage === String(e?.message ?? error) ? error : undefined;
  const make = (transient: boolean, message: string) =>
    new RuntimeError(message, { transient, code, cause });

  const httpStatus: number | undefined = e?.$metadata?.httpStatusCode;
  switch (code) {
    case 'InsufficientDBInstanceCapacity':
      return make(
        true,
        `AWS has no capacity for ${
          context.instanceClass ?? 'this instance class'
        } in ${
          context.region
        } right now; retrying (or choose another instanceClass)`,
      );
    case 'InvalidDBInstanceState':
    case 'InvalidDBClusterState':
    case 'InvalidDBSnapshotState':
      return make(
        true,
        `${what} is busy with another change (${awsMessage}); retrying`,
      );
    case 'DBInstanceAlreadyExists':
    case 'DBClusterAlreadyExists':
    case 'DBSnapshotAlreadyExists':
      return make(false, `${what} already exists`);
    case 'StorageQuotaExceeded':
      return make(
        false,
        `The AWS account's RDS storage quota in ${context.region} is used up, so ${what} cannot get its storage; ask for a higher quota or free storage`,
      );
    case 'InstanceQuotaExceeded':
      return make(
        false,
        `The AWS account's RDS instance quota in ${context.region} is used up, so ${what} cannot be created; ask for a higher quota or delete unused instances`,
      );
    case 'DBInstanceNotFound':
    case 'DBClusterNotFound':
    case 'DBSnapshotNotFound':
      return make(
        false,
        `${what} was not found in ${context.region}; it may have been deleted outside Greenroom`,
      );
    case 'InvalidParameterValue':
    case 'InvalidParameterCombination':
      return make(
        false,
        `AWS RDS rejected the settings of ${what}: ${awsMessage}. Check the database engine, version, instanceClass and storageGb of the service`,
      );
    case 'AccessDenied':
    case 'AccessDeniedException':
    case 'UnrecognizedClientException':
    case 'InvalidClientTokenId':
    case 'ExpiredToken':
    case 'ExpiredTokenException':
      return make(
        false,
        `Greenroom's AWS credentials may not manage ${what} (${code}); give the backend's IAM role the RDS permissions listed in the aws-rds module's README`,
      );
    default:
      break;
  }
  if (
    THROTTLING.has(code) ||
    (httpStatus !== undefined && (httpStatus === 429 || httpStatus >= 500)) ||
    e?.$fault === 'server'
  ) {
    return make(true, `AWS RDS is busy (${code}): ${awsMessage}; retrying`);
  }
  // Network failures and timeouts keep their transient nature.
  return make(
    isTransientError(error),
    `AWS RDS call about ${what} failed (${code}): ${awsMessage}`,
  );
}
