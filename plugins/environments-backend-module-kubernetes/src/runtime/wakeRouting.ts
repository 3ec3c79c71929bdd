import {
  mapWithConcurrency,
  type ResolvedEnvironment,
} from '@greenroom/plugin-environments-node';
import { refOf, type ClusterApi } from '../cluster/ClusterApi';
import type { RenderedEnvironment } from '../render';
import type { RuntimeScope } from './scope';

/**
 * Marks an Ingress pointed at the waking page, naming the redirect
 * annotation it added, so starting removes exactly that one even if the
 * configured annotation changed in between.
 */
export const WAKE_REDIRECT_ANNOTATION = 'greenroom.dev/wake-redirect';

/**
 * A stopped environment's Ingresses send visitors to the portal's waking
 * page: each gets the controller's redirect annotation (ingress-nginx's
 * `temporal-redirect` by default) with the page of its service, so every
 * request is answered with a redirect and no pod is needed. Starting
 * removes exactly what stopping added. The rules, hosts and TLS stay as
 * they are, so certificates keep renewing and DNS does not change.
 */
export class WakeRouting {
  constructor(private readonly scope: RuntimeScope) {}

  /** Points each public service's Ingress at its waking page. */
  async pointToWake(
    api: ClusterApi,
    rendered: RenderedEnvironment,
    env: ResolvedEnvironment,
    signal?: AbortSignal,
  ): Promise<string[]> {
    const annotation = this.scope.options.wakeRedirectAnnotation;
    if (!annotation || !env.wakeUrls) return [];
    const pointed = await mapWithConcurrency(
      ingressesOf(rendered),
      this.scope.options.concurrency,
      async ({ object, service }) => {
        const url = service ? env.wakeUrls?.[service] : undefined;
        if (!url) return undefined;
        const ref = refOf(object);
        // An Ingress removed behind our back has nothing to re-point.
        if (!(await api.read(ref, { signal }))) return undefined;
        await api.mergePatch(
          ref,
          {
            metadata: {
              annotations: {
                [annotation]: url,
                [WAKE_REDIRECT_ANNOTATION]: annotation,
              },
            },
          },
          { signal },
        );
        return object.metadata.name;
      },
    );
    return pointed.filter((name): name is string => !!name);
  }

  /** Sends the Ingresses to their services again; a no-op for those never re-pointed. */
  async restore(
    api: ClusterApi,
    rendered: RenderedEnvironment,
    signal?: AbortSignal,
  ): Promise<string[]> {
    const restored = await mapWithConcurrency(
      ingressesOf(rendered),
      this.scope.options.concurrency,
      async ({ object }) => {
        const ref = refOf(object);
        const current = await api.read(ref, { signal });
        const added = current?.metadata.annotations?.[WAKE_REDIRECT_ANNOTATION];
        if (!added) return undefined;
        await api.mergePatch(
          ref,
          {
            metadata: {
              annotations: { [added]: null, [WAKE_REDIRECT_ANNOTATION]: null },
            },
          },
          { signal },
        );
        return object.metadata.name;
      },
    );
    return restored.filter((name): name is string => !!name);
  }
}

function ingressesOf(rendered: RenderedEnvironment) {
  return rendered.objects.filter(o => o.object.kind === 'Ingress');
}
