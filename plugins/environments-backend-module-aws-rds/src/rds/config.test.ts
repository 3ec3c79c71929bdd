import { ConfigReader } from '@backstage/config';
import { readAwsRdsConfig } from './config';

const read = (awsRds: object | undefined) =>
  readAwsRdsConfig(new ConfigReader({ environments: { awsRds } }));

describe('readAwsRdsConfig', () => {
  it('is off without a region', () => {
    expect(read(undefined)).toBeUndefined();
    expect(read({ defaultInstanceClass: 'db.t4g.small' })).toBeUndefined();
  });

  it('fills in defaults', () => {
    expect(read({ region: 'eu-central-1' })).toEqual({
      region: 'eu-central-1',
      defaultInstanceClass: 'db.t4g.micro',
      subnetGroupName: undefined,
      securityGroupIds: undefined,
      engineMode: 'instance',
      pollIntervalMs: 15_000,
      availableTimeoutMs: 3_600_000,
      tags: {},
    });
  });

  it('reads every key; durations as seconds or as HumanDuration', () => {
    expect(
      read({
        region: 'us-east-1',
        defaultInstanceClass: 'db.t4g.small',
        subnetGroupName: 'greenroom',
        securityGroupIds: ['sg-1', 'sg-2'],
        engineMode: 'aurora',
        pollInterval: 30,
        availableTimeout: { minutes: 90 },
        tags: { 'cost-center': 'platform' },
      }),
    ).toEqual({
      region: 'us-east-1',
      defaultInstanceClass: 'db.t4g.small',
      subnetGroupName: 'greenroom',
      securityGroupIds: ['sg-1', 'sg-2'],
      engineMode: 'aurora',
      pollIntervalMs: 30_000,
      availableTimeoutMs: 5_400_000,
      tags: { 'cost-center': 'platform' },
    });
  });

  it('still reads the first names of the network keys', () => {
    expect(
      read({
        region: 'eu-central-1',
        dbSubnetGroupName: 'old',
        vpcSecurityGroupIds: ['sg-old'],
      }),
    ).toMatchObject({ subnetGroupName: 'old', securityGroupIds: ['sg-old'] });
  });

  it('rejects an unknown engine mode', () => {
    expect(() =>
      read({ region: 'eu-central-1', engineMode: 'serverless' }),
    ).toThrow('engineMode must be "instance" or "aurora"');
  });
});
