import { createHash } from 'node:crypto';
import {
  MAX_ENVIRONMENT_NAME_LENGTH,
  toEnvironmentName,
} from '@greenroom/plugin-environments-common';
import type { Environment } from '@greenroom/plugin-environments-common';
import type { PullRequestRef } from './webhooks';

// A GitHub owner (letters, digits, single inner hyphens) and repository name
// that are already DNS-label text, so `<owner>-<repo>` reads back one way.
const PLAIN_OWNER = /^[a-z0-9]+$/;
const PLAIN_REPO = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** The first 8 hex characters of the sha256 of the lower-cased `owner/repo`. */
function repositoryHash(repository: string): string {
  return createHash('sha256')
    .update(repository.toLocaleLowerCase('en-US'))
    .digest('hex')
    .slice(0, 8);
}

/**
 * The name of the preview environment of a pull request:
 * `pr-<owner>-<repo>-<number>`, e.g. `pr-example-storefront-42` for
 * `example/storefront#42`. Stable for a PR (GitHub names are
 * case-insensitive, so case does not matter), so every event about it finds
 * the same environment.
 *
 * When that is longer than 40 characters, or could be read two ways (a
 * hyphen in the owner: `my-org/shop` and `my/org-shop`; characters a DNS
 * label cannot hold: `shop.web`, `shop_web`), it is
 * `pr-<owner-repo, cut>-<hash>-<number>` with 8 hex characters of the sha256
 * of the full `owner/repo`, so two repositories never share a name. The
 * number is always kept whole.
 */
export function previewEnvironmentName(
  repository: string,
  pullRequestNumber: number,
): string {
  const [owner = '', repo = ''] = repository
    .toLocaleLowerCase('en-US')
    .split('/');
  const suffix = `-${pullRequestNumber}`;
  const plain = `pr-${owner}-${repo}${suffix}`;
  if (
    PLAIN_OWNER.test(owner) &&
    PLAIN_REPO.test(repo) &&
    plain.length <= MAX_ENVIRONMENT_NAME_LENGTH
  ) {
    return plain;
  }
  const hashed = `-${repositoryHash(repository)}${suffix}`;
  const room = MAX_ENVIRONMENT_NAME_LENGTH - hashed.length;
  const head = toEnvironmentName(`pr-${owner}-${repo}`)
    .slice(0, room)
    .replace(/-+$/, '');
  return `${head}${hashed}`;
}

/**
 * Whether an environment is the preview of exactly this pull request: its
 * `origin.pullRequest` is on GitHub, of the same repository (GitHub names
 * are case-insensitive) and has the same number. Every change the module
 * makes to an environment it found by name first asks this, so an
 * environment that only shares the name is never touched.
 */
export function isPreviewOf(
  env: Environment,
  pr: Pick<PullRequestRef, 'repository' | 'number'>,
): boolean {
  const origin = env.origin.pullRequest;
  return (
    !!origin &&
    origin.provider === 'github' &&
    origin.repository.toLocaleLowerCase('en-US') ===
      pr.repository.toLocaleLowerCase('en-US') &&
    origin.number === pr.number
  );
}

/** The PR comment's text when the name is held by another environment. */
export function notThisPreview(name: string): string {
  return `environment \`${name}\` exists and is not this pull request's preview; nothing was changed`;
}
