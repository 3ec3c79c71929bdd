import type { ServiceTemplateLifecycle } from '../constants';
import { SEMVER_PATTERN } from '../schemas/common';

interface ParsedVersion {
  core: [number, number, number];
  prerelease: string[];
}

function parse(version: string): ParsedVersion {
  const match = SEMVER_PATTERN.exec(version.trim());
  if (!match) {
    throw new Error(`"${version}" is not a semantic version such as "1.2.0"`);
  }
  return {
    core: [Number(match[1]), Number(match[2]), Number(match[3])],
    prerelease: match[4] ? match[4].split('.') : [],
  };
}

function compareIdentifiers(a: string, b: string): number {
  const aNumeric = /^\d+$/.test(a);
  const bNumeric = /^\d+$/.test(b);
  if (aNumeric && bNumeric) {
    return Math.sign(Number(a) - Number(b));
  }
  if (aNumeric !== bNumeric) {
    return aNumeric ? -1 : 1; // numeric identifiers are lower
  }
  if (a === b) {
    return 0;
  }
  return a < b ? -1 : 1;
}

/**
 * Compares two semantic versions: negative when `a` is lower, positive when
 * higher, 0 when equal. A pre-release is lower than its release
 * (`2.0.0-rc.1` \< `2.0.0`); build metadata is ignored. Throws for a text that
 * is not a semantic version.
 *
 * @public
 */
export function compareTemplateVersions(a: string, b: string): number {
  const left = parse(a);
  const right = parse(b);
  for (let i = 0; i < 3; i++) {
    if (left.core[i] !== right.core[i]) {
      return Math.sign(left.core[i] - right.core[i]);
    }
  }
  if (left.prerelease.length === 0 || right.prerelease.length === 0) {
    return Math.sign(right.prerelease.length - left.prerelease.length);
  }
  const length = Math.max(left.prerelease.length, right.prerelease.length);
  for (let i = 0; i < length; i++) {
    if (left.prerelease[i] === undefined) return -1;
    if (right.prerelease[i] === undefined) return 1;
    const order = compareIdentifiers(left.prerelease[i], right.prerelease[i]);
    if (order !== 0) return order;
  }
  return 0;
}

/** @public */
export interface TemplateVersionInfo {
  version: string;
  lifecycle: ServiceTemplateLifecycle;
}

/** @public */
export interface TemplateUpgrade {
  /**
   * `deprecated` when the version in use is deprecated, `outdated` when a
   * newer version that is not deprecated exists, `current` otherwise.
   */
  status: 'current' | 'outdated' | 'deprecated';
  /** The highest version that is not deprecated, if any. */
  latest?: string;
}

/**
 * Whether a service's template version should be upgraded.
 *
 * @param used - the version in use: `{ version }` (e.g. a service's
 *   `template`), `servicetemplate:default/postgresql@2.1.0` or `2.1.0`
 * @param available - the known versions of that template with their lifecycle
 * @public
 */
export function templateUpgrade(
  used: string | { version: string },
  available: ReadonlyArray<TemplateVersionInfo>,
): TemplateUpgrade {
  const text = typeof used === 'string' ? used : used.version;
  const version = text.includes('@')
    ? text.slice(text.lastIndexOf('@') + 1)
    : text;

  let latest: string | undefined;
  for (const candidate of available) {
    if (
      candidate.lifecycle !== 'deprecated' &&
      (latest === undefined ||
        compareTemplateVersions(candidate.version, latest) > 0)
    ) {
      latest = candidate.version;
    }
  }

  const current = available.find(
    candidate => compareTemplateVersions(candidate.version, version) === 0,
  );
  if (current?.lifecycle === 'deprecated') {
    return { status: 'deprecated', latest };
  }
  if (latest !== undefined && compareTemplateVersions(latest, version) > 0) {
    return { status: 'outdated', latest };
  }
  return { status: 'current', latest };
}
