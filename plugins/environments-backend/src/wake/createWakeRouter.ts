import {
  formatImageReference,
  isValidEnvironmentName,
  isValidServiceName,
} from '@greenroom/plugin-environments-common';
import express from 'express';
import Router from 'express-promise-router';
import type { EnvironmentsStore } from '../storage/types';
import {
  renderLocalServicePage,
  renderRefusedPage,
  renderWakingPage,
} from './pages';
import { WAKE_SCRIPT } from './wakeScript';
import { WakeRateLimitedError, type WakeService } from './WakeService';

/**
 * The routes a browser reaches from an environment's public URL, without
 * signing in to the portal (the plugin marks them unauthenticated):
 *
 * - `GET /wake/:environment/:service`: the waking page (a running service
 *   forwards at once; one that may not wake says why);
 * - `POST …/start` and `GET …/status`: what its script calls;
 * - `GET /wake/script.js`: that script;
 * - `GET /local-services/:environment/:service/…`: what a service of the
 *   `local` runtime answers (the waking page while it sleeps).
 *
 * They reveal no more than the URL itself: a page never carries errors or
 * anything of another environment.
 */
export function createWakeRouter(options: {
  wake: WakeService;
  store: Pick<EnvironmentsStore, 'getEnvironment'>;
  /** The environment's page in the portal, for links (none without `app.baseUrl`). */
  portalUrl: (environment: string) => string | undefined;
}): express.Router {
  const { wake, store, portalUrl } = options;
  const router = Router();

  const names = (req: express.Request) => {
    const { environment, service } = req.params;
    return isValidEnvironmentName(environment) && isValidServiceName(service)
      ? { environment, service }
      : undefined;
  };
  const html = (res: express.Response, status: number, body: string) =>
    res
      .status(status)
      .type('html')
      // What a page says changes as the environment wakes up.
      .set('cache-control', 'no-store')
      .send(body);
  const unknown = (res: express.Response) =>
    html(
      res,
      404,
      renderRefusedPage({
        environment: 'This environment',
        reason: 'There is no such environment or service.',
      }),
    );

  router.get('/wake/script.js', (_req, res) => {
    res
      .type('application/javascript')
      .set('cache-control', 'no-cache')
      .send(WAKE_SCRIPT);
  });

  router.get('/wake/:environment/:service', async (req, res) => {
    const target = names(req);
    if (!target) return unknown(res);
    const answer = await wake.status(target.environment, target.service);
    if (answer.state === 'ready' && answer.url)
      return res.redirect(302, answer.url);
    if (answer.state === 'refused') {
      return html(
        res,
        409,
        renderRefusedPage({
          environment: target.environment,
          reason: answer.message,
          portalUrl: portalUrl(target.environment),
        }),
      );
    }
    return html(
      res,
      200,
      renderWakingPage({
        ...target,
        // Paths on the portal's own host, whatever it is called.
        wakeUrl: wakePath(req.baseUrl, target.environment, target.service),
        scriptUrl: `${req.baseUrl}/wake/script.js`,
        portalUrl: portalUrl(target.environment),
      }),
    );
  });

  router.post('/wake/:environment/:service/start', async (req, res) => {
    const target = names(req);
    if (!target)
      return res.status(404).json({ state: 'refused', message: 'Not found' });
    try {
      const answer = await wake.start(
        target.environment,
        target.service,
        req.ip ?? 'unknown',
      );
      return res.status(answer.state === 'refused' ? 409 : 200).json(answer);
    } catch (error) {
      if (error instanceof WakeRateLimitedError) {
        return res
          .status(429)
          .set('retry-after', '3600')
          .json({ error: { name: error.name, message: error.message } });
      }
      throw error;
    }
  });

  router.get('/wake/:environment/:service/status', async (req, res) => {
    const target = names(req);
    if (!target)
      return res.status(404).json({ state: 'refused', message: 'Not found' });
    const answer = await wake.status(target.environment, target.service);
    return res
      .status(answer.state === 'refused' ? 409 : 200)
      .set('cache-control', 'no-store')
      .json(answer);
  });

  // The service's own paths all answer the same page.
  const localService = [
    '/local-services/:environment/:service',
    '/local-services/:environment/:service/*',
  ];
  router.get(localService, async (req, res) => {
    const target = names(req);
    if (!target) return unknown(res);
    const environment = await store.getEnvironment(target.environment);
    const service = environment?.services.find(s => s.name === target.service);
    if (
      !environment ||
      environment.runtime.type !== 'local' ||
      !service?.ports.some(p => p.public)
    ) {
      return unknown(res);
    }
    if (environment.status !== 'running' && environment.status !== 'degraded') {
      return res.redirect(
        302,
        wakePath(req.baseUrl, environment.name, service.name),
      );
    }
    return html(
      res,
      200,
      renderLocalServicePage({
        environment: environment.name,
        service: service.name,
        image: service.image && formatImageReference(service.image),
        portalUrl: portalUrl(environment.name),
      }),
    );
  });

  return router;
}

function wakePath(base: string, environment: string, service: string) {
  return `${base}/wake/${encodeURIComponent(environment)}/${encodeURIComponent(
    service,
  )}`;
}
