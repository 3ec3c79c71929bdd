import type {
  ServiceTemplateLifecycle,
  ServiceTemplateType,
} from '../constants';

/**
 * A ServiceTemplate as `GET /templates` lists it.
 *
 * @public
 */
export interface ServiceTemplateSummary {
  /** Entity ref, e.g. `servicetemplate:default/postgresql`. */
  ref: string;
  namespace: string;
  name: string;
  title: string;
  description?: string;
  tags: string[];
  /** Entity ref of the owner. */
  owner: string;
  type: ServiceTemplateType;
  /** Semantic version, e.g. `2.1.0`. */
  version: string;
  lifecycle: ServiceTemplateLifecycle;
  /** The database engine or runtime, e.g. `postgresql`. */
  engine?: string;
  /** The JSON Schema (an object) of the template's parameters. */
  parameters?: Record<string, unknown>;
  links: Array<{ url: string; title?: string; icon?: string }>;
  /** How many services in environments were created from the template. */
  usageCount: number;
}

/**
 * Query for `GET /templates`; every field is optional.
 *
 * @public
 */
export interface ListTemplatesQuery {
  /** Free text matched against name, title, description and tags. */
  q?: string;
  type?: ServiceTemplateType;
  engine?: string;
  lifecycle?: ServiceTemplateLifecycle;
  /** Entity ref of the owner. */
  owner?: string;
}
