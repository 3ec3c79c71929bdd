import type { Service } from '@greenroom/plugin-environments-common';
import type { ObservedState } from '@greenroom/plugin-environments-node';
import {
  observedIntervals,
  serviceIntervals,
  serviceReservation,
} from './ledger';

function service(overrides: Partial<Service>): Service {
  return {
    name: 'api',
    kind: 'application',
    ports: [],
    resources: { cpu: '250m', memory: '256Mi' },
    replicas: 1,
    customDomains: [],
    variables: [],
    ...overrides,
  };
}

const environment = {
  id: 'env-1',
  services: [
    service({
      name: 'api',
      resources: { cpu: '500m', memory: '1Gi', storage: '10Gi' },
      replicas: 2,
    }),
    service({ name: 'web' }),
  ],
};
const observed: ObservedState = {
  observedAt: '2026-12-07T12:00:00.000Z',
  services: [
    {
      name: 'api',
      phase: 'running',
      urls: [],
      // One of two replicas runs; the declared volume was never made.
      provisioned: { replicas: 1, cpuCores: 0.5, memoryGb: 1, storageGb: 0 },
    },
    { name: 'web', phase: 'running', urls: [] },
  ],
};

describe('serviceReservation', () => {
  it('counts CPU and memory per replica', () => {
    expect(
      serviceReservation(
        service({ resources: { cpu: '500m', memory: '1Gi' }, replicas: 3 }),
      ),
    ).toEqual({ cpuCores: 1.5, memoryGb: 3, storageGb: 0 });
  });

  it('reserves nothing but storage at zero replicas', () => {
    expect(
      serviceReservation(
        service({
          resources: { cpu: '1', memory: '1Gi', storage: '10Gi' },
          replicas: 0,
        }),
      ),
    ).toEqual({ cpuCores: 0, memoryGb: 0, storageGb: 10 });
  });

  it('takes storage of a container database from database.storageGb', () => {
    expect(
      serviceReservation(
        service({
          kind: 'database',
          database: {
            engine: 'postgresql',
            version: '16',
            mode: 'container',
            storageGb: 20,
          },
        }),
      ),
    ).toEqual({ cpuCores: 0.25, memoryGb: 0.25, storageGb: 20 });
  });

  it('prices a managed database by instance class and storage only', () => {
    expect(
      serviceReservation(
        service({
          kind: 'database',
          database: {
            engine: 'postgresql',
            version: '16',
            mode: 'managed',
            instanceClass: 'db.t4g.medium',
            storageGb: 50,
          },
        }),
      ),
    ).toEqual({
      cpuCores: 0,
      memoryGb: 0,
      storageGb: 50,
      instanceClass: 'db.t4g.medium',
    });
  });
});

describe('serviceIntervals', () => {
  it('opens one interval per service with its reservation and reason', () => {
    const intervals = serviceIntervals(
      {
        id: 'env-1',
        services: [
          service({ name: 'api' }),
          service({ name: 'web', replicas: 2 }),
        ],
      },
      'stopped',
      'auto-stop',
    );
    expect(intervals).toEqual([
      {
        environmentId: 'env-1',
        serviceName: 'api',
        state: 'stopped',
        cpuCores: 0.25,
        memoryGb: 0.25,
        storageGb: 0,
        reason: 'auto-stop',
      },
      {
        environmentId: 'env-1',
        serviceName: 'web',
        state: 'stopped',
        cpuCores: 0.5,
        memoryGb: 0.5,
        storageGb: 0,
        reason: 'auto-stop',
      },
    ]);
  });

  it('bills what the runtime provisioned, and the spec where it does not say', () => {
    expect(
      serviceIntervals(environment, 'running', 'create', { observed }),
    ).toEqual([
      {
        environmentId: 'env-1',
        serviceName: 'api',
        state: 'running',
        cpuCores: 0.5,
        memoryGb: 1,
        storageGb: 0,
        reason: 'create',
      },
      {
        environmentId: 'env-1',
        serviceName: 'web',
        state: 'running',
        cpuCores: 0.25,
        memoryGb: 0.25,
        storageGb: 0,
        reason: 'create',
      },
    ]);
  });

  it('keeps the previous reservation of a service the runtime does not describe', () => {
    const [api, web] = serviceIntervals(environment, 'stopped', 'stop', {
      previous: [
        {
          serviceName: 'api',
          cpuCores: 3,
          memoryGb: 6,
          storageGb: 2,
          instanceClass: 'x',
        },
      ],
    });
    expect(api).toMatchObject({
      cpuCores: 3,
      memoryGb: 6,
      storageGb: 2,
      instanceClass: 'x',
    });
    expect(web).toMatchObject({ cpuCores: 0.25, storageGb: 0 });
  });
});

describe('observedIntervals', () => {
  it('asks for a running interval of each service whose runtime said what it holds', () => {
    expect(observedIntervals(environment, observed)).toEqual([
      {
        environmentId: 'env-1',
        serviceName: 'api',
        state: 'running',
        cpuCores: 0.5,
        memoryGb: 1,
        storageGb: 0,
        reason: 'observed',
      },
    ]);
  });
});
