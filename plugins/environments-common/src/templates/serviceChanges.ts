/** One field that differs between two versions of a service. @public */
export interface ServiceChange {
  /** Dotted path, with indexes for arrays: `ports.0.port`, `database.version`. */
  path: string;
  before?: unknown;
  after?: unknown;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function collect(
  before: unknown,
  after: unknown,
  path: string,
  changes: ServiceChange[],
) {
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
    for (const key of [...keys].sort()) {
      collect(before[key], after[key], path ? `${path}.${key}` : key, changes);
    }
    return;
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    for (let i = 0; i < Math.max(before.length, after.length); i++) {
      collect(before[i], after[i], `${path}.${i}`, changes);
    }
    return;
  }
  if (JSON.stringify(before) === JSON.stringify(after)) return;
  const change: ServiceChange = { path };
  if (before !== undefined) change.before = before;
  if (after !== undefined) change.after = after;
  changes.push(change);
}

/**
 * What an upgrade changes in a service: every leaf field that differs, by
 * path. Variables are compared by key, so reordering them is no change, and
 * secret values never appear (services carry none).
 *
 * @public
 */
export function serviceChanges(before: object, after: object): ServiceChange[] {
  const byKey = (service: any) =>
    Array.isArray(service?.variables)
      ? {
          ...service,
          variables: Object.fromEntries(
            service.variables.map((v: { key: string }) => [v.key, v]),
          ),
        }
      : service;
  const changes: ServiceChange[] = [];
  collect(byKey(before), byKey(after), '', changes);
  return changes;
}
