/**
 * One problem with a parameter value, e.g.
 * `{ path: 'parameters.version', message: 'must be one of 14, 15, 16' }`.
 *
 * @public
 */
export interface TemplateParameterIssue {
  path: string;
  message: string;
}

/**
 * The parameter values given to a ServiceTemplate do not match its
 * `spec.parameters` JSON Schema. The message names each failing parameter:
 * `parameters.version: must be one of 14, 15, 16; parameters.name: is required`.
 *
 * @public
 */
export class TemplateParameterError extends Error {
  readonly issues: TemplateParameterIssue[];

  constructor(issues: TemplateParameterIssue[], prefix?: string) {
    const body =
      issues.length > 0
        ? issues.map(i => `${i.path}: ${i.message}`).join('; ')
        : 'invalid parameters';
    super(prefix ? `${prefix}: ${body}` : body);
    this.name = 'TemplateParameterError';
    this.issues = issues;
  }
}

/**
 * A ServiceTemplate cannot be rendered into a service: an unsupported or
 * undeclared expression in `spec.service`, an invalid service name, or a
 * resulting service that is not valid. The message starts with
 * `template <name>: ` and names the field.
 *
 * @public
 */
export class ServiceTemplateRenderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ServiceTemplateRenderError';
  }
}
