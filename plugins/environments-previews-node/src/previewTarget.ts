import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  ANNOTATION_PREVIEW_BASE,
  ApiEnvironment,
  Environment,
  isPreviewOf,
  toComponentRef,
} from '@greenroom/plugin-environments-common';
import type { EnvironmentsService } from '@greenroom/plugin-environments-node';
import type {
  ChangeRequestProvider,
  ChangeRequestRef,
} from './ChangeRequestProvider';
import type { PreviewComments } from './PreviewComments';

/** The commit a preview is for. */
export interface Head {
  branch: string;
  headSha: string;
  title: string;
}

/** One change request, and what acting on it needs. */
export interface PreviewTarget {
  pr: ChangeRequestRef;
  provider: ChangeRequestProvider;
  name: string;
  /** The base environment and the Component, once known. */
  base?: string;
  componentRef?: string;
  /** Where the repository's preview blueprint is read, at the head commit. */
  blueprintPath?: string;
  /** Pushes are not deployed on their own: a fork, or an author without write access. */
  pinned: boolean;
  /** The `actAs` user's: every call is authorized as that user. */
  credentials: BackstageCredentials;
  comments: PreviewComments;
  /** The Idempotency-Key of one change caused by this event. */
  key(action: string): string;
  /** The provider's delivery id of the event, for logs. */
  delivery?: string;
  /**
   * Whether a change of this event was made now, rather than replayed by
   * its key: a delivery whose changes were all made before is a redelivery
   * of an event that was handled already.
   */
  changed: boolean;
}

/** What the environment of the preview's name is. */
export type Lookup =
  | { env?: undefined; foreign?: undefined }
  /** This pull request's preview. */
  | { env: ApiEnvironment; foreign?: undefined }
  /** Another environment holds the name: never touched. */
  | { env?: undefined; foreign: ApiEnvironment };

/**
 * The environment of the preview's name: this change request's preview,
 * another environment (never touched), or none (deleted counts as none).
 */
export async function lookupPreview(
  environments: EnvironmentsService,
  target: PreviewTarget,
): Promise<Lookup> {
  const env = await environments.getEnvironment(target.name, {
    credentials: target.credentials,
  });
  if (!env || env.status === 'deleted') return {};
  return isPreviewOf(env, { ...target.pr, provider: target.provider.id })
    ? { env }
    : { foreign: env };
}

/** Notes whether a keyed change was made now or replayed by its key. */
export function markChange<T extends { replayed?: boolean }>(
  target: PreviewTarget,
  res: T,
): T {
  if (!res.replayed) target.changed = true;
  return res;
}

/** The message for a repository with several preview Components. */
export function ambiguous(pr: ChangeRequestRef, components: string[]): string {
  return `several Components of ${
    pr.repository
  } have ${ANNOTATION_PREVIEW_BASE} (${components
    .map(c => `\`${c}\``)
    .join(', ')}); previews need exactly one, so nothing was deployed`;
}

/** The service of the PR's component in the preview. */
export function serviceOf(env: Environment | undefined, target: PreviewTarget) {
  if (!env || !target.componentRef) return undefined;
  const ref = toComponentRef(target.componentRef);
  return env.services.find(
    s => s.componentRef && toComponentRef(s.componentRef) === ref,
  );
}

/**
 * The branch and commit a preview runs: its component's image tag when that
 * is a commit sha (what the last deploy set), else the commit it was cloned
 * for. A pinned preview runs this, not the change request's newest push.
 */
export function runningHead(
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
