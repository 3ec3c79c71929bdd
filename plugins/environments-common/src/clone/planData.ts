import type { DatabaseEngine } from '../constants';
import type { DataRules, DataSeed } from '../data/dataRules';
import {
  effectiveDataRules,
  unruledSensitiveColumns,
} from '../data/effectiveDataRules';
import {
  type TransformedRowsPreview,
  previewTransformedRows,
} from '../data/previewRows';
import type { Service } from '../schemas/service';
import { serviceHost } from '../variables';
import { ClonePlanError, type CloneReport } from './cloneReport';
import type { CloneDataPolicy, CloneRequest } from './cloneRequest';

/** Engines whose data a copy can move and transform. @public */
export const COPYABLE_ENGINES: readonly DatabaseEngine[] = [
  'postgresql',
  'mysql',
];

/** What happens to one database of the clone. @public */
export type CloneDataStep = {
  service: string;
  engine: DatabaseEngine;
  action: 'empty' | 'restore-snapshot' | 'run-seed' | 'copy';
  detail: string;
  /** For `copy`: the rules it applies (the template's and the environment's). */
  rules?: DataRules;
  /** For `copy`: made-up rows before and after the rules, never real ones. */
  preview?: TransformedRowsPreview[];
  /** For `run-seed`: what it runs. */
  seed?: DataSeed;
};

type Planning = {
  report: CloneReport;
  service: Service & { database: NonNullable<Service['database']> };
  policy: CloneDataPolicy;
  /** The request's field that chose the policy, for errors. */
  field: string;
  explicit: boolean;
  seed?: DataSeed;
  templateData?: DataRules;
};

/**
 * What happens to each database of the clone: the request's per-database
 * `data` over its `dataPolicy`. An explicit choice that cannot be honoured is
 * an error naming the field; the default falls back to empty with an
 * attention item.
 *
 * @throws ClonePlanError for a `data` entry that names no database of the
 *   clone, a seed without one to run, a copy of an engine that cannot be
 *   copied, or a copy out of production with a sensitive column unruled.
 */
export function planData(
  report: CloneReport,
  services: Service[],
  request: Pick<CloneRequest, 'dataPolicy' | 'data'>,
  templateData: Record<string, DataRules | undefined> = {},
): CloneDataStep[] {
  const databases = new Map(
    services.flatMap(s => (s.database ? [[s.name, s] as const] : [])),
  );
  for (const name of Object.keys(request.data ?? {})) {
    if (!databases.has(name)) {
      throw new ClonePlanError(
        `data.${name}`,
        'is not a database service the clone deploys',
      );
    }
  }
  const steps: CloneDataStep[] = [];
  for (const service of databases.values()) {
    const own = request.data?.[service.name];
    const step = planOne({
      report,
      service: service as Planning['service'],
      policy: own?.policy ?? request.dataPolicy,
      field: own?.policy ? `data.${service.name}.policy` : 'dataPolicy',
      explicit: own?.policy !== undefined,
      seed: own?.seed,
      templateData: templateData[service.name],
    });
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

function planOne(p: Planning): CloneDataStep {
  const { report, service } = p;
  const { engine, mode } = service.database;
  const from = serviceHost(service.name, report.source.name);
  const base = { service: service.name, engine };
  const empty = (detail: string, reason?: string): CloneDataStep => {
    if (reason) {
      report.attention.push({ item: `data:${service.name}`, reason });
    }
    return { ...base, action: 'empty', detail };
  };

  switch (p.policy) {
    case 'seed': {
      const seed =
        p.seed ?? service.database.data?.seed ?? p.templateData?.seed;
      if (seed) {
        return {
          ...base,
          action: 'run-seed',
          detail:
            'sql' in seed
              ? 'starts empty, then its SQL seed runs'
              : `starts empty, then the seed job ${seed.image} runs`,
          seed,
        };
      }
      if (p.explicit) {
        throw new ClonePlanError(
          `data.${service.name}.seed`,
          'no seed is named by the request, the service or its template',
        );
      }
      return empty(
        'starts empty: no seed is named',
        `no seed is named for ${service.name} by the request, the service or its template; it starts empty`,
      );
    }
    case 'snapshot':
      if (mode === 'managed') {
        return {
          ...base,
          action: 'restore-snapshot',
          detail: `restored from a snapshot of ${from}`,
        };
      }
      // Only managed databases (RDS) have snapshots; a container keeps its
      // data on the source's volume, which is not copied.
      return empty(
        'starts empty: a container database has no snapshot to restore',
        `a container database cannot be restored from a snapshot of ${from}; the clone starts empty (use the copy or seed data policy to load data)`,
      );
    case 'copy':
      return planCopy(p, base, from, empty);
    default:
      return empty('starts empty');
  }
}

function planCopy(
  p: Planning,
  base: Pick<CloneDataStep, 'service' | 'engine'>,
  from: string,
  empty: (detail: string, reason?: string) => CloneDataStep,
): CloneDataStep {
  const { report, service } = p;
  if (!COPYABLE_ENGINES.includes(service.database.engine)) {
    if (p.explicit) {
      throw new ClonePlanError(
        p.field,
        `cannot copy a ${service.database.engine} database (${
          service.name
        }); copies move ${COPYABLE_ENGINES.join(' and ')} data`,
      );
    }
    return empty(
      `starts empty: ${service.database.engine} data is not copied`,
      `${service.name} is a ${service.database.engine} database, whose data is not copied; the clone starts empty`,
    );
  }
  const rules = effectiveDataRules(p.templateData, service.database.data);
  const unruled = unruledSensitiveColumns(rules);
  if (report.source.mode === 'production' && unruled.length > 0) {
    throw new ClonePlanError(
      p.field,
      `cannot copy ${service.name} out of production environment '${
        report.source.name
      }': sensitive column${unruled.length > 1 ? 's' : ''} ${unruled.join(
        ', ',
      )} ha${
        unruled.length > 1 ? 've' : 's'
      } no rule (add one to the service's database.data.rules)`,
    );
  }
  const changed = rules.rules.filter(r => r.transform !== 'keep').length;
  return {
    ...base,
    action: 'copy',
    detail: `copied from ${from}, ${
      changed === 0
        ? 'unchanged (no rules)'
        : `${changed} column${changed > 1 ? 's' : ''} transformed`
    }${
      rules.subset.length > 0
        ? `, ${rules.subset.length} table${
            rules.subset.length > 1 ? 's' : ''
          } subset`
        : ''
    }`,
    rules,
    preview: previewTransformedRows(rules),
  };
}
