import type { LoggerService } from '@backstage/backend-plugin-api';
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

/** Anything thrown that has fields to read: SDK exceptions, wire errors, Node's network errors. */
function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/**
 * The AWS error code of a failure: the SDK names exceptions `<Code>Fault`
 * (`DBInstanceNotFoundFault`), the wire protocol says `<Code>`; we use the
 * short form everywhere.
 */
export function rdsErrorCode(error: unknown): string | undefined {
  const e = isRecord(error) ? error : {};
  const code =
    error instanceof RuntimeError
      ? error.code
      : (e.name !== 'Error' && e.name) || e.Code || e.code;
  return typeof code === 'string' ? code.replace(/Fault$/, '') : undefined;
}

/** The HTTP status AWS answered with, when the failure came from an answer. */
function httpStatusOf(error: Record<string, unknown>): number | undefined {
  const metadata = error.$metadata;
  const status = isRecord(metadata) ? metadata.httpStatusCode : undefined;
  return typeof status === 'number' ? status : undefined;
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
  const e = isRecord(error) ? error : {};
  const code = rdsErrorCode(error) ?? 'Unknown';
  const rawMessage = String(e.message ?? error);
  const awsMessage = redact(rawMessage, context.secrets);
  const what = context.identifier
    ? `RDS instance ${context.identifier}`
    : 'AWS RDS';
  // Keep the SDK error as the cause only when it cannot carry a secret.
  const cause = awsMessage === rawMessage ? error : undefined;
  const make = (transient: boolean, message: string) =>
    new RuntimeError(message, { transient, code, cause });

  const httpStatus = httpStatusOf(e);
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
    e.$fault === 'server'
  ) {
    return make(true, `AWS RDS is busy (${code}): ${awsMessage}; retrying`);
  }
  // Network failures and timeouts keep their transient nature.
  return make(
    isTransientError(error),
    `AWS RDS call about ${what} failed (${code}): ${awsMessage}`,
  );
}

// --- answers that mean the work is done --------------------------------

/** The call's answer, or undefined when AWS says the resource does not exist. */
export async function unlessNotFound<T>(
  notFoundCode: string,
  call: () => Promise<T>,
): Promise<T | undefined> {
  try {
    return await call();
  } catch (error) {
    if (rdsErrorCode(error) === notFoundCode) return undefined;
    throw error;
  }
}

/** Creating what exists already is success: names are stable, so it is ours from an earlier attempt. */
export async function ignoreExists(
  work: Promise<unknown>,
  log: LoggerService,
  id: string,
) {
  try {
    await work;
  } catch (error) {
    const code = rdsErrorCode(error);
    if (
      code !== 'DBInstanceAlreadyExists' &&
      code !== 'DBClusterAlreadyExists'
    ) {
      throw error;
    }
    log.info('RDS database already exists; continuing with it', { id });
  }
}

/** Deleting what is gone already is success. */
export async function ignoreNotFound(work: Promise<unknown>) {
  try {
    await work;
  } catch (error) {
    const code = rdsErrorCode(error);
    if (
      code !== 'DBInstanceNotFound' &&
      code !== 'DBClusterNotFound' &&
      code !== 'DBSnapshotNotFound'
    ) {
      throw error;
    }
  }
}
