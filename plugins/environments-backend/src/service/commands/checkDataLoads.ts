import { InputError } from '@backstage/errors';
import type {
  ClonePlan,
  CloneRequest,
  Environment,
} from '@greenroom/plugin-environments-common';
import type { RuntimeRegistry } from '../../runtimes/RuntimeRegistry';

function runtimeText(runtime: Environment['runtime']) {
  return runtime.target ? `${runtime.type} (${runtime.target})` : runtime.type;
}

/**
 * A clone's copies and seeds must be possible where it runs: 400 naming
 * the request's field that chose them, when the clone's runtime cannot
 * load data (the local runtime without a database server) or a copy's
 * source runs where the clone's runtime cannot reach it.
 */
export function checkDataLoads(
  plan: Pick<ClonePlan, 'data' | 'input'>,
  request: Pick<CloneRequest, 'data'>,
  source: Pick<Environment, 'name' | 'runtime'>,
  runtimes: Pick<RuntimeRegistry, 'get'>,
): void {
  const target = plan.input.runtime ?? source.runtime;
  for (const step of plan.data) {
    if (step.action !== 'copy' && step.action !== 'run-seed') continue;
    const field = request.data?.[step.service]?.policy
      ? `data.${step.service}.policy`
      : 'dataPolicy';
    const what = step.action === 'copy' ? 'copy' : 'seed';
    const runtime = runtimes.get(target.type);
    if (
      runtime.loadData &&
      !(runtime.dataEngines ?? [step.engine]).includes(step.engine)
    ) {
      throw new InputError(
        `${field}: cannot ${what} ${step.service}: the ${
          target.type
        } runtime loads ${runtime.dataEngines!.join(' and ')} databases, not ${
          step.engine
        }`,
      );
    }
    if (!runtime.loadData) {
      throw new InputError(
        `${field}: cannot ${what} ${step.service}: the ${
          target.type
        } runtime cannot load data into databases${
          target.type === 'local'
            ? ' (configure environments.local.databases.postgresql to give it a database server)'
            : ''
        }`,
      );
    }
    if (
      step.action === 'copy' &&
      (source.runtime.type !== target.type ||
        (source.runtime.target ?? '') !== (target.target ?? ''))
    ) {
      throw new InputError(
        `${field}: cannot copy ${step.service}: ${
          source.name
        } runs on ${runtimeText(
          source.runtime,
        )}, which the clone's runtime ${runtimeText(target)} cannot reach`,
      );
    }
  }
}
