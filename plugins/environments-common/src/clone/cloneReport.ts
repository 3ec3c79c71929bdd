import type { AttentionItem, Environment } from '../schemas/environment';

/** One line of the readable diff between a source and its clone. @public */
export type CloneDiffEntry = {
  kind: 'copied' | 'changed' | 'dropped' | 'shared' | 'attention' | 'data';
  /** e.g. `name`, `services.orders-db`, `services.web.variables.API_URL` */
  path: string;
  from?: string;
  to?: string;
  reason?: string;
};

/** Accumulates what the plan reports while the clone is built. */
export type CloneReport = {
  source: Environment;
  cloneName: string;
  /**
   * Source host → clone host, or undefined for a service left out; a service
   * shared with the source keeps its host.
   */
  hosts: Map<string, string | undefined>;
  attention: AttentionItem[];
  diff: CloneDiffEntry[];
  /** `<service or empty>/<KEY>` of a variable the clone lacks → why, for aliases of it. */
  gone: Map<string, string>;
};

/** The scope of a variable in `gone`: its service's name, or empty. */
export const scopeOf = (service?: string) => service ?? '';
/** Where a variable stands in the diff. */
export const variablePath = (key: string, service?: string) =>
  service ? `services.${service}.variables.${key}` : `variables.${key}`;
/** What an attention item names: `<service>/<KEY>` or `<KEY>`. */
export const itemSubject = (key: string, service?: string) =>
  service ? `${service}/${key}` : key;

/** Something the user must look at: in `attention` and in the diff. */
export function attention(
  report: CloneReport,
  item: string,
  path: string,
  reason: string,
  from?: string,
) {
  report.attention.push({ item, reason });
  report.diff.push({ kind: 'attention', path, reason, ...(from && { from }) });
}

/** A clone request that cannot be planned; the message names the field. @public */
export class ClonePlanError extends Error {
  readonly field: string;

  constructor(field: string, message: string) {
    super(`${field}: ${message}`);
    this.name = 'ClonePlanError';
    this.field = field;
  }
}
