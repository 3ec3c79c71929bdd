/**
 * Finding and rewriting host names inside plain variable values.
 *
 * A host "appears" in a text when it is a whole DNS label there: a maximal
 * run of letters, digits and dashes (compared case-insensitively). So
 * `http://api-dev:8080` and `api-dev.svc.cluster.local` refer to the host
 * `api-dev`, while `api-dev-2` (another environment's host) does not.
 */

const LABEL = /[A-Za-z0-9-]+/g;
const WORD = /[A-Za-z0-9.-]+/g;

/** The DNS labels of a text, lower-cased: what hosts it can refer to. */
export function hostLabels(text: string): string[] {
  return (text.match(LABEL) ?? []).map(label => label.toLowerCase());
}

/** What a rewrite of a value found. */
export type HostRewrite = {
  value: string;
  /** Source hosts that have no counterpart in the clone (left-out services). */
  missing: string[];
  /** Labels that still name a source host after the rewrite (never kept). */
  stuck: string[];
};

function escapeRegExp(text: string) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Rewrites the source's hosts in a text to the clone's.
 *
 * - a label that is a host of the source (`orders-db-staging`) becomes its
 *   counterpart in `hosts` (`orders-db-dev-ada`), or is reported `missing`
 *   when it has none;
 * - the source name as a dash-separated part of a label, or as a label of a
 *   dotted name (`shop-staging`, `staging.example.com`), becomes the clone
 *   name. A value that is just the name (`APP_ENV=staging`) is not a host
 *   and stays.
 *
 * @param hosts - source host (lower case) → clone host, or undefined when the
 *   service is not part of the clone
 */
export function rewriteHosts(
  text: string,
  options: {
    hosts: ReadonlyMap<string, string | undefined>;
    sourceName: string;
    cloneName: string;
  },
): HostRewrite {
  const { hosts, sourceName, cloneName } = options;
  const namePart = new RegExp(`(^|-)${escapeRegExp(sourceName)}(?=-|$)`, 'gi');
  const missing: string[] = [];
  const stuck: string[] = [];
  const value = text.replace(WORD, word => {
    const labels = word.split('.');
    const dotted = labels.filter(Boolean).length > 1;
    return labels
      .map(label => {
        const lower = label.toLowerCase();
        if (hosts.has(lower)) {
          const target = hosts.get(lower);
          if (target === undefined) missing.push(lower);
          return target ?? label;
        }
        if (!dotted && lower === sourceName) return label;
        const rewritten = label.replace(namePart, `$1${cloneName}`);
        // Replacing can, rarely, compose another source host: never keep one.
        if (rewritten !== label && hosts.has(rewritten.toLowerCase())) {
          stuck.push(rewritten.toLowerCase());
        }
        return rewritten;
      })
      .join('.');
  });
  return { value, missing, stuck };
}
