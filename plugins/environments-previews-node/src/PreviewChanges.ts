import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  ApiEnvironment,
  NOT_DEPLOYED,
  type PreviewPlan,
  notThisPreview,
  switchServiceToBranch,
} from '@greenroom/plugin-environments-common';
import type { EnvironmentsService } from '@greenroom/plugin-environments-node';
import type { ChangeRequestEvent } from './ChangeRequestProvider';
import { isConflict } from './errors';
import type { PreviewReporter } from './PreviewReporter';
import {
  Head,
  PreviewTarget,
  lookupPreview,
  markChange,
  runningHead,
} from './previewTarget';
import { planPreview } from './planPreview';
import type { PreviewSettings } from './settings';

/** What a lean preview leaves to its base, for the comment's last change. */
function describePlan(plan: PreviewPlan): string {
  const { services, baseline } = plan.clone;
  if (!services || !baseline) return '';
  const added = plan.additions.map(a => a.name);
  return `: deploys ${[...services, ...added].join(', ')}, shares the rest${
    baseline.databases === 'share' ? ', databases included' : ''
  }`;
}

/**
 * The changes a change request makes to its preview through the
 * environments API (clone, redeploy and renew, destroy), each followed by
 * the preview comment that says what happened. Every change first checks that the environment
 * of the preview's name is this change request's.
 */
export class PreviewChanges {
  constructor(
    private readonly deps: {
      environments: EnvironmentsService;
      logger: LoggerService;
      settings: PreviewSettings;
      reporter: PreviewReporter;
    },
  ) {}

  /**
   * Clones the base into the preview; when the preview exists already (the
   * API answers 409), starts it if stopped and renews its TTL. Cloning first,
   * rather than looking first, keeps a redelivered event from renewing a
   * preview its first delivery created: the clone's key replays instead.
   * An environment of the same name that is not this change request's preview
   * is left alone, before the clone and after a 409.
   */
  async deploy(
    target: PreviewTarget,
    head: Head,
    cause: string,
    reply?: (text: string) => Promise<void>,
  ) {
    const { environments, settings, logger, reporter } = this.deps;
    const options = { credentials: target.credentials };
    const planned = await planPreview(this.deps, target, head);
    if ('refused' in planned) {
      await reporter.refuse(target, head, planned.refused, planned.details);
      await reply?.(`${planned.refused}.`);
      return;
    }
    const { plan } = planned;
    const before = await lookupPreview(environments, target);
    if (before.foreign) {
      await reporter.notOurs(target, head, before.foreign);
      await reply?.(`${this.#notThisPreview(target)}.`);
      return;
    }
    let env: ApiEnvironment | undefined;
    let change: string;
    try {
      const res = markChange(
        target,
        await environments.cloneEnvironment(
          target.base!,
          {
            ...plan.clone,
            title:
              `${target.pr.repository}#${target.pr.number}: ${head.title}`.slice(
                0,
                200,
              ),
            pullRequest: {
              provider: target.provider.id,
              repository: target.pr.repository,
              number: target.pr.number,
              branch: head.branch,
              headSha: head.headSha,
              url: target.provider.changeRequestUrl(target.pr),
            },
          },
          { ...options, idempotencyKey: target.key('clone') },
        ),
      );
      env = res.environment;
      if (plan.additions.length > 0 || !env) {
        // Read after the additions: the switch below sends the services back.
        await this.#addServices(target, plan);
        env = await environments.getEnvironment(target.name, options);
      }
      change = `cloned from \`${target.base}\` (${cause})${describePlan(plan)}`;
      logger.info('Cloned preview environment', {
        source: target.base,
        target: target.name,
        pullRequest: `${target.pr.repository}#${target.pr.number}`,
      });
    } catch (error) {
      if (!isConflict(error)) throw error;
      // The name was taken meanwhile: act only if it is this change request's preview.
      const after = await lookupPreview(environments, target);
      if (after.foreign) {
        await reporter.notOurs(target, head, after.foreign);
        await reply?.(`${this.#notThisPreview(target)}.`);
        return;
      }
      if (!after.env) throw error;
      if (after.env.desiredState === 'stopped') {
        markChange(
          target,
          await environments.lifecycle(target.name, 'start', {
            ...options,
            idempotencyKey: target.key('start'),
          }),
        );
      }
      // Renewed to at least now + previewTtl: repeated, it stays within
      // the preview's maximum lifetime instead of adding up.
      const res = markChange(
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
    if (reporter.handledBefore(target)) return;
    await target.comments.upsert(
      target.pr,
      reporter.view(target, env, head, change),
    );
  }

  /** A push to a trusted change request: switch the preview to the new commit (a redeploy) and renew its TTL. */
  async renew(target: PreviewTarget, head: Head, short: string) {
    const { environments, settings, reporter } = this.deps;
    const { env: existing, foreign } = await lookupPreview(
      environments,
      target,
    );
    if (foreign) {
      await reporter.notOurs(target, head, foreign);
      return;
    }
    if (!existing) {
      this.deps.logger.info(
        `Push to a ${target.provider.terms.changeRequest} without a preview; nothing to renew`,
        {
          environment: target.name,
        },
      );
      return;
    }
    const res = markChange(
      target,
      await environments.lifecycle(target.name, 'extend', {
        credentials: target.credentials,
        by: settings.previewTtl,
        renew: true,
        idempotencyKey: target.key('extend'),
      }),
    );
    const env = await this.#switchToHead(
      target,
      res.environment ?? existing,
      head,
    );
    if (reporter.handledBefore(target)) return;
    await target.comments.upsert(
      target.pr,
      reporter.view(
        target,
        env ?? existing,
        head,
        `push of \`${short}\` redeployed the preview and renewed it for ${settings.previewTtl}`,
      ),
    );
  }

  /**
   * An untrusted change request opened or pushed to: nothing is deployed
   * or renewed; the comment says that an approver's `/preview` deploys the
   * commit. A preview deployed before keeps running the commit approved.
   */
  async awaitApproval(
    target: PreviewTarget,
    head: Head,
    action: ChangeRequestEvent['action'],
    why: string,
  ) {
    const { reporter } = this.deps;
    const { approver } = target.provider.terms;
    const { env, foreign } = await lookupPreview(
      this.deps.environments,
      target,
    );
    if (foreign) {
      await reporter.notOurs(target, head, foreign);
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
        reporter.view(
          target,
          env,
          running,
          `${
            action === 'pushed' ? 'push of ' : 'commit '
          }${short} was not deployed because ${why}; the preview stays at \`${running.headSha.slice(
            0,
            7,
          )}\`. A new \`/preview\` by a ${approver} is needed for the new commit`,
        ),
      );
      return;
    }
    await target.comments.upsert(target.pr, {
      ...reporter.view(
        target,
        undefined,
        head,
        `not deployed on its own because ${why}. A ${approver} can comment \`/preview\` to deploy this commit (${short}); later pushes need a new \`/preview\``,
      ),
      status: NOT_DEPLOYED,
    });
  }

  async destroy(target: PreviewTarget, head: Head, merged: boolean) {
    const { changeRequest } = target.provider.terms;
    const { environments, reporter } = this.deps;
    const { env: existing, foreign } = await lookupPreview(
      environments,
      target,
    );
    if (foreign) {
      // The change request may be in a repository without previews: comment only where
      // the bot has commented before.
      await reporter.notOurs(target, head, foreign, { onlyIfExists: true });
      return;
    }
    if (!existing) return;
    markChange(
      target,
      await environments.lifecycle(target.name, 'destroy', {
        credentials: target.credentials,
        idempotencyKey: target.key('destroy'),
      }),
    );
    if (reporter.handledBefore(target)) return;
    this.deps.logger.info(
      `Destroyed preview environment of a closed ${changeRequest}`,
      {
        environment: target.name,
      },
    );
    await target.comments.upsert(target.pr, {
      ...reporter.view(
        target,
        existing,
        runningHead(existing, target, head),
        `${changeRequest} ${merged ? 'merged' : 'closed'}`,
      ),
      status: 'destroyed',
    });
  }

  #notThisPreview(target: PreviewTarget): string {
    return notThisPreview(target.name, target.provider.terms.changeRequest);
  }

  /** Adds the services the blueprint asks for from templates, each one update. */
  async #addServices(target: PreviewTarget, plan: PreviewPlan) {
    for (const addition of plan.additions) {
      markChange(
        target,
        await this.deps.environments.addService(
          target.name,
          {
            name: addition.name,
            template: addition.template,
            parameters: addition.parameters,
          },
          {
            credentials: target.credentials,
            idempotencyKey: target.key(`add-${addition.name}`),
          },
        ),
      );
    }
  }

  /**
   * Points the change request's component at its branch and head commit; changing the
   * services queues an update, which redeploys. Returns the environment as
   * it is afterwards.
   */
  async #switchToHead(
    target: PreviewTarget,
    env: ApiEnvironment | undefined,
    head: Head,
  ): Promise<ApiEnvironment | undefined> {
    const services =
      env &&
      target.componentRef &&
      switchServiceToBranch(env.services, target.componentRef, {
        repository: target.pr.repository,
        branch: head.branch,
        commit: head.headSha,
      });
    if (!env || !services) return env;
    const { environment } = markChange(
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
}
