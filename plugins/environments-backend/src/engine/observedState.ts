import type { EnvironmentStatus } from '@greenroom/plugin-environments-common';
import type {
  ObservedService,
  ObservedState,
} from '@greenroom/plugin-environments-node';

/** Managed databases are reported by their provider, not the runtime. */
export function withManagedDatabases(
  observed: ObservedState,
  managed: ObservedService[],
): ObservedState {
  return {
    ...observed,
    services: [
      ...observed.services.filter(s => !managed.some(m => m.name === s.name)),
      ...managed,
    ],
  };
}

/** `degraded` when any service failed, otherwise `running`. */
export function statusFromObserved(observed: ObservedState): EnvironmentStatus {
  return observed.services.some(s => s.phase === 'failed')
    ? 'degraded'
    : 'running';
}

/** A one-line step message, e.g. `2 running, 1 failed (db: CrashLoopBackOff)`. */
export function summarizeObserved(observed: ObservedState): string {
  if (observed.services.length === 0) {
    return 'No services';
  }
  const counts = new Map<string, number>();
  for (const service of observed.services) {
    counts.set(service.phase, (counts.get(service.phase) ?? 0) + 1);
  }
  const summary = [...counts].map(([phase, n]) => `${n} ${phase}`).join(', ');
  const failures = observed.services
    .filter(s => s.phase === 'failed')
    .map(s => {
      if (!s.message) return s.name;
      // Runtimes may already name the service in their message.
      return s.message.startsWith(`${s.name}:`)
        ? s.message
        : `${s.name}: ${s.message}`;
    });
  return failures.length ? `${summary} (${failures.join('; ')})` : summary;
}
