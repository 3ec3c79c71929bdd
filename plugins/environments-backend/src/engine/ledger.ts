import type {
  Environment,
  Service,
} from '@greenroom/plugin-environments-common';
import type { ServiceIntervalInput } from '../storage/types';
import { parseCpuCores, parseMemoryGb } from './quantities';

/**
 * What one service reserves, for the cost ledger. CPU and memory count per
 * replica; storage (a volume or a managed database's disk) once per service.
 * A managed database is priced by its instance class, so it reserves no
 * CPU or memory of its own.
 */
export function serviceReservation(
  service: Service,
): Pick<
  ServiceIntervalInput,
  'cpuCores' | 'memoryGb' | 'storageGb' | 'instanceClass'
> {
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
 * The ledger intervals that start when an environment's services start
 * (`running`) or stop (`stopped`). A stopped interval keeps the reservation,
 * so reports can tell what the stop saved; cost charges only its storage.
 */
export function serviceIntervals(
  environment: Pick<Environment, 'id' | 'services'>,
  state: ServiceIntervalInput['state'],
  reason?: string,
): ServiceIntervalInput[] {
  return environment.services.map(service => ({
    environmentId: environment.id,
    serviceName: service.name,
    state,
    ...serviceReservation(service),
    ...(reason ? { reason } : {}),
  }));
}
