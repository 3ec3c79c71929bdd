import {
  type Environment,
  type Service,
  parseCpuCores,
  parseMemoryGb,
} from '@greenroom/plugin-environments-common';
import type { ObservedState } from '@greenroom/plugin-environments-node';
import type { ServiceInterval } from '../storage/rows';
import type { ServiceIntervalInput } from '../storage/types';

type Reservation = Pick<
  ServiceIntervalInput,
  'cpuCores' | 'memoryGb' | 'storageGb' | 'instanceClass'
>;

/** The reason of intervals opened because an observation saw a change. */
export const OBSERVED_REASON = 'observed';

/**
 * What one service reserves by its spec, for the cost ledger when the
 * runtime does not say what it provisioned. CPU and memory count per
 * replica; storage (a volume or a managed database's disk) once per service.
 * A managed database is priced by its instance class, so it reserves no
 * CPU or memory of its own.
 */
export function serviceReservation(service: Service): Reservation {
  const storageGb = service.resources.storage
    ? parseMemoryGb(service.resources.storage)
    : service.database?.storageGb ?? 0;
  if (service.database?.mode === 'managed') {
    return {
      cpuCores: 0,
      memoryGb: 0,
      storageGb,
      instanceClass: service.database.instanceClass,
    };
  }
  return {
    cpuCores: parseCpuCores(service.resources.cpu) * service.replicas,
    memoryGb: parseMemoryGb(service.resources.memory) * service.replicas,
    storageGb,
  };
}

/**
 * Where each service's reservation comes from, best first: what the runtime
 * observed it to hold, else the service's previous interval (a stop or start
 * changes what runs, not what is reserved), else its spec.
 */
export interface ReservationSources {
  observed?: ObservedState;
  previous?: Pick<ServiceInterval, 'serviceName' | keyof Reservation>[];
}

/**
 * The ledger intervals that start when an environment's services start
 * (`running`) or stop (`stopped`). A stopped interval keeps the reservation,
 * so reports can tell what the stop saved; cost charges only its storage.
 */
export function serviceIntervals(
  environment: Pick<Environment, 'id' | 'services'>,
  state: ServiceIntervalInput['state'],
  reason?: string,
  sources: ReservationSources = {},
): ServiceIntervalInput[] {
  return environment.services.map(service => {
    const provisioned = sources.observed?.services.find(
      s => s.name === service.name,
    )?.provisioned;
    const previous = sources.previous?.find(
      i => i.serviceName === service.name,
    );
    let reservation: Reservation;
    if (provisioned) reservation = reservationOf(provisioned);
    else if (previous) reservation = reservationOf(previous);
    else reservation = serviceReservation(service);
    return {
      environmentId: environment.id,
      serviceName: service.name,
      state,
      ...reservation,
      ...(reason ? { reason } : {}),
    };
  });
}

/**
 * The `running` intervals an observation says should be open: one per
 * service of the environment whose runtime reported what it provisioned
 * (the others keep theirs), with the reason `observed`.
 */
export function observedIntervals(
  environment: Pick<Environment, 'id' | 'services'>,
  observed: ObservedState,
): ServiceIntervalInput[] {
  return environment.services.flatMap(service => {
    const provisioned = observed.services.find(
      s => s.name === service.name,
    )?.provisioned;
    if (!provisioned) return [];
    return [
      {
        environmentId: environment.id,
        serviceName: service.name,
        state: 'running' as const,
        ...reservationOf(provisioned),
        reason: OBSERVED_REASON,
      },
    ];
  });
}

/** Only what the ledger counts of a reservation (an interval's, or what a runtime provisioned). */
function reservationOf(interval: Reservation): Reservation {
  return {
    cpuCores: interval.cpuCores,
    memoryGb: interval.memoryGb,
    storageGb: interval.storageGb,
    ...(interval.instanceClass
      ? { instanceClass: interval.instanceClass }
      : {}),
  };
}
