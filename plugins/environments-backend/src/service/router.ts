import {
  AuditorService,
  HttpAuthService,
  LoggerService,
  PermissionsRegistryService,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import type { RuntimePlan } from '@greenroom/plugin-environments-node';
import type { RequestHandler } from 'express';
import type { EnvironmentsStore } from '../storage/types';
import type { CostService } from '../cost/CostService';
import type { RuntimeRegistry } from '../runtimes/RuntimeRegistry';
import { createOpenApiRouter } from '../schema/createOpenApiRouter';
import type { ObservationStore } from '../observations/ObservationStore';
import type { PreviewQuota } from '../previews/PreviewQuota';
import type { TemplateService } from '../templates/TemplateService';
import type { EnvironmentCommands } from './EnvironmentCommands';
import { addCostRoutes } from './routes/costs';
import { addEnvironmentRoutes } from './routes/environments';
import { addOperationRoutes } from './routes/operations';
import { addPreviewRoutes } from './routes/previews';
import { createRouteHelpers } from './routes/routeHelpers';
import { addTemplateRoutes } from './routes/templates';
import { addVariableRoutes } from './routes/variables';

export interface RouterOptions {
  service: EnvironmentCommands;
  store: EnvironmentsStore;
  cost: CostService;
  runtimes: RuntimeRegistry;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  permissionsRegistry: PermissionsRegistryService;
  /** The caller's ownership refs, for who may own what they create. */
  userInfo: UserInfoService;
  auditor: AuditorService;
  logger: LoggerService;
  /** Builds what a runtime sees, for the dry-run plan. */
  plan: (environmentName: string) => Promise<RuntimePlan>;
  templates: TemplateService;
  /** What the runtimes last observed, added to reads of environments. */
  observations: Pick<ObservationStore, 'forEnvironments'>;
  /** How full the preview quotas are. */
  previewQuota: Pick<PreviewQuota, 'usage'>;
  /** The highest `limit` a cost summary may be asked for. */
  costSummaryMaxLimit: number;
}

/** The environments API; its routes are grouped by resource in `routes/`. */
export async function createRouter(
  options: RouterOptions,
): Promise<RequestHandler> {
  const router = createOpenApiRouter();
  // PostgreSQL text cannot hold a NUL character: refuse one anywhere in the
  // request as bad input, rather than answering 500 when the query fails.
  router.use((req, _res, next) => {
    next(
      req.url.includes('%00') || containsNul(req.body)
        ? new InputError('The request must not contain a NUL character')
        : undefined,
    );
  });

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok', runtimes: options.runtimes.types() });
  });

  const helpers = createRouteHelpers(options);
  addEnvironmentRoutes(router, options, helpers);
  addVariableRoutes(router, options, helpers);
  addTemplateRoutes(router, options, helpers);
  addOperationRoutes(router, options, helpers);
  addCostRoutes(router, options, helpers);
  addPreviewRoutes(router, options, helpers);
  return router;
}

/** Whether a string or key anywhere in a parsed JSON body holds a NUL. */
function containsNul(body: unknown): boolean {
  const pending = [body];
  while (pending.length > 0) {
    const value = pending.pop();
    if (typeof value === 'string') {
      if (value.includes('\u0000')) return true;
    } else if (value && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) {
        if (key.includes('\u0000')) return true;
        pending.push(item);
      }
    }
  }
  return false;
}
