import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  ANNOTATION_PREVIEW_BASE,
  ANNOTATION_PREVIEW_BLUEPRINT,
  DEFAULT_PREVIEW_BLUEPRINT_PATH,
} from '../constants';

/** Where a Component's source lives, e.g. `url:https://github.com/o/r/tree/main/`. */
const ANNOTATION_SOURCE_LOCATION = 'backstage.io/source-location';

/**
 * The repository of a change request, and the annotation that names a
 * Component's repository on its provider (e.g. `github.com/project-slug`).
 *
 * @public
 */
export interface PreviewRepository {
  /** `owner/name`, or a GitLab project's path. */
  repository: string;
  /** `https://host/owner/name` */
  repositoryUrl: string;
  /** e.g. `github.com/project-slug`, `gitlab.com/project-slug` */
  slugAnnotation: string;
}

const lower = (text: string) => text.toLocaleLowerCase('en-US');

/**
 * The host and `owner/repo` (lower-case) a `url:` source location points
 * to; undefined for other location types and URLs without owner and repo.
 *
 * @public
 */
export function repositoryOfSourceLocation(
  location: string,
): { host: string; repository: string } | undefined {
  const match = /^url:(.+)$/.exec(location.trim());
  if (!match) return undefined;
  let url: URL;
  try {
    url = new URL(match[1]);
  } catch {
    return undefined;
  }
  const [owner, repo] = url.pathname.split('/').filter(Boolean);
  if (!owner || !repo) return undefined;
  return {
    host: lower(url.host),
    repository: lower(`${owner}/${repo.replace(/\.git$/i, '')}`),
  };
}

/**
 * Why a Component does not belong to the pull request's repository, checked
 * both ways: its project slug must be the repository, and its source
 * location, when it has one, must point to the same host and repository.
 * Undefined when it belongs.
 *
 * @public
 */
export function whyNotOfRepository(
  entity: Entity,
  pr: PreviewRepository,
): string | undefined {
  const annotations = entity.metadata.annotations ?? {};
  const slug = annotations[pr.slugAnnotation];
  if (!slug || lower(slug.trim()) !== lower(pr.repository)) {
    return `${pr.slugAnnotation} is '${slug ?? ''}', not ${pr.repository}`;
  }
  const location = annotations[ANNOTATION_SOURCE_LOCATION];
  if (location === undefined) return undefined;
  const source = repositoryOfSourceLocation(location);
  let host: string | undefined;
  try {
    host = lower(new URL(pr.repositoryUrl).host);
  } catch {
    host = undefined;
  }
  if (
    !source ||
    source.repository !== lower(pr.repository) ||
    source.host !== host
  ) {
    return `${ANNOTATION_SOURCE_LOCATION} '${location}' is not ${pr.repositoryUrl}`;
  }
  return undefined;
}

/** Which Component's base environment previews of a repository clone. @public */
export type PreviewBase =
  /** No Component of the repository has a preview base: not ours, ignore. */
  | { kind: 'none' }
  /** Several do: refuse rather than guess. */
  | { kind: 'ambiguous'; components: string[] }
  | {
      kind: 'found';
      base: string;
      componentRef: string;
      /** Where the repository's preview blueprint is, from `greenroom.dev/preview-blueprint`. */
      blueprintPath: string;
    };

/**
 * Picks the Component whose `greenroom.dev/preview-base` previews of the
 * repository use, among catalog entities (found by project slug). Those
 * that do not belong to the repository (see {@link whyNotOfRepository}) are
 * left out and returned in `ignored` with the reason.
 *
 * @public
 */
export function findPreviewBase(
  entities: Entity[],
  pr: PreviewRepository,
): { base: PreviewBase; ignored: Array<{ ref: string; reason: string }> } {
  const ignored: Array<{ ref: string; reason: string }> = [];
  const candidates: Array<{ ref: string; base: string; blueprint: string }> =
    [];
  for (const entity of entities) {
    const base = entity.metadata.annotations?.[ANNOTATION_PREVIEW_BASE]?.trim();
    if (lower(entity.kind) !== 'component' || !base) continue;
    const ref = stringifyEntityRef(entity);
    const reason = whyNotOfRepository(entity, pr);
    if (reason) ignored.push({ ref, reason });
    else {
      const blueprint =
        entity.metadata.annotations?.[ANNOTATION_PREVIEW_BLUEPRINT]?.trim() ||
        DEFAULT_PREVIEW_BLUEPRINT_PATH;
      candidates.push({ ref, base, blueprint });
    }
  }
  candidates.sort((a, b) => a.ref.localeCompare(b.ref));
  if (!candidates.length) return { base: { kind: 'none' }, ignored };
  if (candidates.length > 1) {
    return {
      base: { kind: 'ambiguous', components: candidates.map(c => c.ref) },
      ignored,
    };
  }
  return {
    base: {
      kind: 'found',
      base: candidates[0].base,
      componentRef: candidates[0].ref,
      blueprintPath: candidates[0].blueprint,
    },
    ignored,
  };
}
