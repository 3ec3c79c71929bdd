import { createExtensionPoint } from '@backstage/backend-plugin-api';

/**
 * Something that shows an environment is in use: a page view, a deploy, an
 * API call, a request through its ingress.
 *
 * @public
 */
export interface ActivityEvent {
  environmentName: string;
  at: Date;
  kind: 'view' | 'deploy' | 'api' | 'ingress' | (string & {});
  /** Entity ref of the user, when known. */
  actor?: string;
}

/**
 * Reports activity from outside the portal (ingress logs, CI, an APM). Read on
 * a schedule; each call returns what happened since the given time.
 *
 * @public
 */
export interface ActivitySource {
  readonly id: string;
  readActivity(options: {
    since: Date;
    environmentNames: string[];
    signal: AbortSignal;
  }): Promise<ActivityEvent[]>;
}

/** @public */
export interface EnvironmentsActivityExtensionPoint {
  addActivitySource(...sources: ActivitySource[]): void;
}

/** @public */
export const environmentsActivityExtensionPoint =
  createExtensionPoint<EnvironmentsActivityExtensionPoint>({
    id: 'environments.activity',
  });
