import {
  CloneDiffEntry,
  isValidEnvironmentName,
  toEnvironmentName,
} from '@greenroom/plugin-environments-common';
import type { ApiEnvironment } from '../api';

/** The name the clone dialog starts with: `<source>-copy`, made valid. */
export function defaultCloneName(source: string): string {
  const candidate = `${source}-copy`;
  return isValidEnvironmentName(candidate)
    ? candidate
    : toEnvironmentName(candidate);
}

/** An attention item taken apart: `secret:payments-worker/STRIPE_KEY`. */
export interface ParsedAttentionItem {
  /** `secret`, `domain`, `variable`, `data` … */
  type: string;
  /** What follows the type: `payments-worker/STRIPE_KEY`. */
  subject: string;
  /** For a secret or variable of a service, that service. */
  service?: string;
  /** For a secret or variable, its key. */
  key?: string;
}

export function parseAttentionItem(item: string): ParsedAttentionItem {
  const separator = item.indexOf(':');
  if (separator === -1) {
    return { type: '', subject: item };
  }
  const type = item.slice(0, separator);
  const subject = item.slice(separator + 1);
  if (type !== 'secret' && type !== 'variable') {
    return { type, subject };
  }
  const slash = subject.indexOf('/');
  return slash === -1
    ? { type, subject, key: subject }
    : {
        type,
        subject,
        service: subject.slice(0, slash),
        key: subject.slice(slash + 1),
      };
}

/**
 * Whether the secret `key` (of `service`, or of the environment) has a value
 * now, from what the API says of the environment's variables.
 */
export function isSecretSet(
  environment: Pick<ApiEnvironment, 'variables' | 'services'>,
  key: string,
  service?: string,
): boolean {
  const variables = service
    ? environment.services.find(s => s.name === service)?.variables ?? []
    : environment.variables;
  return variables.some(
    variable =>
      variable.key === key && variable.kind === 'secret' && variable.isSet,
  );
}

/** The diff of a clone plan by kind, in the order the dialog shows them. */
export function groupCloneDiff(
  diff: ReadonlyArray<CloneDiffEntry>,
): Record<CloneDiffEntry['kind'], CloneDiffEntry[]> {
  const groups: Record<CloneDiffEntry['kind'], CloneDiffEntry[]> = {
    changed: [],
    attention: [],
    data: [],
    shared: [],
    dropped: [],
    copied: [],
  };
  for (const entry of diff) {
    groups[entry.kind]?.push(entry);
  }
  return groups;
}
