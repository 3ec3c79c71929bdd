import type { DatabaseEngine } from '../constants';
import type { Service } from '../schemas/service';
import { serviceHost } from '../variables';
import type { CloneReport } from './cloneReport';
import type { CloneRequest } from './cloneRequest';

/** What happens to one database of the clone. @public */
export type CloneDataStep = {
  service: string;
  engine: DatabaseEngine;
  action: 'empty' | 'restore-snapshot' | 'run-seed';
  detail: string;
};

/** What happens to each database of the clone, by the request's data policy. */
export function planData(
  report: CloneReport,
  services: Service[],
  dataPolicy: CloneRequest['dataPolicy'],
): CloneDataStep[] {
  const steps: CloneDataStep[] = [];
  for (const service of services) {
    if (!service.database) continue;
    const { engine, mode } = service.database;
    const from = serviceHost(service.name, report.source.name);
    let step: CloneDataStep;
    if (dataPolicy === 'seed') {
      step = {
        service: service.name,
        engine,
        action: 'run-seed',
        detail: 'starts empty, then the seed job loads its data',
      };
    } else if (dataPolicy === 'snapshot' && mode === 'managed') {
      step = {
        service: service.name,
        engine,
        action: 'restore-snapshot',
        detail: `restored from a snapshot of ${from}`,
      };
    } else {
      step = {
        service: service.name,
        engine,
        action: 'empty',
        detail: 'starts empty',
      };
      if (dataPolicy === 'snapshot') {
        // Only managed databases (RDS) have snapshots; a container keeps its
        // data on the source's volume, which is not copied.
        step.detail =
          'starts empty: a container database has no snapshot to restore';
        report.attention.push({
          item: `data:${service.name}`,
          reason: `a container database cannot be restored from a snapshot of ${from}; the clone starts empty (use the seed data policy to load data)`,
        });
      }
    }
    steps.push(step);
    report.diff.push({
      kind: 'data',
      path: `services.${service.name}`,
      to: step.action,
      reason: step.detail,
    });
  }
  return steps;
}
