import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  ApiEnvironment,
  environmentPart,
  NOT_DEPLOYED,
  notThisPreview,
  PreviewCommentView,
} from '@greenroom/plugin-environments-common';
import type {
  EnvironmentsService,
  ActingCredentials,
} from '@greenroom/plugin-environments-node';
import { messageOf, statusOf } from './errors';
import {
  Head,
  Lookup,
  PreviewTarget,
  lookupPreview,
  runningHead,
  serviceOf,
} from './previewTarget';
import type { PreviewSettings } from './settings';

/**
 * What a change request is told about its preview: the one preview comment
 * (and the logs) when a change is refused, fails, or was handled before.
 */
export class PreviewReporter {
  constructor(
    private readonly deps: {
      environments: EnvironmentsService;
      credentials: Pick<ActingCredentials, 'actAs'>;
      logger: LoggerService;
      settings: PreviewSettings;
    },
  ) {}

  /** Says on the change request why nothing happened to an environment that is not ours. */
  async notOurs(
    target: PreviewTarget,
    head: Head,
    foreign: ApiEnvironment,
    options: { onlyIfExists?: boolean } = {},
  ) {
    this.deps.logger.warn(
      `Environment ${target.name} exists and is not the preview of ${target.pr.repository}#${target.pr.number}; nothing was changed`,
      {
        environment: target.name,
        origin: foreign.origin.pullRequest
          ? `${foreign.origin.pullRequest.provider}:${foreign.origin.pullRequest.repository}#${foreign.origin.pullRequest.number}`
          : foreign.origin.type,
      },
    );
    await target.comments.upsert(
      target.pr,
      {
        ...this.view(
          target,
          undefined,
          head,
          notThisPreview(target.name, target.provider.terms.changeRequest),
        ),
        status: NOT_DEPLOYED,
      },
      options,
    );
  }

  /** Nothing is deployed, and the preview comment says why (also logged). */
  async refuse(
    target: PreviewTarget,
    head: Head,
    why: string,
    /** Escaped Markdown shown under it, e.g. a blueprint's problems. */
    details?: string,
  ) {
    this.deps.logger.warn(`Preview refused: ${why}`, {
      repository: target.pr.repository,
      pullRequest: target.pr.number,
    });
    const { env } = await lookupPreview(this.deps.environments, target);
    await target.comments.upsert(target.pr, {
      ...this.view(
        target,
        env,
        env ? runningHead(env, target, head) : head,
        why,
      ),
      ...(details && { details }),
      ...(env ? {} : { status: NOT_DEPLOYED }),
    });
  }

  /**
   * Runs a change; a failure is logged and shown on the preview comment
   * (and, for a command, in its reply).
   */
  async guard(
    target: PreviewTarget,
    head: Head,
    fn: () => Promise<void>,
    onError?: (error: unknown) => Promise<void>,
  ) {
    try {
      await fn();
    } catch (error) {
      if (this.handledBefore(target, error)) return;
      this.deps.logger.error(
        `Preview change failed for ${target.pr.repository}#${target.pr.number}`,
        error as Error,
      );
      const env = (await lookupPreview(this.deps.environments, target).catch(
        () => ({}),
      )) as Lookup;
      await target.comments
        .upsert(target.pr, {
          ...this.view(target, env.env, head, 'the last change failed'),
          status: env.env?.status ?? 'failed',
          error: this.describe(error),
        })
        .catch(e =>
          this.deps.logger.error('Could not write the preview comment', e),
        );
      await onError?.(error)?.catch(e =>
        this.deps.logger.error('Could not reply to the command', e),
      );
    }
  }

  /**
   * Whether this delivery of the event was handled before, so that the
   * preview comment stays as the newest event left it: every change it asked for so
   * far was replayed by its key, or (given `error`) the API answered 422, its
   * key having been used for another request (the preview changed since, e.g.
   * by a later push, so the same event now asks for something else).
   */
  handledBefore(target: PreviewTarget, error?: unknown): boolean {
    const handled = error ? statusOf(error) === 422 : !target.changed;
    if (handled) {
      this.deps.logger.info(
        `${target.provider.terms.provider} event already handled (redelivered?); the preview comment is left as it is`,
        {
          repository: target.pr.repository,
          pullRequest: target.pr.number,
          ...(target.delivery ? { delivery: target.delivery } : {}),
          ...(error ? { reason: messageOf(error) } : {}),
        },
      );
    }
    return handled;
  }

  /** An error as the comment shows it: the server's message, and who was refused. */
  describe(error: unknown): string {
    const message = messageOf(error);
    const status = statusOf(error);
    if (status === 403 || status === 401) {
      return `the permission policy does not allow ${this.deps.credentials.actAs} (${this.deps.settings.configKey}.actAs) to do this: ${message}`;
    }
    return message;
  }

  view(
    target: PreviewTarget,
    env: ApiEnvironment | undefined,
    head: Pick<Head, 'branch' | 'headSha'>,
    lastChange: string,
  ): PreviewCommentView {
    return {
      environmentName: target.name,
      environmentUrl: `${this.deps.settings.appBaseUrl}/environments/${target.name}`,
      baseEnvironment: target.base,
      ...environmentPart(env),
      service: serviceOf(env, target)?.name,
      branch: head.branch,
      headSha: head.headSha,
      lastChange,
      pinned: target.pinned,
    };
  }
}
