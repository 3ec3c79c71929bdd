import { isJsonObject, type KubeObject } from '../render/types';

function isEmpty(value: unknown): boolean {
  return (
    (Array.isArray(value) && value.length === 0) ||
    (isJsonObject(value) && Object.keys(value).length === 0)
  );
}

function leafDiffs(
  desired: unknown,
  actual: unknown,
  path: string[],
): string[][] {
  if (actual === undefined && isEmpty(desired)) return [];
  if (isJsonObject(desired)) {
    if (!isJsonObject(actual)) return [path];
    return Object.entries(desired).flatMap(([key, value]) =>
      leafDiffs(value, actual[key], [...path, key]),
    );
  }
  if (Array.isArray(desired)) {
    // Lists are compared whole: a changed container is "spec.template…".
    if (!Array.isArray(actual) || actual.length !== desired.length) {
      return [path];
    }
    const differs = desired.some(
      (item, i) => leafDiffs(item, actual[i], []).length > 0,
    );
    return differs ? [path] : [];
  }
  return desired === actual ? [] : [path];
}

/**
 * Paths (cut to three levels) where `actual` differs from what we `desired`.
 * Only what we set is compared: the API server adds defaults, status and
 * metadata of its own, and drops empty maps.
 */
export function changedPaths(desired: unknown, actual: unknown): string[] {
  return [
    ...new Set(
      leafDiffs(desired, actual, []).map(p => p.slice(0, 3).join('.')),
    ),
  ];
}

/**
 * What we render compared with what the cluster has, with Secrets compared
 * as the server stores them (base64 `data`).
 */
export function objectChanges(desired: KubeObject, actual: KubeObject) {
  let wanted: Record<string, unknown> = desired;
  if (desired.kind === 'Secret' && isJsonObject(desired.stringData)) {
    const { stringData, ...rest } = desired;
    wanted = {
      ...rest,
      data: Object.fromEntries(
        Object.entries(stringData as Record<string, string>).map(([k, v]) => [
          k,
          Buffer.from(v).toString('base64'),
        ]),
      ),
    };
  }
  const { apiVersion: _a, kind: _k, ...compared } = wanted;
  return changedPaths(compared, actual);
}
