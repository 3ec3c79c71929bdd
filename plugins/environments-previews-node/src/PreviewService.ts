import type { LoggerService } from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { EventParams } from '@backstage/plugin-events-node';
import {
  ANNOTATION_PREVIEW_BASE,
  findPreviewBase,
  isBotComment,
  notThisPreview,
  parsePreviewCommand,
  PreviewBase,
  PreviewCommand,
  PreviewCommandError,
  previewEnvironmentName,
} from '@greenroom/plugin-environments-common';
import type {
  EnvironmentsService,
  ActingCredentials,
} from '@greenroom/plugin-environments-node';
import { hasWriteAccess } from './accessLevel';
import type {
  ChangeRequestCommentEvent,
  ChangeRequestEvent,
  ChangeRequestProvider,
  ChangeRequestRef,
  ChangeRequestUser,
} from './ChangeRequestProvider';
import { idempotencyKey } from './idempotency';
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

/** How a mention names a user: `@name`, or the id when the name is unknown. */
function mention(user: ChangeRequestUser): string {
  return user.name ? `@${user.name}` : `user ${user.id}`;
}

/**
 * Turns a provider's change request and comment events into preview
 * environment changes through the environments API, and keeps the one
 * comment about the preview up to date.
 *
 * Trust: a change request is deployed on its own only when its head branch
 * is in the repository and its author has write access; otherwise an
 * approver comments `/preview`, which deploys (and pins) the head commit of
 * that moment. Every call acts as the configured `actAs` user, so the
 * organisation's permission policy decides what previews may do, and every
 * change first checks that the environment of the preview's name is this
 * change request's (its `origin.pullRequest`).
 *
 * @public
 */
export class PreviewService {
  readonly #reporter: PreviewReporter;
  readonly #changes: PreviewChanges;

  constructor(
    private readonly deps: {
      provider: ChangeRequestProvider;
      environments: EnvironmentsService;
      catalog: CatalogService;
      credentials: ActingCredentials;
      logger: LoggerService;
      settings: PreviewSettings;
    },
  ) {
    this.#reporter = new PreviewReporter(deps);
    this.#changes = new PreviewChanges({ ...deps, reporter: this.#reporter });
  }

  /** Acts on a webhook event the provider reads; ignores any other. */
  async handleEvent(params: EventParams): Promise<void> {
    const event = this.deps.provider.readEvent(params);
    if (event?.kind === 'changeRequest') await this.handleChangeRequest(event);
    if (event?.kind === 'comment') await this.handleComment(event);
  }

  /**
   * opened/reopened → clone; pushed → redeploy and renew; closed →
   * destroy. Untrusted change requests are not deployed on their own.
   */
  async handleChangeRequest(event: ChangeRequestEvent): Promise<void> {
    const target = await this.#target(event, event.deliveryId, event.headSha);
    const head = {
      branch: event.branch,
      headSha: event.headSha,
      title: event.title,
    };
    if (event.action === 'closed') {
      // No Component needed: the origin check says whether it is ours.
      await this.#reporter.guard(target, head, () =>
        this.#changes.destroy(target, head, event.state === 'merged'),
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
      blueprintPath: base.blueprintPath,
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
      if (event.action === 'pushed') {
        return this.#changes.renew(target, head, event.headSha.slice(0, 7));
      }
      const { changeRequest } = target.provider.terms;
      return this.#changes.deploy(
        target,
        head,
        `${changeRequest} ${event.action}`,
      );
    });
  }

  /** `/preview …` commands in comments on change requests. */
  async handleComment(event: ChangeRequestCommentEvent): Promise<void> {
    if (event.authorIsBot || isBotComment(event.body)) return;
    let command: PreviewCommand | undefined;
    let invalid: string | undefined;
    try {
      command = parsePreviewCommand(event.body);
    } catch (e) {
      if (!(e instanceof PreviewCommandError)) throw e;
      invalid = e.message;
    }
    if (!command && !invalid) return;

    const { provider } = this.deps;
    const { terms } = provider;
    const target = await this.#target(
      event,
      event.deliveryId,
      `comment-${event.commentId}`,
    );
    const base = await this.#findBase(target);
    if (base.kind === 'none') return;
    if (base.kind === 'found') {
      Object.assign(target, {
        base: base.base,
        componentRef: base.componentRef,
        blueprintPath: base.blueprintPath,
      });
    }
    const author = event.author.name ?? event.author.id;
    const reply = (text: string) =>
      target.comments.reply(event, {
        commentId: event.commentId,
        author,
        text,
      });

    const access = await provider.getAccessLevel(event, event.author);
    if (!hasWriteAccess(access)) {
      this.deps.logger.info(
        `Refused preview command without ${terms.writeAccess}`,
        {
          repository: event.repository,
          pullRequest: event.number,
          user: author,
        },
      );
      await reply(
        `preview commands need ${terms.writeAccessInFull} to ${event.repository}; nothing was changed.`,
      );
      return;
    }
    if (!command) {
      await reply(invalid!);
      return;
    }

    const pr = await provider.getChangeRequest(event);
    if (!pr) {
      await reply(
        `could not read this ${terms.changeRequest}; nothing was changed.`,
      );
      return;
    }
    // The head at the time of the command: what the approver approves.
    const head = { branch: pr.branch, headSha: pr.headSha, title: pr.title };
    target.pinned = !!(await this.#whyUntrusted(target, pr, {
      [event.author.id]: true,
    }));
    const line = event.body
      .trim()
      .split(/\r?\n/)
      .find(l => l.trim().startsWith('/preview'))
      ?.trim();
    const by = `\`${line}\` by @${author}`;
    const failed = (error: unknown) =>
      reply(`\`${line}\` failed: ${this.#reporter.describe(error)}`);

    if (command.action === 'deploy') {
      if (pr.state !== 'open') {
        await reply(
          `this ${terms.changeRequest} is closed; previews run only for open ${terms.changeRequest}s.`,
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
      await reply(`${notThisPreview(target.name, terms.changeRequest)}.`);
      return;
    }
    if (!found.env) {
      await reply(
        `this ${terms.changeRequest} has no preview; comment \`/preview\` to create one.`,
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
        user: author,
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
    event: ChangeRequestRef,
    deliveryId: string | undefined,
    fallback: string,
  ): Promise<PreviewTarget> {
    const { provider } = this.deps;
    const credentials = await this.deps.credentials.get();
    const pr = {
      repository: event.repository,
      repositoryUrl: event.repositoryUrl,
      number: event.number,
    };
    return {
      pr,
      provider,
      name: previewEnvironmentName(pr.repository, pr.number),
      pinned: false,
      delivery: deliveryId,
      changed: false,
      credentials,
      comments: new PreviewComments(provider),
      key: action =>
        idempotencyKey({
          provider: provider.id,
          deliveryId,
          changeRequest: pr,
          action,
          fallback,
        }),
    };
  }

  /**
   * The Component of the repository whose base previews clone, looked up as
   * the `actAs` user. Logs why nothing matched or why several did.
   */
  async #findBase(target: PreviewTarget): Promise<PreviewBase> {
    const { pr } = target;
    const { slugAnnotation, terms } = this.deps.provider;
    const { items } = await this.deps.catalog.getEntities(
      {
        filter: {
          kind: 'Component',
          [`metadata.annotations.${slugAnnotation}`]: pr.repository,
        },
      },
      { credentials: target.credentials },
    );
    const { base, ignored } = findPreviewBase(items, {
      ...pr,
      slugAnnotation,
    });
    for (const { ref, reason } of ignored) {
      this.deps.logger.warn(
        `Component ${ref} has ${ANNOTATION_PREVIEW_BASE} but does not belong to ${pr.repository}: ${reason}`,
      );
    }
    if (base.kind === 'none') {
      this.deps.logger.info(
        `Skipping ${terms.provider} event: no Component with ${slugAnnotation} and ${ANNOTATION_PREVIEW_BASE} for the repository`,
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
   * Why the change request is not deployed on its own, or undefined when
   * it is: its head is in the repository and its author has write access.
   * `known` holds the ids of users whose access was checked already.
   */
  async #whyUntrusted(
    target: PreviewTarget,
    origin: { author: ChangeRequestUser; fromFork: boolean },
    known: Record<string, boolean> = {},
  ): Promise<string | undefined> {
    if (origin.fromFork) return 'it comes from a fork';
    const { author } = origin;
    const { provider } = this.deps;
    const writes =
      !!author.id &&
      (known[author.id] ??
        hasWriteAccess(await provider.getAccessLevel(target.pr, author)));
    return writes
      ? undefined
      : `its author ${mention(author)} has no ${
          provider.terms.writeAccess
        } to ${target.pr.repository}`;
  }
}
