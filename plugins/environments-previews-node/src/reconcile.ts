import type { LoggerService } from '@backstage/backend-plugin-api';
import type {
  Environment,
  PullRequest,
} from '@greenroom/plugin-environments-common';
import {
  isPreviewOf,
  previewPullRequestOf,
} from '@greenroom/plugin-environments-common';
import type {
  EnvironmentsService,
  ActingCredentials,
} from '@greenroom/plugin-environments-node';
import type {
  ChangeRequest,
  ChangeRequestProvider,
} from './ChangeRequestProvider';

const PAGE = 100;

/**
 * The nightly reconcile: destroys the previews whose change request on the
 * provider is closed or merged (a missed `closed` webhook). A preview whose
 * change request cannot be read (any error, a rate limit, no integration,
 * not found) is kept and logged: it is never destroyed on an error. A failed
 * listing aborts the run.
 *
 * It acts as the `actAs` user, and only on previews of this provider that
 * the bot names: an environment whose name is the preview name of its own
 * `origin.pullRequest`. Right before destroying, it reads the environment
 * again and destroys only the same one (same id and origin).
 *
 * @public
 */
export async function reconcilePreviews(options: {
  provider: ChangeRequestProvider;
  environments: EnvironmentsService;
  credentials: ActingCredentials;
  logger: LoggerService;
  signal?: AbortSignal;
}): Promise<{ checked: number; destroyed: string[]; kept: string[] }> {
  const { provider, environments, logger, signal } = options;
  const { changeRequest } = provider.terms;
  const credentials = await options.credentials.get();

  const previews: Array<Environment & { pr: PullRequest }> = [];
  for (let offset = 0; ; ) {
    const { items, totalCount } = await environments.listEnvironments(
      { mode: 'preview', sort: 'name', limit: PAGE, offset },
      { credentials },
    );
    for (const env of items) {
      const pr = previewPullRequestOf(env, provider.id);
      if (pr) previews.push({ ...env, pr });
    }
    offset += items.length;
    if (items.length === 0 || offset >= totalCount) break;
  }

  const destroyed: string[] = [];
  const kept: string[] = [];
  for (const env of previews) {
    if (signal?.aborted) break;
    const { pr } = env;
    const where = {
      environment: env.name,
      repository: pr.repository,
      pullRequest: pr.number,
    };
    let state: ChangeRequest | undefined;
    try {
      state = await provider.getChangeRequest({
        repository: pr.repository,
        repositoryUrl: provider.repositoryUrlOf(pr.url),
        number: pr.number,
      });
    } catch (error) {
      logger.warn(
        `Could not read ${pr.repository}#${pr.number}, the ${changeRequest} of preview ${env.name}; keeping it`,
        error as Error,
      );
      kept.push(env.name);
      continue;
    }
    if (!state) {
      logger.warn(
        `The ${changeRequest} of preview ${env.name} was not found (or is not readable); keeping it`,
        where,
      );
      kept.push(env.name);
      continue;
    }
    if (state.state === 'open') {
      kept.push(env.name);
      continue;
    }
    try {
      // Listed a while ago: destroy only if the name still holds this preview.
      const now = await environments.getEnvironment(env.name, { credentials });
      if (!now || now.id !== env.id || !isPreviewOf(now, pr)) {
        logger.warn(
          `Environment ${env.name} changed since it was listed and is not the preview of ${pr.repository}#${pr.number} any more; nothing was changed`,
          where,
        );
        kept.push(env.name);
        continue;
      }
      await environments.lifecycle(env.name, 'destroy', {
        credentials,
        // Keyed by the environment's id: a later preview of a reopened PR is
        // another environment, which a replayed key must not spare.
        idempotencyKey: `${provider.id}-reconcile:${env.id}:destroy`,
      });
      destroyed.push(env.name);
      logger.info(`Destroyed preview of a closed ${changeRequest}`, {
        ...where,
        merged: String(state.state === 'merged'),
      });
    } catch (error) {
      logger.warn(
        `Could not destroy preview ${env.name} of the closed ${changeRequest} ${pr.repository}#${pr.number}`,
        error as Error,
      );
    }
  }
  logger.info(`Reconciled ${changeRequest} previews`, {
    checked: previews.length,
    destroyed: destroyed.length,
  });
  return { checked: previews.length, destroyed, kept };
}
