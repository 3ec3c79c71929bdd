import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';
import { MAX_ENVIRONMENT_NAME_LENGTH, toEnvironmentName } from '../naming';

// A GitHub owner (letters, digits, single inner hyphens) and repository name
// that are already DNS-label text, so `<owner>-<repo>` reads back one way.
const PLAIN_OWNER = /^[a-z0-9]+$/;
const PLAIN_REPO = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** The first 8 hex characters of the sha256 of the lower-cased `owner/repo`. */
function repositoryHash(repository: string): string {
  return bytesToHex(
    sha256(utf8ToBytes(repository.toLocaleLowerCase('en-US'))),
  ).slice(0, 8);
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
 *
 * @public
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
