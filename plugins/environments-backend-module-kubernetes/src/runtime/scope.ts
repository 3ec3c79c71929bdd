import type { LoggerService } from '@backstage/backend-plugin-api';
import type { ResolvedEnvironment } from '@greenroom/plugin-environments-node';
import type { KubeObject } from '../render';
import type { KubernetesRuntimeOptions } from './options';

/** What the runtime's parts share: whose objects they touch, and how. */
export interface RuntimeScope {
  /** `environments.installationId`: labelled on, and required of, every object. */
  installationId: string;
  options: KubernetesRuntimeOptions;
  logger: LoggerService;
}

export type Environment = ResolvedEnvironment['environment'];

/** A Deployment, StatefulSet, Job or Pod as the API returns it. */
export type Workload = KubeObject & { spec?: any; status?: any };

/** A duration for a message: `500ms`, `10m`, `90s`. */
export function formatMs(ms: number) {
  if (ms < 1000) return `${ms}ms`;
  return ms % 60_000 === 0 ? `${ms / 60_000}m` : `${Math.round(ms / 1000)}s`;
}
