import { formatImageReference } from '@greenroom/plugin-environments-common';
import type { ApiService } from '../api';

const NONE = '—';

/** `postgresql 16 (container)` for databases, `repository:tag` otherwise. */
export function describeImage(service: ApiService): string {
  if (service.database) {
    const { engine, version, mode, instanceClass } = service.database;
    const where =
      mode === 'managed' && instanceClass ? `managed, ${instanceClass}` : mode;
    return `${engine} ${version} (${where})`;
  }
  return service.image ? formatImageReference(service.image) : NONE;
}

/** `3000 (public), 9090`. */
export function describePorts(service: ApiService): string {
  if (service.ports.length === 0) {
    return NONE;
  }
  return service.ports
    .map(p => (p.public ? `${p.port} (public)` : String(p.port)))
    .join(', ');
}

/** `250m CPU, 256Mi memory, 10Gi storage`. */
export function describeResources(service: ApiService): string {
  const { cpu, memory, storage } = service.resources;
  const parts = [`${cpu} CPU`, `${memory} memory`];
  if (storage) {
    parts.push(`${storage} storage`);
  } else if (service.database?.storageGb) {
    parts.push(`${service.database.storageGb}Gi storage`);
  }
  return parts.join(', ');
}
