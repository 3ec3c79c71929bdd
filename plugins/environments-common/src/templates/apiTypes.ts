import type { EnvironmentsApiSchemas } from '../api/types';
import type {
  ServiceTemplateLifecycle,
  ServiceTemplateType,
} from '../constants';

/**
 * A ServiceTemplate as `GET /templates` lists it.
 *
 * @public
 */
export type ServiceTemplateSummary =
  EnvironmentsApiSchemas['ServiceTemplateSummary'];

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
