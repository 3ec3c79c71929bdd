import type { ApiEnvironment } from '../api';
import {
  NOT_DEPLOYED,
  PreviewCommentView,
  StoredPreviewView,
} from './previewComment';

/** What the preview comment shows of an environment as it is now. @public */
export function environmentPart(
  env: ApiEnvironment | undefined,
): Pick<PreviewCommentView, 'status' | 'expiresAt' | 'services'> {
  return {
    status: env?.status ?? 'requested',
    expiresAt: env?.expiresAt,
    services: (env?.services ?? []).map(({ name, kind, observed }) => ({
      name,
      kind,
      ...(observed && { observed }),
    })),
  };
}

/**
 * The comment's view again, with the environment as it is now, or
 * undefined when the comment is not to change with it: it is about another
 * environment, or it says the preview is gone or was never deployed (what
 * only the next pull request event changes).
 */
export function refreshedView(
  stored: StoredPreviewView,
  env: ApiEnvironment,
): PreviewCommentView | undefined {
  if (
    stored.environmentName !== env.name ||
    stored.status === 'destroyed' ||
    stored.status === NOT_DEPLOYED
  ) {
    return undefined;
  }
  return { ...stored, ...environmentPart(env) };
}
