import type { LoggerService } from '@backstage/backend-plugin-api';
import type {
  Environment,
  PullRequest,
} from '@greenroom/plugin-environments-common';
import type {
  EnvironmentsService,
  ActingCredentials,
} from '@greenroom/plugin-environments-node';
import type { OctokitForRepository } from '../github/octokitForRepository';
import { getPullRequest, repositoryUrlOf } from '../github/repository';
import { isPreviewOf, previewPullRequestOf } from './naming';

const PAGE = 100;

/**
 * The nightly reconcile: destroys the previews whose GitHub pull request is
 * closed or merged (a missed `closed` webhook). A preview whose pull request
 * cannot be read (any error, a rate limit, no integration, not found) is
 * kept and logged: it is never destroyed on an error. A failed listing
 * aborts the run.
 *
 * It acts as the `environments.github.actAs` user, and only on previews
 * this module names: an environment whose name is the preview name of its
 * own `origin.pullRequest`. Right before destroying, it reads the
 * environment again and destroys only the same one (same id and origin).
 */
export async function reconcilePreviews(options: {
  environments: EnvironmentsService;
  credentials: ActingCredentials;
  github: OctokitForRepository;
  logger: LoggerService;
  signal?: AbortSignal;
}): Promise<{ checked: number; destroyed: string[]; kept: string[] }> {
  const { environments, github, logger, signal } = options;
  const credentials = await options.credentials.get();

  const previews: Array<Environment & { pr: PullRequest }> = [];
  for (let offset = 0; ; ) {
    const { items, totalCount } = await environments.listEnvironments(
      { mode: 'preview', sort: 'name', limit: PAGE, offset },
      { credentials },
    );
    for (const env of items) {
      const pr = previewPullRequestOf(env);
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
    let state: { state: string; merged?: boolean } | undefined;
    try {
      state = await getPullRequest(
        github(repositoryUrlOf(pr)),
        pr.repository,
        pr.number,
      );
    } catch (error) {
      logger.warn(
        `Could not read ${pr.repository}#${pr.number}, the pull request of preview ${env.name}; keeping it`,
        error as Error,
      );
      kept.push(env.name);
      continue;
    }
    if (!state) {
      logger.warn(
        `Pull request of preview ${env.name} not found (or not readable); keeping it`,
        where,
      );
      kept.push(env.name);
      continue;
    }
    if (state.state !== 'closed') {
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
        idempotencyKey: `github-reconcile:${env.id}:destroy`,
      });
      destroyed.push(env.name);
      logger.info('Destroyed preview of a closed pull request', {
        ...where,
        merged: String(Boolean(state.merged)),
      });
    } catch (error) {
      logger.warn(
        `Could not destroy preview ${env.name} of the closed pull request ${pr.repository}#${pr.number}`,
        error as Error,
      );
    }
  }
  logger.info('Reconciled pull request previews', {
    checked: previews.length,
    destroyed: destroyed.length,
  });
  return { checked: previews.length, destroyed, kept };
}
