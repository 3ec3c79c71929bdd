import type {
  BackstageCredentials,
  BackstageServicePrincipal,
  BackstageUserPrincipal,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import { createConditionTransformer } from '@backstage/plugin-permission-node';
import {
  environmentReadPermission,
  type ApiAccepted,
} from '@greenroom/plugin-environments-common';
import type { JsonObject } from '@backstage/types';
import type { Request, Response } from 'express';
import type { EnvironmentAccessFilter } from '../../storage/types';
import { toAccessFilter } from '../../permissions/accessFilter';
import { environmentPermissionResourceRef } from '../../permissions/rules';
import { IDEMPOTENT_REPLAYED_HEADER, toAcceptedResponse } from '../apiObjects';
import { createCallerAccess } from '../callerAccess';
import type { RequestContext } from '../commands/RequestContext';
import { requestFingerprint } from '../idempotency';
import type { RouterOptions } from '../router';

/** A route's request, for the helpers all routes share. */
export type RouteRequest<ResBody> = Request<object, ResBody, unknown, object>;

type Credentials = BackstageCredentials<
  BackstageUserPrincipal | BackstageServicePrincipal
>;

/** What every route does with its request: who asks, and may they. */
export type RouteHelpers = ReturnType<typeof createRouteHelpers>;

export function createRouteHelpers(
  options: Pick<
    RouterOptions,
    | 'store'
    | 'httpAuth'
    | 'permissions'
    | 'permissionsRegistry'
    | 'userInfo'
    | 'auditor'
  >,
) {
  const { store, httpAuth, permissions, auditor } = options;
  const ruleset = options.permissionsRegistry.getPermissionRuleset(
    environmentPermissionResourceRef,
  );
  const transformConditions = createConditionTransformer(ruleset);

  const credentialsOf = <T>(req: RouteRequest<T>) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });

  const actorOf = ({ principal }: Credentials) =>
    principal.type === 'user'
      ? principal.userEntityRef
      : `service:${principal.subject}`;

  /** The request as the commands see it: actor, retry safety, caller's access. */
  const contextOf = <T>(
    req: RouteRequest<T>,
    credentials: Credentials,
  ): RequestContext => {
    const ifMatch = req.header('if-match');
    let expectedRevision: number | undefined;
    if (ifMatch !== undefined) {
      const revision = ifMatch.replace(/^W\//, '').replace(/"/g, '');
      // Digits only: Number() would also read '0x1', '1e0' or ' ' as revisions.
      expectedRevision = /^\d+$/.test(revision) ? Number(revision) : NaN;
      if (!Number.isSafeInteger(expectedRevision)) {
        throw new InputError(
          `If-Match: must be a revision number, got '${ifMatch}'`,
        );
      }
    }
    const idempotencyKey = req.header('idempotency-key') || undefined;
    return {
      actor: actorOf(credentials),
      idempotencyKey,
      // The key replays only this request (422 for another one).
      requestFingerprint: idempotencyKey
        ? requestFingerprint(req.method, req.baseUrl + req.path, req.body)
        : undefined,
      expectedRevision,
      caller: createCallerAccess({
        credentials,
        permissions,
        userInfo: options.userInfo,
        ruleset,
      }),
    };
  };

  async function authorize(
    credentials: BackstageCredentials,
    permission: BasicPermission | ResourcePermission<'environment'>,
    environmentName?: string,
  ) {
    const [decision] = await permissions.authorize(
      [
        permission.type === 'resource'
          ? { permission, resourceRef: environmentName! }
          : { permission },
      ],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      // A conditional policy denies what does not exist (it has nothing to
      // match): say so, as names are no secret (creating one answers 409).
      if (environmentName && !(await store.getEnvironment(environmentName))) {
        throw new NotFoundError(`No environment named '${environmentName}'`);
      }
      throw new NotAllowedError(
        `You may not ${permission.attributes.action ?? 'use'} ${
          environmentName ? `environment '${environmentName}'` : 'environments'
        } (${permission.name})`,
      );
    }
  }

  /** Runs a mutation as an audited event that succeeds or fails with it. */
  async function audited<T, ResBody>(
    eventId: string,
    req: RouteRequest<ResBody>,
    meta: JsonObject,
    fn: () => Promise<T>,
  ): Promise<T> {
    const event = await auditor.createEvent({
      eventId,
      severityLevel: eventId === 'environment-destroy' ? 'high' : 'medium',
      request: req,
      meta,
    });
    try {
      const result = await fn();
      await event.success();
      return result;
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
  }

  /** Which environments the caller may read, as the store's filter. */
  async function readAccess(
    credentials: BackstageCredentials,
  ): Promise<EnvironmentAccessFilter> {
    const [decision] = await permissions.authorizeConditional(
      [{ permission: environmentReadPermission }],
      { credentials },
    );
    if (decision.result === AuthorizeResult.ALLOW) return { allow: 'all' };
    if (decision.result === AuthorizeResult.CONDITIONAL) {
      return toAccessFilter(transformConditions(decision.conditions));
    }
    return { allow: 'none' };
  }

  return {
    credentialsOf,
    actorOf,
    contextOf,
    authorize,
    audited,
    readAccess,
  };
}

/**
 * The `202 Accepted` answer of a mutation. A replay of an earlier request with
 * the same Idempotency-Key says so in a header, so that a caller can tell
 * "done now" from "done before" (e.g. a webhook delivered twice).
 */
export function sendAccepted(
  res: Response<ApiAccepted>,
  result: Parameters<typeof toAcceptedResponse>[0] & { replayed?: boolean },
) {
  if (result.replayed) res.setHeader(IDEMPOTENT_REPLAYED_HEADER, 'true');
  res.status(202).json(toAcceptedResponse(result));
}

/**
 * A request field for audit metadata, before validation: String() would throw
 * (500) on an object such as `{ "toString": 1, "valueOf": 1 }`.
 */
export function textOf(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
