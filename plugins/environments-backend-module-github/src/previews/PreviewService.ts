import {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { EventParams } from '@backstage/plugin-events-node';
import {
  ANNOTATION_GITHUB_PROJECT_SLUG,
  ANNOTATION_PREVIEW_BASE,
  Environment,
  previewEnvironmentName,
  switchServiceToBranch,
  toComponentRef,
} from '@greenroom/plugin-environments-common';
import type { EnvironmentsService } from '@greenroom/plugin-environments-node';
import type { ActingCredentials } from '../auth/ActAsCredentials';
import type { GithubApi } from '../github/GithubApi';
import type { GithubApiForRepository } from '../github/githubApiForRepository';
import { hasWriteAccess } from './access';
import { isBotComment, PreviewCommentView } from './comment';
import {
  parsePreviewCommand,
  PreviewCommand,
  PreviewCommandError,
} from './commands';
import { findPreviewBase, PreviewBase } from './components';
import { isConflict, messageOf, statusOf } from './errors';
import { isPreviewOf, notThisPreview } from './naming';
import { PreviewComments } from './PreviewComments';
import type { PreviewSettings } from './settings';
import {
  deliveryIdOf,
  idempotencyKey,
  PullRequestRef,
  pullRequestOrigin,
  readPullRequestCommentEvent,
  readPullRequestEvent,
} from './webhooks';

/** The commit a preview is for. */
interface Head {
  branch: string;
  headSha: string;
  title: string;
}

/** One pull request, and what acting on it needs. */
interface PreviewTarget {
  pr: PullRequestRef;
  name: string;
  /** The base environment and the Component, once known. */
  base?: string;
  componentRef?: string;
  /** Pushes are not deployed on their own: a fork, or an author without write access. */
  pinned: boolean;
  /** The `actAs` user's: every call is authorized as that user. */
  credentials: BackstageCredentials;
  api: GithubApi;
  comments: PreviewComments;
  /** The Idempotency-Key of one change caused by this event. */
  key(action: string): string;
  /** GitHub's delivery id of the event, for logs. */
  delivery?: string;
  /**
   * Whether a change of this event was made now, rather than replayed by
   * its key: a delivery whose changes were all made before is a redelivery
   * of an event that was handled already.
   */
  changed: boolean;
}

/** What the environment of the preview's name is. */
type Lookup =
  | { env?: undefined; foreign?: undefined }
  /** This pull request's preview. */
  | { env: Environment; foreign?: undefined }
  /** Another environment holds the name: never touched. */
  | { env?: undefined; foreign: Environment };

const NOT_DEPLOYED = 'not deployed';

/**
 * Turns GitHub `pull_request` and `issue_comment` events into preview
 * environment changes through the environments API, and keeps the one PR
 * comment about the preview up to date.
 *
 * Trust: a pull request is deployed on its own only when its head branch is
 * in the repository and its author has write access; otherwise a maintainer
 * comments `/preview`, which deploys (and pins) the head commit of that
 * moment. Every call acts as the `environments.github.actAs` user, so the
 * organisation's permission policy decides what previews may do, and every
 * change first checks that the environment of the preview's name is this
 * pull request's (its `origin.pullRequest`).
 */
export class PreviewService {
  constructor(
    private readonly deps: {
      environments: EnvironmentsService;
      catalog: CatalogService;
      credentials: ActingCredentials;
      githubApi: GithubApiForRepository;
      logger: LoggerService;
      settings: PreviewSettings;
    },
  ) {}

  /**
   * opened/reopened → clone; synchronize → redeploy and renew; closed →
   * destroy. Untrusted pull requests are not deployed on their own.
   */
  async handlePullRequest(params: EventParams): Promise<void> {
    const event = readPullRequestEvent(params.eventPayload);
    if (!event) return;
    const target = await this.#target(event, params, event.headSha);
    const head = {
      branch: event.branch,
      headSha: event.headSha,
      title: event.title,
    };
    if (event.action === 'closed') {
      // No Component needed: the origin check says whether it is ours.
      await this.#guard(target, head, () =>
        this.#destroy(target, head, event.merged),
      );
      return;
    }
    const base = await this.#findBase(target);
    if (base.kind === 'none') return;
    if (base.kind === 'ambiguous') {
      await this.#refuse(target, head, ambiguous(target.pr, base.components));
      return;
    }
    Object.assign(target, {
      base: base.base,
      componentRef: base.componentRef,
    });
    await this.#guard(target, head, async () => {
      const untrusted = await this.#whyUntrusted(target, event);
      target.pinned = !!untrusted;
      if (untrusted) {
        return this.#awaitApproval(target, head, event.action, untrusted);
      }
      if (event.action === 'synchronize') {
        return this.#renew(target, head, event.headSha.slice(0, 7));
      }
      return this.#deploy(target, head, `pull request ${event.action}`);
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
    const base = await this.#findBase(target);
    if (base.kind === 'none') return;
    if (base.kind === 'found') {
      Object.assign(target, {
        base: base.base,
        componentRef: base.componentRef,
      });
    }
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
    // The head at the time of the command: what the maintainer approves.
    const head = { branch: pr.head.ref, headSha: pr.head.sha, title: pr.title };
    const origin = pullRequestOrigin(pr, event.repository);
    target.pinned = !!(await this.#whyUntrusted(target, origin, {
      [event.author]: true,
    }));
    const line = event.body
      .trim()
      .split(/\r?\n/)
      .find(l => l.trim().startsWith('/preview'))
      ?.trim();
    const by = `\`${line}\` by @${event.author}`;
    const failed = (error: unknown) =>
      reply(`\`${line}\` failed: ${this.#describe(error)}`);

    if (command.action === 'deploy') {
      if (pr.state !== 'open') {
        await reply(
          'this pull request is closed; previews run only for open pull requests.',
        );
        return;
      }
      if (base.kind === 'ambiguous') {
        const why = ambiguous(target.pr, base.components);
        await this.#refuse(target, head, why);
        await reply(`${why}.`);
        return;
      }
      await this.#guard(
        target,
        head,
        () => this.#deploy(target, head, by, reply),
        failed,
      );
      return;
    }
    const found = await this.#lookup(target);
    if (found.foreign) {
      await this.#notOurs(target, head, found.foreign);
      await reply(`${notThisPreview(target.name)}.`);
      return;
    }
    if (!found.env) {
      await reply(
        'this pull request has no preview; comment `/preview` to create one.',
      );
      return;
    }
    const existing = found.env;
    const action = command.action;
    try {
      const res = this.#made(
        target,
        await this.deps.environments.lifecycle(target.name, action, {
          credentials: target.credentials,
          idempotencyKey: target.key(action),
          ...(command.action === 'extend' ? { by: command.by } : {}),
        }),
      );
      if (this.#handledBefore(target)) return;
      const env = res.environment ?? existing;
      this.deps.logger.info('Ran preview command', {
        environment: target.name,
        action,
        user: event.author,
      });
      await target.comments.upsert(
        target.pr,
        this.#view(target, env, runningHead(env, target, head), by),
      );
    } catch (error) {
      if (this.#handledBefore(target, error)) return;
      // e.g. a 400 for an extend beyond the maximum lifetime: the preview
      // is as it was, so only the command's reply says why.
      this.deps.logger.warn(
        `Preview command ${action} failed for ${target.pr.repository}#${target.pr.number}`,
        error as Error,
      );
      await failed(error);
    }
  }

  async #target(
    pr: PullRequestRef,
    params: EventParams,
    fallback: string,
  ): Promise<PreviewTarget> {
    const credentials = await this.deps.credentials.get();
    const api = this.deps.githubApi(pr.repositoryUrl);
    const deliveryId = deliveryIdOf(params.metadata);
    return {
      pr,
      name: previewEnvironmentName(pr.repository, pr.number),
      pinned: false,
      delivery: deliveryId,
      changed: false,
      credentials,
      api,
      comments: new PreviewComments(api),
      key: action =>
        idempotencyKey({ deliveryId, pullRequest: pr, action, fallback }),
    };
  }

  /**
   * The Component of the repository whose base previews clone, looked up as
   * the `actAs` user. Logs why nothing matched or why several did.
   */
  async #findBase(target: PreviewTarget): Promise<PreviewBase> {
    const { pr } = target;
    const { items } = await this.deps.catalog.getEntities(
      {
        filter: {
          kind: 'Component',
          [`metadata.annotations.${ANNOTATION_GITHUB_PROJECT_SLUG}`]:
            pr.repository,
        },
      },
      { credentials: target.credentials },
    );
    const { base, ignored } = findPreviewBase(items, pr);
    for (const { ref, reason } of ignored) {
      this.deps.logger.warn(
        `Component ${ref} has ${ANNOTATION_PREVIEW_BASE} but does not belong to ${pr.repository}: ${reason}`,
      );
    }
    if (base.kind === 'none') {
      this.deps.logger.info(
        `Skipping GitHub event: no Component with ${ANNOTATION_GITHUB_PROJECT_SLUG} and ${ANNOTATION_PREVIEW_BASE} for the repository`,
        { repository: pr.repository, pullRequest: pr.number },
      );
    }
    if (base.kind === 'ambiguous') {
      this.deps.logger.warn(
        `Several Components of the repository have ${ANNOTATION_PREVIEW_BASE}; refusing to preview`,
        {
          repository: pr.repository,
          pullRequest: pr.number,
          components: base.components.join(', '),
        },
      );
    }
    return base;
  }

  /**
   * Why the pull request is not deployed on its own, or undefined when it
   * is: its head is in the repository and its author has write, maintain or
   * admin access. `known` holds users whose access was checked already.
   */
  async #whyUntrusted(
    target: PreviewTarget,
    origin: { author: string; fromFork: boolean },
    known: Record<string, boolean> = {},
  ): Promise<string | undefined> {
    if (origin.fromFork) return 'it comes from a fork';
    const { author } = origin;
    const writes =
      !!author &&
      (known[author] ??
        hasWriteAccess(
          await target.api.getCollaboratorPermission(
            target.pr.repository,
            author,
          ),
        ));
    return writes
      ? undefined
      : `its author @${author} has no write access to ${target.pr.repository}`;
  }

  /**
   * The environment of the preview's name: this pull request's preview,
   * another environment (never touched), or none (deleted counts as none).
   */
  async #lookup(target: PreviewTarget): Promise<Lookup> {
    const env = await this.deps.environments.getEnvironment(target.name, {
      credentials: target.credentials,
    });
    if (!env || env.status === 'deleted') return {};
    return isPreviewOf(env, target.pr) ? { env } : { foreign: env };
  }

  /** Says on the PR why nothing happened to an environment that is not ours. */
  async #notOurs(
    target: PreviewTarget,
    head: Head,
    foreign: Environment,
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
        ...this.#view(target, undefined, head, notThisPreview(target.name)),
        status: NOT_DEPLOYED,
      },
      options,
    );
  }

  /** Nothing is deployed, and the PR comment says why (also logged). */
  async #refuse(target: PreviewTarget, head: Head, why: string) {
    this.deps.logger.warn(`Preview refused: ${why}`, {
      repository: target.pr.repository,
      pullRequest: target.pr.number,
    });
    const { env } = await this.#lookup(target);
    await target.comments.upsert(target.pr, {
      ...this.#view(
        target,
        env,
        env ? runningHead(env, target, head) : head,
        why,
      ),
      ...(env ? {} : { status: NOT_DEPLOYED }),
    });
  }

  /**
   * Why the base may not be cloned into a preview, or undefined: it must be
   * among `allowedBases` when that is set, and never a production
   * environment.
   */
  async #whyNotBase(target: PreviewTarget): Promise<string | undefined> {
    const base = target.base!;
    const { allowedBases } = this.deps.settings;
    if (allowedBases && !allowedBases.includes(base)) {
      return `\`${base}\` is not an allowed preview base (environments.github.allowedBases: ${
        allowedBases.join(', ') || 'none'
      }); nothing was deployed`;
    }
    const env = await this.deps.environments.getEnvironment(base, {
      credentials: target.credentials,
    });
    if (env?.mode === 'production') {
      return `\`${base}\` is a production environment, which is never a preview base; nothing was deployed`;
    }
    return undefined;
  }

  /**
   * Clones the base into the preview; when the preview exists already (the
   * API answers 409), starts it if stopped and renews its TTL. Cloning first,
   * rather than looking first, keeps a redelivered event from renewing a
   * preview its first delivery created: the clone's key replays instead.
   * An environment of the same name that is not this pull request's preview
   * is left alone, before the clone and after a 409.
   */
  async #deploy(
    target: PreviewTarget,
    head: Head,
    cause: string,
    reply?: (text: string) => Promise<void>,
  ) {
    const { environments, settings, logger } = this.deps;
    const options = { credentials: target.credentials };
    const refused = await this.#whyNotBase(target);
    if (refused) {
      await this.#refuse(target, head, refused);
      await reply?.(`${refused}.`);
      return;
    }
    const before = await this.#lookup(target);
    if (before.foreign) {
      await this.#notOurs(target, head, before.foreign);
      await reply?.(`${notThisPreview(target.name)}.`);
      return;
    }
    let env: Environment | undefined;
    let change: string;
    try {
      const res = this.#made(
        target,
        await environments.cloneEnvironment(
          target.base!,
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
        ),
      );
      env =
        res.environment ??
        (await environments.getEnvironment(target.name, options));
      change = `cloned from \`${target.base}\` (${cause})`;
      logger.info('Cloned preview environment', {
        source: target.base,
        target: target.name,
        pullRequest: `${target.pr.repository}#${target.pr.number}`,
      });
    } catch (error) {
      if (!isConflict(error)) throw error;
      // The name was taken meanwhile: act only if it is this PR's preview.
      const after = await this.#lookup(target);
      if (after.foreign) {
        await this.#notOurs(target, head, after.foreign);
        await reply?.(`${notThisPreview(target.name)}.`);
        return;
      }
      if (!after.env) throw error;
      if (after.env.desiredState === 'stopped') {
        this.#made(
          target,
          await environments.lifecycle(target.name, 'start', {
            ...options,
            idempotencyKey: target.key('start'),
          }),
        );
      }
      // Renewed to at least now + previewTtl: repeated, it stays within
      // the preview's maximum lifetime instead of adding up.
      const res = this.#made(
        target,
        await environments.lifecycle(target.name, 'extend', {
          ...options,
          by: settings.previewTtl,
          renew: true,
          idempotencyKey: target.key('extend'),
        }),
      );
      env = res.environment ?? after.env;
      change = `renewed for ${settings.previewTtl} (${cause})`;
    }
    env = await this.#switchToHead(target, env, head);
    if (this.#handledBefore(target)) return;
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
      target.componentRef &&
      switchServiceToBranch(env.services, target.componentRef, {
        repository: target.pr.repository,
        branch: head.branch,
        commit: head.headSha,
      });
    if (!env || !services) return env;
    const { environment } = this.#made(
      target,
      await this.deps.environments.updateEnvironment(
        target.name,
        { services },
        {
          credentials: target.credentials,
          idempotencyKey: target.key('switch'),
        },
      ),
    );
    return environment;
  }

  /** A push to a trusted PR: switch the preview to the new commit (a redeploy) and renew its TTL. */
  async #renew(target: PreviewTarget, head: Head, short: string) {
    const { env: existing, foreign } = await this.#lookup(target);
    if (foreign) {
      await this.#notOurs(target, head, foreign);
      return;
    }
    if (!existing) {
      this.deps.logger.info(
        'Push to a pull request without a preview; nothing to renew',
        {
          environment: target.name,
        },
      );
      return;
    }
    const res = this.#made(
      target,
      await this.deps.environments.lifecycle(target.name, 'extend', {
        credentials: target.credentials,
        by: this.deps.settings.previewTtl,
        renew: true,
        idempotencyKey: target.key('extend'),
      }),
    );
    const env = await this.#switchToHead(
      target,
      res.environment ?? existing,
      head,
    );
    if (this.#handledBefore(target)) return;
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

  /**
   * An untrusted pull request opened or pushed to: nothing is deployed or
   * renewed; the comment says that a maintainer's `/preview` deploys the
   * commit. A preview deployed before keeps running the commit approved.
   */
  async #awaitApproval(
    target: PreviewTarget,
    head: Head,
    action: string,
    why: string,
  ) {
    const { env, foreign } = await this.#lookup(target);
    if (foreign) {
      await this.#notOurs(target, head, foreign);
      return;
    }
    const short = `\`${head.headSha.slice(0, 7)}\``;
    this.deps.logger.info(
      `Not deploying ${target.pr.repository}#${target.pr.number} on its own: ${why}`,
      { environment: target.name, action },
    );
    if (env) {
      const running = runningHead(env, target, head);
      await target.comments.upsert(
        target.pr,
        this.#view(
          target,
          env,
          running,
          `${
            action === 'synchronize' ? 'push of ' : 'commit '
          }${short} was not deployed because ${why}; the preview stays at \`${running.headSha.slice(
            0,
            7,
          )}\`. A new \`/preview\` by a maintainer (write access) is needed for the new commit`,
        ),
      );
      return;
    }
    await target.comments.upsert(target.pr, {
      ...this.#view(
        target,
        undefined,
        head,
        `not deployed on its own because ${why}. A maintainer (write access) can comment \`/preview\` to deploy this commit (${short}); later pushes need a new \`/preview\``,
      ),
      status: NOT_DEPLOYED,
    });
  }

  async #destroy(target: PreviewTarget, head: Head, merged: boolean) {
    const { env: existing, foreign } = await this.#lookup(target);
    if (foreign) {
      // The PR may be in a repository without previews: comment only where
      // the bot has commented before.
      await this.#notOurs(target, head, foreign, { onlyIfExists: true });
      return;
    }
    if (!existing) return;
    this.#made(
      target,
      await this.deps.environments.lifecycle(target.name, 'destroy', {
        credentials: target.credentials,
        idempotencyKey: target.key('destroy'),
      }),
    );
    if (this.#handledBefore(target)) return;
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
        runningHead(existing, target, head),
        `pull request ${merged ? 'merged' : 'closed'}`,
      ),
      status: 'destroyed',
    });
  }

  /**
   * Runs a change; a failure is logged and shown on the preview comment
   * (and, for a command, in its reply).
   */
  async #guard(
    target: PreviewTarget,
    head: Head,
    fn: () => Promise<void>,
    onError?: (error: unknown) => Promise<void>,
  ) {
    try {
      await fn();
    } catch (error) {
      if (this.#handledBefore(target, error)) return;
      this.deps.logger.error(
        `Preview change failed for ${target.pr.repository}#${target.pr.number}`,
        error as Error,
      );
      const env = (await this.#lookup(target).catch(() => ({}))) as Lookup;
      await target.comments
        .upsert(target.pr, {
          ...this.#view(target, env.env, head, 'the last change failed'),
          status: env.env?.status ?? 'failed',
          error: this.#describe(error),
        })
        .catch(e =>
          this.deps.logger.error('Could not write the preview comment', e),
        );
      await onError?.(error)?.catch(e =>
        this.deps.logger.error('Could not reply to the command', e),
      );
    }
  }

  /** Notes whether a keyed change was made now or replayed by its key. */
  #made<T extends { replayed?: boolean }>(target: PreviewTarget, res: T): T {
    if (!res.replayed) target.changed = true;
    return res;
  }

  /**
   * Whether this delivery of the event was handled before, so that the PR
   * comment stays as the newest event left it: every change it asked for so
   * far was replayed by its key, or (given `error`) the API answered 422, its
   * key having been used for another request (the preview changed since, e.g.
   * by a later push, so the same event now asks for something else).
   */
  #handledBefore(target: PreviewTarget, error?: unknown): boolean {
    const handled = error ? statusOf(error) === 422 : !target.changed;
    if (handled) {
      this.deps.logger.info(
        'GitHub event already handled (redelivered?); the preview comment is left as it is',
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

  /** An error as the PR shows it: the server's message, and who was refused. */
  #describe(error: unknown): string {
    const message = messageOf(error);
    const status = statusOf(error);
    if (status === 403 || status === 401) {
      return `the permission policy does not allow ${this.deps.credentials.actAs} (environments.github.actAs) to do this: ${message}`;
    }
    return message;
  }

  #view(
    target: PreviewTarget,
    env: Environment | undefined,
    head: Pick<Head, 'branch' | 'headSha'>,
    lastChange: string,
  ): PreviewCommentView {
    return {
      environmentName: target.name,
      environmentUrl: `${this.deps.settings.appBaseUrl}/environments/${target.name}`,
      baseEnvironment: target.base,
      status: env?.status ?? 'requested',
      expiresAt: env?.expiresAt,
      service: serviceOf(env, target)?.name,
      branch: head.branch,
      headSha: head.headSha,
      services: (env?.services ?? []).map(s => ({
        name: s.name,
        kind: s.kind,
        ports: (s.ports ?? []).map(p => p.port),
      })),
      lastChange,
      pinned: target.pinned,
    };
  }
}

/** The message for a repository with several preview Components. */
function ambiguous(pr: PullRequestRef, components: string[]): string {
  return `several Components of ${
    pr.repository
  } have ${ANNOTATION_PREVIEW_BASE} (${components
    .map(c => `\`${c}\``)
    .join(', ')}); previews need exactly one, so nothing was deployed`;
}

/** The service of the PR's component in the preview. */
function serviceOf(env: Environment | undefined, target: PreviewTarget) {
  if (!env || !target.componentRef) return undefined;
  const ref = toComponentRef(target.componentRef);
  return env.services.find(
    s => s.componentRef && toComponentRef(s.componentRef) === ref,
  );
}

/**
 * The branch and commit a preview runs: its component's image tag when that
 * is a commit sha (what the last deploy set), else the commit it was cloned
 * for. A pinned preview runs this, not the pull request's newest push.
 */
function runningHead(
  env: Environment,
  target: PreviewTarget,
  head: Pick<Head, 'branch' | 'headSha'>,
): Pick<Head, 'branch' | 'headSha'> {
  const service = serviceOf(env, target);
  const tag = service?.image?.tag;
  const sha =
    tag && /^[0-9a-f]{7,40}$/i.test(tag)
      ? tag
      : env.origin.pullRequest?.headSha ?? head.headSha;
  return { branch: service?.git?.branch ?? head.branch, headSha: sha };
}
