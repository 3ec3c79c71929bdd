/**
 * `${{ parameters.x }}`, the one expression a ServiceTemplate may hold: the
 * patterns the schema, the catalog's validator and the substitution share.
 */

/** A `${{ … }}` in a string: a value a ServiceTemplate fills in from its parameters. */
export const TEMPLATE_EXPRESSION = /\$\{\{[^}]*\}\}/;

/** Every `${{ … }}`, with what stands between the braces as group 1. */
const EXPRESSIONS = /\$\{\{([^}]*)\}\}/g;
/** The only supported expression: `parameters.<name>`. */
const PARAMETER_REFERENCE = /^\s*parameters\.([A-Za-z_$][A-Za-z0-9_$]*)\s*$/;
/** A string that is one expression and nothing else. */
const WHOLE_EXPRESSION = new RegExp(`^${TEMPLATE_EXPRESSION.source}$`);

/** One `${{ … }}` of a string. */
export interface TemplateExpressionMatch {
  /** The expression as written, e.g. `${{ parameters.port }}`. */
  expression: string;
  /** The parameter it names; undefined for an unsupported expression. */
  parameter?: string;
}

function toMatch(expression: string, inner: string): TemplateExpressionMatch {
  const parameter = PARAMETER_REFERENCE.exec(inner)?.[1];
  return parameter ? { expression, parameter } : { expression };
}

/** Every `${{ … }}` of `text`, in order. */
export function findTemplateExpressions(
  text: string,
): TemplateExpressionMatch[] {
  return [...text.matchAll(EXPRESSIONS)].map(([expression, inner]) =>
    toMatch(expression, inner),
  );
}

/** `text` with each `${{ … }}` replaced by what `replace` gives for it. */
export function replaceTemplateExpressions(
  text: string,
  replace: (match: TemplateExpressionMatch) => string,
): string {
  return text.replace(EXPRESSIONS, (expression, inner: string) =>
    replace(toMatch(expression, inner)),
  );
}

/** The expression when `text` is one `${{ … }}` and nothing else. */
export function wholeTemplateExpression(
  text: string,
): TemplateExpressionMatch | undefined {
  return WHOLE_EXPRESSION.test(text)
    ? toMatch(text, text.slice(3, -2))
    : undefined;
}

/** Whether a `${{` of `text` is not closed by `}}` (or holds a `}`). */
export function hasUnclosedTemplateExpression(text: string): boolean {
  return text.replace(EXPRESSIONS, '').includes('${{');
}
