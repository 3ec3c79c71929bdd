import { fixFor } from './fixFor';

/**
 * One problem with a ServiceTemplate: the field (`spec.version`), what is
 * wrong with it, and how to fix it.
 *
 * @public
 */
export interface ServiceTemplateIssue {
  /** The field, e.g. `spec.service.image.tag` or `spec.parameters.properties.port`. */
  path: string;
  /** What is wrong, e.g. `must be a semantic version such as "1.2.0"`. */
  message: string;
  /** How to fix it. */
  fix: string;
}

/** @public */
export interface ServiceTemplateValidation {
  /** `servicetemplate:default/postgresql`, or undefined without a usable name. */
  ref?: string;
  version?: string;
  /** Problems that make the catalog refuse the template. */
  errors: ServiceTemplateIssue[];
  /** Advice that does not block the template (the catalog does not report it). */
  warnings: ServiceTemplateIssue[];
}

export function issue(
  path: string,
  message: string,
  fix?: string,
): ServiceTemplateIssue {
  return { path, message, fix: fix ?? fixFor(path, message) };
}

/** `/spec/ports/0/port` → `spec.ports[0].port` */
export function pointerToPath(pointer: string): string {
  if (!pointer || pointer === '<root>') return '(root)';
  return pointer
    .split('/')
    .slice(1)
    .map(s => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((text, s) => {
      if (/^\d+$/.test(s)) return `${text}[${s}]`;
      return text ? `${text}.${s}` : s;
    }, '');
}

/** The issues without repeats of one message about one field. */
export function uniqueIssues(
  issues: ServiceTemplateIssue[],
): ServiceTemplateIssue[] {
  const seen = new Set<string>();
  return issues.filter(i => {
    const key = `${i.path}: ${i.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * One issue as one line: `spec.version: is "v2"; must be … — write …`.
 *
 * @public
 */
export function formatServiceTemplateIssue(i: ServiceTemplateIssue): string {
  return `${i.path}: ${i.message} — ${i.fix}`;
}
