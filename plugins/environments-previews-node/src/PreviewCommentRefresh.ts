import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  PREVIEW_NAME_PREFIX,
  previewPullRequestOf,
} from '@greenroom/plugin-environments-common';
import type {
  ActingCredentials,
  EnvironmentChangeEvent,
  EnvironmentsService,
} from '@greenroom/plugin-environments-node';
import type { ChangeRequestProvider } from './ChangeRequestProvider';
import { PreviewComments } from './PreviewComments';

/**
 * Keeps the comment of a preview in step with its environment after the
 * event that wrote it: a change request event only queues the change, so the
 * status, replicas and URLs the comment shows are known later, when the
 * environments plugin says the environment changed.
 *
 * It reads the environment as the `actAs` user and touches only the
 * comment of the preview's own change request, and only when the text
 * changes; a change request without the bot's comment gets none. Previews
 * of other providers are left to their modules.
 *
 * @public
 */
export class PreviewCommentRefresh {
  /**
   * The last refresh of each environment: they run one at a time, so that
   * changes announced together do not both write the same comment.
   */
  readonly #running = new Map<string, Promise<void>>();

  constructor(
    private readonly deps: {
      provider: ChangeRequestProvider;
      environments: EnvironmentsService;
      credentials: ActingCredentials;
      logger: LoggerService;
    },
  ) {}

  /** Refreshes the comment of a changed preview; other environments are ignored. */
  async handleEnvironmentChange(event: EnvironmentChangeEvent): Promise<void> {
    // A deleted environment cannot be read; the change request event that
    // destroyed the preview wrote its last comment.
    if (event.change !== 'upserted') return;
    // Only previews are read, not every environment that changes.
    if (!event.name.startsWith(PREVIEW_NAME_PREFIX)) return;
    const { name } = event;
    const run = (this.#running.get(name) ?? Promise.resolve()).then(() =>
      this.#refresh(name),
    );
    const done = run.catch(() => {});
    this.#running.set(name, done);
    try {
      await run;
    } finally {
      if (this.#running.get(name) === done) this.#running.delete(name);
    }
  }

  async #refresh(name: string): Promise<void> {
    const { provider, environments, credentials, logger } = this.deps;
    const env = await environments.getEnvironment(name, {
      credentials: await credentials.get(),
    });
    const pr = env && previewPullRequestOf(env, provider.id);
    if (!pr) return;
    const repositoryUrl = provider.repositoryUrlOf(pr.url);
    const changed = await new PreviewComments(provider).refresh(
      { repository: pr.repository, repositoryUrl, number: pr.number },
      env,
    );
    if (changed) {
      logger.info('Updated the preview comment with its environment', {
        environment: name,
        status: env.status,
        pullRequest: `${pr.repository}#${pr.number}`,
      });
    }
  }
}
