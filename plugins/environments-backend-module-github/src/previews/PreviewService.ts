import {
  AuthService,
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { EventParams } from '@backstage/plugin-events-node';
import {
  ANNOTATION_GITHUB_PROJECT_SLUG,
  ANNOTATION_PREVIEW_BASE,
  Environment,
  switchServiceToBranch,
} from '@greenroom/plugin-environments-common';
import type { EnvironmentsService } from '@greenroom/plugin-environments-node';
import type { GithubApi } from '../github/GithubApi';
import type { GithubApiForRepository } from '../github/githubApiForRepository';
import { hasWriteAccess } from './access';
import { isBotComment, PreviewCommentView } from './comment';
import {
  parsePreviewCommand,
  PreviewCommand,
  PreviewCommandError,
} from './commands';
import { previewEnvironmentName } from './naming';
import { PreviewComments } from './PreviewComments';
import type { PreviewSettings } from './settings';
import {
  deliveryIdOf,
  idempotencyKey,
  PullRequestRef,
  readPullRequestCommentEvent,
  readPullRequestEvent,
} from './webhooks';

/** The commit a preview is for. */
interface Head {
  branch: string;
  headSha: string;
  title: string;
}

/** One pull request with a preview base, and what acting on it needs. */
interface PreviewTarget {
  pr: PullRequestRef;
  name: string;
  base: string;
  componentRef: string;
  credentials: BackstageCredentials;
  api: GithubApi;
  comments: PreviewComments;
  /** The Idempotency-Key of one change caused by this event. */
  key(action: string): string;
}

/**
 * Turns GitHub `pull_request` and `issue_comment` events into preview
 * environment changes through the environments API, acting with the
 * module's own service credentials (GitHub is not a Backstage user), and
 * keeps the one PR comment about the preview up to date.
 */
export class PreviewService {
  constructor(
    private readonly deps: {
      environments: EnvironmentsService;
      catalog: CatalogService;
      auth: AuthService;
      githubApi: GithubApiForRepository;
      logger: LoggerService;
      settings: PreviewSettings;
    },
  ) {}

  /** opened/reopened → clone; synchronize → renew TTL; closed → destroy. */
  async handlePullRequest(params: EventParams): Promise<void> {
    const event = readPullRequestEvent(params.eventPayload);
    if (!event) return;
    const target = await this.#target(event, params, event.headSha);
    if (!target) return;
    const head = {
      branch: event.branch,
      headSha: event.headSha,
      title: event.title,
    };
    const short = event.headSha.slice(0, 7);
    await this.#guard(target, head, async () => {
      switch (event.action) {
        case 'opened':
        case 'reopened':
          return this.#deploy(target, head, `pull request ${event.action}`);
        case 'synchronize':
          return this.#renew(target, head, short);
        case 'closed':
          return this.#destroy(target, head, event.merged);
        default:
          return undefined;
      }
    });
  }

  /** `/preview …` commands in comments on pull requests. */
  async handleIssueComment(params: EventParams): Promise<void> {
    const event = readPullRequestCommentEvent(params.eventPayload);
    if (!event || event.authorIsBot || isBotComment(event.body)) return;
    let command: PreviewCommand | undefined;
    let invalid: string | undefined;
    try {
      command = parsePreviewCommand(event.body);
    } catch (e) {
      if (!(e instanceof PreviewCommandError)) throw e;
      invalid = e.message;
    }
    if (!command && !invalid) return;

    const target = await this.#target(
      event,
      params,
      `comment-${event.commentId}`,
    );
    if (!target) return;
    const reply = (text: string) =>
      target.comments.reply(event, {
        commentId: event.commentId,
        author: event.author,
        text,
      });

    const permission = await target.api.getCollaboratorPermission(
      event.repository,
      event.author,
    );
    if (!hasWriteAccess(permission)) {
      this.deps.logger.info('Refused preview command without write access', {
        repository: event.repository,
        pullRequest: event.number,
        user: event.author,
      });
      await reply(
        `preview commands need write, maintain or admin access to ${event.repository}; nothing was changed.`,
      );
      return;
    }
    if (!command) {
      await reply(invalid!);
      return;
    }

    const pr = await target.api.getPullRequest(event.repository, event.number);
    if (!pr) {
      await reply('could not read this pull request; nothing was changed.');
      return;
    }
    const head = { branch: pr.head.ref, headSha: pr.head.sha, title: pr.title };
    const by = `\`${event.body
      .trim()
      .split(/\r?\n/)
      .find(l => l.trim().startsWith('/preview'))
      ?.trim()}\` by @${event.author}`;

    if (command.action === 'deploy') {
      if (pr.state !== 'open') {
        await reply(
          'this pull request is closed; previews run only for open pull requests.',
        );
        return;
      }
      await this.#guard(target, head, () => this.#deploy(target, head, by));
      return;
    }
    const existing = await this.#current(target);
    if (!existing) {
      await reply(
        'this pull request has no preview; comment `/preview` to create one.',
      );
      return;
    }
    const action = command.action;
    await this.#guard(target, head, async () => {
      const res = await this.deps.environments.lifecycle(target.name, action, {
        credentials: target.credentials,
        idempotencyKey: target.key(action),
        ...(command.action === 'extend' ? { by: command.by } : {}),
      });
      const env = res.environment ?? existing;
      this.deps.logger.info('Ran preview command', {
        environment: target.name,
        action,
        user: event.author,
      });
      await target.comments.upsert(
        target.pr,
        this.#view(target, env, head, by),
      );
    });
  }

  async #target(
    pr: PullRequestRef,
    params: EventParams,
    fallback: string,
  ): Promise<PreviewTarget | undefined> {
    const credentials = await this.deps.auth.getOwnServiceCredentials();
    const { items } = await this.deps.catalog.getEntities(
      {
        filter: {
          kind: 'Component',
          [`metadata.annotations.${ANNOTATION_GITHUB_PROJECT_SLUG}`]:
            pr.repository,
        },
      },
      { credentials },
    );
    const candidates = items
      .filter(e => e.metadata.annotations?.[ANNOTATION_PREVIEW_BASE])
      .map(e => ({
        ref: stringifyEntityRef(e),
        base: e.metadata.annotations![ANNOTATION_PREVIEW_BASE],
      }))
      .sort((a, b) => a.ref.localeCompare(b.ref));
    if (!candidates.length) {
      this.deps.logger.info(
        `Skipping GitHub event: no Component with ${ANNOTATION_GITHUB_PROJECT_SLUG} and ${ANNOTATION_PREVIEW_BASE} for the repository`,
        { repository: pr.repository, pullRequest: pr.number },
      );
      return undefined;
    }
    if (candidates.length > 1) {
      this.deps.logger.warn(
        `Several Components of the repository have ${ANNOTATION_PREVIEW_BASE}; previewing the first`,
        {
          repository: pr.repository,
          components: candidates.map(c => c.ref).join(', '),
        },
      );
    }
    const api = this.deps.githubApi(pr.repositoryUrl);
    const deliveryId = deliveryIdOf(params.metadata);
    return {
      pr,
      name: previewEnvironmentName(pr.repository, pr.number),
      base: candidates[0].base,
      componentRef: candidates[0].ref,
      credentials,
      api,
      comments: new PreviewComments(api),
      key: action =>
        idempotencyKey({ deliveryId, pullRequest: pr, action, fallback }),
    };
  }

  /** The preview environment, unless it does not exist or is deleted. */
  async #current(target: PreviewTarget): Promise<Environment | undefined> {
    const env = await this.deps.environments.getEnvironment(target.name, {
      credentials: target.credentials,
    });
    return env && env.status !== 'deleted' ? env : undefined;
  }

  /**
   * Clones the base into the preview; when the preview exists already (the
   * API answers 409), starts it if stopped and renews its TTL. Cloning first,
   * rather than looking first, keeps a redelivered event from renewing a
   * preview its first delivery created: the clone's key replays instead.
   */
  async #deploy(target: PreviewTarget, head: Head, cause: string) {
    const { environments, settings, logger } = this.deps;
    const options = { credentials: target.credentials };
    let env: Environment | undefined;
    let change: string;
    try {
      const res = await environments.cloneEnvironment(
        target.base,
        {
          name: target.name,
          mode: 'preview',
          ttl: settings.previewTtl,
          title:
            `${target.pr.repository}#${target.pr.number}: ${head.title}`.slice(
              0,
              200,
            ),
          pullRequest: {
            provider: 'github',
            repository: target.pr.repository,
            number: target.pr.number,
            branch: head.branch,
            headSha: head.headSha,
            url: `${target.pr.repositoryUrl}/pull/${target.pr.number}`,
          },
        },
        { ...options, idempotencyKey: target.key('clone') },
      );
      env = await this.#switchToHead(
        target,
        res.environment ??
          (await environments.getEnvironment(target.name, options)),
        head,
      );
      change = `cloned from \`${target.base}\` (${cause})`;
      logger.info('Cloned preview environment', {
        source: target.base,
        target: target.name,
        pullRequest: `${target.pr.repository}#${target.pr.number}`,
      });
    } catch (error) {
      const existing = isConflict(error)
        ? await this.#current(target)
        : undefined;
      if (!existing) throw error;
      if (existing.desiredState === 'stopped') {
        await environments.lifecycle(target.name, 'start', {
          ...options,
          idempotencyKey: target.key('start'),
        });
      }
      const res = await environments.lifecycle(target.name, 'extend', {
        ...options,
        by: settings.previewTtl,
        idempotencyKey: target.key('extend'),
      });
      env = await this.#switchToHead(target, res.environment ?? existing, head);
      change = `renewed for ${settings.previewTtl} (${cause})`;
    }
    await target.comments.upsert(
      target.pr,
      this.#view(target, env, head, change),
    );
  }

  /**
   * Points the PR's component at its branch and head commit; changing the
   * services queues an update, which redeploys. Returns the environment as
   * it is afterwards.
   */
  async #switchToHead(
    target: PreviewTarget,
    env: Environment | undefined,
    head: Head,
  ): Promise<Environment | undefined> {
    const services =
      env &&
      switchServiceToBranch(env.services, target.componentRef, {
        repository: target.pr.repository,
        branch: head.branch,
        commit: head.headSha,
      });
    if (!env || !services) return env;
    const { environment } = await this.deps.environments.updateEnvironment(
      target.name,
      { services },
      {
        credentials: target.credentials,
        idempotencyKey: target.key('switch'),
      },
    );
    return environment;
  }

  /** A push: switch the preview to the new commit (a redeploy) and renew its TTL. */
  async #renew(target: PreviewTarget, head: Head, short: string) {
    const existing = await this.#current(target);
    if (!existing) {
      this.deps.logger.info(
        'Push to a pull request without a preview; nothing to renew',
        {
          environment: target.name,
        },
      );
      return;
    }
    const res = await this.deps.environments.lifecycle(target.name, 'extend', {
      credentials: target.credentials,
      by: this.deps.settings.previewTtl,
      idempotencyKey: target.key('extend'),
    });
    const env = await this.#switchToHead(
      target,
      res.environment ?? existing,
      head,
    );
    await target.comments.upsert(
      target.pr,
      this.#view(
        target,
        env ?? existing,
        head,
        `push of \`${short}\` redeployed the preview and renewed it for ${this.deps.settings.previewTtl}`,
      ),
    );
  }

  async #destroy(target: PreviewTarget, head: Head, merged: boolean) {
    const existing = await this.#current(target);
    if (!existing) return;
    await this.deps.environments.lifecycle(target.name, 'destroy', {
      credentials: target.credentials,
      idempotencyKey: target.key('destroy'),
    });
    this.deps.logger.info(
      'Destroyed preview environment of a closed pull request',
      {
        environment: target.name,
      },
    );
    await target.comments.upsert(target.pr, {
      ...this.#view(
        target,
        existing,
        head,
        `pull request ${merged ? 'merged' : 'closed'}`,
      ),
      status: 'destroyed',
    });
  }

  /** Runs a change; a failure is logged and shown on the preview comment. */
  async #guard(target: PreviewTarget, head: Head, fn: () => Promise<void>) {
    try {
      await fn();
    } catch (error) {
      this.deps.logger.error(
        `Preview change failed for ${target.pr.repository}#${target.pr.number}`,
        error as Error,
      );
      const env = await this.#current(target).catch(() => undefined);
      await target.comments
        .upsert(target.pr, {
          ...this.#view(target, env, head, 'the last change failed'),
          status: env?.status ?? 'failed',
          error: (error as Error).message,
        })
        .catch(e =>
          this.deps.logger.error('Could not write the preview comment', e),
        );
    }
  }

  #view(
    target: PreviewTarget,
    env: Environment | undefined,
    head: Head,
    lastChange: string,
  ): PreviewCommentView {
    return {
      environmentName: target.name,
      environmentUrl: `${this.deps.settings.appBaseUrl}/environments/${target.name}`,
      baseEnvironment: target.base,
      status: env?.status ?? 'requested',
      expiresAt: env?.expiresAt,
      service: env?.services.find(s => s.componentRef === target.componentRef)
        ?.name,
      branch: head.branch,
      headSha: head.headSha,
      services: (env?.services ?? []).map(s => ({
        name: s.name,
        kind: s.kind,
        ports: (s.ports ?? []).map(p => p.port),
      })),
      lastChange,
    };
  }
}

/** Whether the environments API answered 409 (the name is taken). */
function isConflict(error: unknown): boolean {
  const e = error as { name?: string; statusCode?: number } | undefined;
  return e?.name === 'ConflictError' || e?.statusCode === 409;
}
