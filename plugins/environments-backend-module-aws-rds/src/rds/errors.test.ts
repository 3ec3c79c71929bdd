import { RuntimeError } from '@greenroom/plugin-environments-node';
import { awsError } from '../__testUtils__/fixtures';
import { mockServices } from '@backstage/backend-test-utils';
import {
  ignoreExists,
  ignoreNotFound,
  rdsErrorCode,
  toRuntimeError,
  unlessNotFound,
} from './errors';

const context = {
  region: 'eu-central-1',
  identifier: 'gr-dev-ada-orders-db',
  instanceClass: 'db.r6g.large',
  secrets: ['Sup3r-Secret'],
};

describe('toRuntimeError', () => {
  it.each([
    [
      'InsufficientDBInstanceCapacityFault',
      400,
      true,
      'InsufficientDBInstanceCapacity',
      'AWS has no capacity for db.r6g.large in eu-central-1 right now; retrying (or choose another instanceClass)',
    ],
    [
      'InvalidDBInstanceStateFault',
      400,
      true,
      'InvalidDBInstanceState',
      'is busy with another change',
    ],
    ['Throttling', 400, true, 'Throttling', 'AWS RDS is busy'],
    [
      'ThrottlingException',
      400,
      true,
      'ThrottlingException',
      'AWS RDS is busy',
    ],
    [
      'RequestLimitExceeded',
      400,
      true,
      'RequestLimitExceeded',
      'AWS RDS is busy',
    ],
    ['InternalFailure', 500, true, 'InternalFailure', 'AWS RDS is busy'],
    ['ServiceUnavailable', 503, true, 'ServiceUnavailable', 'AWS RDS is busy'],
    [
      'DBInstanceAlreadyExistsFault',
      400,
      false,
      'DBInstanceAlreadyExists',
      'already exists',
    ],
    [
      'StorageQuotaExceededFault',
      400,
      false,
      'StorageQuotaExceeded',
      'storage quota in eu-central-1 is used up',
    ],
    [
      'InstanceQuotaExceededFault',
      400,
      false,
      'InstanceQuotaExceeded',
      'instance quota in eu-central-1 is used up',
    ],
    [
      'DBInstanceNotFoundFault',
      404,
      false,
      'DBInstanceNotFound',
      'RDS instance gr-dev-ada-orders-db was not found',
    ],
    [
      'InvalidParameterValue',
      400,
      false,
      'InvalidParameterValue',
      'rejected the settings of RDS instance gr-dev-ada-orders-db',
    ],
    [
      'InvalidParameterCombination',
      400,
      false,
      'InvalidParameterCombination',
      'Check the database engine, version, instanceClass and storageGb',
    ],
    [
      'AccessDenied',
      403,
      false,
      'AccessDenied',
      'IAM role the RDS permissions',
    ],
    [
      'UnrecognizedClientException',
      400,
      false,
      'UnrecognizedClientException',
      "Greenroom's AWS credentials may not manage",
    ],
    ['SomethingNew', 400, false, 'SomethingNew', 'failed (SomethingNew)'],
  ])(
    '%s (HTTP %d) → transient %s, code %s',
    (name, status, transient, code, words) => {
      const error = toRuntimeError(
        awsError(name, 'aws says no', status),
        context,
      );
      expect(error).toBeInstanceOf(RuntimeError);
      expect(error.transient).toBe(transient);
      expect(error.code).toBe(code);
      expect(error.message).toContain(words);
    },
  );

  it('treats dropped connections as transient', () => {
    const error = toRuntimeError(
      Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }),
      context,
    );
    expect(error.transient).toBe(true);
  });

  it('redacts secrets from the AWS message and drops a cause that carries one', () => {
    const error = toRuntimeError(
      awsError(
        'InvalidParameterValue',
        'MasterUserPassword Sup3r-Secret is too weak',
      ),
      context,
    );
    expect(error.message).not.toContain('Sup3r-Secret');
    expect(error.message).toContain('MasterUserPassword *** is too weak');
    expect(error.cause).toBeUndefined();
  });

  it('keeps the SDK error as the cause otherwise', () => {
    const original = awsError('AccessDenied', 'not allowed', 403);
    expect(toRuntimeError(original, context).cause).toBe(original);
  });

  it('words a thrown non-error without losing it', () => {
    const error = toRuntimeError('connection refused', context);
    expect(error.code).toBe('Unknown');
    expect(error.message).toContain('connection refused');
  });

  it('passes a RuntimeError through unchanged', () => {
    const error = new RuntimeError('x', { transient: false, code: 'X' });
    expect(toRuntimeError(error, context)).toBe(error);
  });
});

describe('rdsErrorCode', () => {
  it('strips the SDK "Fault" suffix and reads RuntimeError codes', () => {
    expect(rdsErrorCode(awsError('DBInstanceNotFoundFault'))).toBe(
      'DBInstanceNotFound',
    );
    expect(
      rdsErrorCode(new RuntimeError('x', { transient: true, code: 'Y' })),
    ).toBe('Y');
    expect(rdsErrorCode(new Error('plain'))).toBeUndefined();
  });

  it("reads the wire protocol's Code and Node's network codes", () => {
    expect(rdsErrorCode({ Code: 'DBSnapshotNotFound' })).toBe(
      'DBSnapshotNotFound',
    );
    expect(
      rdsErrorCode(Object.assign(new Error('x'), { code: 'ETIMEDOUT' })),
    ).toBe('ETIMEDOUT');
    expect(rdsErrorCode('boom')).toBeUndefined();
    expect(rdsErrorCode(undefined)).toBeUndefined();
  });
});

describe('answers that mean the work is done', () => {
  const failing = (code: string) =>
    Promise.reject(new RuntimeError(code, { transient: false, code }));

  it('unlessNotFound gives undefined for the named not-found code only', async () => {
    await expect(
      unlessNotFound('DBInstanceNotFound', () => failing('DBInstanceNotFound')),
    ).resolves.toBeUndefined();
    await expect(
      unlessNotFound('DBInstanceNotFound', () => failing('DBClusterNotFound')),
    ).rejects.toThrow('DBClusterNotFound');
    await expect(
      unlessNotFound('DBInstanceNotFound', async () => 'found'),
    ).resolves.toBe('found');
  });

  it('ignoreExists continues with an existing database and says so', async () => {
    const logger = mockServices.logger.mock();
    await ignoreExists(failing('DBClusterAlreadyExists'), logger, 'gr-x');
    expect(logger.info).toHaveBeenCalledWith(
      'RDS database already exists; continuing with it',
      { id: 'gr-x' },
    );
    await expect(
      ignoreExists(failing('StorageQuotaExceeded'), logger, 'gr-x'),
    ).rejects.toThrow('StorageQuotaExceeded');
  });

  it('ignoreNotFound accepts what is gone already, not other failures', async () => {
    await expect(
      ignoreNotFound(failing('DBSnapshotNotFound')),
    ).resolves.toBeUndefined();
    await expect(ignoreNotFound(failing('AccessDenied'))).rejects.toThrow(
      'AccessDenied',
    );
  });
});
