import type { LoggerService } from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { EventParams } from '@backstage/plugin-events-node';
import {
  ANNOTATION_GITHUB_PROJECT_SLUG,
  ANNOTATION_PREVIEW_BASE,
  previewEnvironmentName,
} from '@greenroom/plugin-environments-common';
import type {
  EnvironmentsService,
  ActingCredentials,
} from '@greenroom/plugin-environments-node';
import type { OctokitForRepository } from '../github/octokitForRepository';
import {
  getCollaboratorPermission,
  getPullRequest,
} from '../github/repository';
import { hasWriteAccess } from './access';
import { isBotComment } from './comment';
import {
  parsePreviewCommand,
  PreviewCommand,
  PreviewCommandError,
} from './commands';
import { findPreviewBase, PreviewBase } from './components';
import { notThisPreview } from './naming';
import { PreviewChanges } from './PreviewChanges';
import { PreviewComments } from './PreviewComments';
import { PreviewReporter } from './PreviewReporter';
import {
  PreviewTarget,
  ambiguous,
  lookupPreview,
  markChange,
  runningHead,
} from './previewTarget';
import type { PreviewSettings } from './settings';
import {
  deliveryIdOf,
  idempotencyKey,
  PullRequestRef,
  pullRequestOrigin,
  readPullRequestCommentEvent,
  readPullRequestEvent,
} from './webhooks';

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
  readonly #reporter: PreviewReporter;
  readonly #changes: PreviewChanges;

  constructor(
    private readonly deps: {
      environments: EnvironmentsService;
      catalog: CatalogService;
      credentials: ActingCredentials;
      github: OctokitForRepository;
      logger: LoggerService;
      settings: PreviewSettings;
    },
  ) {
    this.#reporter = new PreviewReporter(deps);
    this.#changes = new PreviewChanges({ ...deps, reporter: this.#reporter });
  }

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
      await this.#reporter.guard(target, head, () =>
        this.#changes.destroy(target, head, event.merged),
      );
      return;
    }
    const base = await this.#findBase(target);
    if (base.kind === 'none') return;
    if (base.kind === 'ambiguous') {
      await this.#reporter.refuse(
        target,
        head,
        ambiguous(target.pr, base.components),
      );
      return;
    }
    Object.assign(target, {
      base: base.base,
      componentRef: base.componentRef,
    });
    await this.#reporter.guard(target, head, async () => {
      const untrusted = await this.#whyUntrusted(target, event);
      target.pinned = !!untrusted;
      if (untrusted) {
        return this.#changes.awaitApproval(
          target,
          head,
          event.action,
          untrusted,
        );
      }
      if (event.action === 'synchronize') {
        return this.#changes.renew(target, head, event.headSha.slice(0, 7));
      }
      return this.#changes.deploy(target, head, `pull request ${event.action}`);
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

    const permission = await getCollaboratorPermission(
      target.octokit,
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

    const pr = await getPullRequest(
      target.octokit,
      event.repository,
      event.number,
    );
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
      reply(`\`${line}\` failed: ${this.#reporter.describe(error)}`);

    if (command.action === 'deploy') {
      if (pr.state !== 'open') {
        await reply(
          'this pull request is closed; previews run only for open pull requests.',
        );
        return;
      }
      if (base.kind === 'ambiguous') {
        const why = ambiguous(target.pr, base.components);
        await this.#reporter.refuse(target, head, why);
        await reply(`${why}.`);
        return;
      }
      await this.#reporter.guard(
        target,
        head,
        () => this.#changes.deploy(target, head, by, reply),
        failed,
      );
      return;
    }
    const found = await lookupPreview(this.deps.environments, target);
    if (found.foreign) {
      await this.#reporter.notOurs(target, head, found.foreign);
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
      const res = markChange(
        target,
        await this.deps.environments.lifecycle(target.name, action, {
          credentials: target.credentials,
          idempotencyKey: target.key(action),
          ...(command.action === 'extend' ? { by: command.by } : {}),
        }),
      );
      if (this.#reporter.handledBefore(target)) return;
      const env = res.environment ?? existing;
      this.deps.logger.info('Ran preview command', {
        environment: target.name,
        action,
        user: event.author,
      });
      await target.comments.upsert(
        target.pr,
        this.#reporter.view(target, env, runningHead(env, target, head), by),
      );
    } catch (error) {
      if (this.#reporter.handledBefore(target, error)) return;
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
    const octokit = this.deps.github(pr.repositoryUrl);
    const deliveryId = deliveryIdOf(params.metadata);
    return {
      pr,
      name: previewEnvironmentName(pr.repository, pr.number),
      pinned: false,
      delivery: deliveryId,
      changed: false,
      credentials,
      octokit,
      comments: new PreviewComments(octokit),
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
          await getCollaboratorPermission(
            target.octokit,
            target.pr.repository,
            author,
          ),
        ));
    return writes
      ? undefined
      : `its author @${author} has no write access to ${target.pr.repository}`;
  }
}
