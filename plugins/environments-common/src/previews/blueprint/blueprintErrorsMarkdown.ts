import type { PreviewBlueprintIssue } from './issues';

/** The most problems listed; more are counted. */
const MAX_LISTED = 10;
/** The longest message or fix shown, in characters. */
const MAX_TEXT = 300;
/** The longest field shown. */
const MAX_FIELD = 100;

/** One line, cut to `max` characters. */
function cut(text: string, max: number): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1).trimEnd()}…` : line;
}

/**
 * Text shown as written: Markdown and HTML characters are escaped, and an
 * `@` is kept from mentioning anyone (a word joiner after it).
 */
function plain(text: string, max: number): string {
  return cut(text, max)
    .replace(/[\\`*_[\]<>|~&!#]/g, c => `\\${c}`)
    .replace(/@(?=\w)/g, '@\u2060');
}

/** A code span, which shows everything literally; a backtick would end it. */
function codeSpan(text: string, max: number): string {
  return `\`${cut(text, max).replace(/`/g, "'")}\``;
}

/**
 * The problems of a preview blueprint as a Markdown list for a pull request
 * comment: `` - `spec.services[1]` (line 7): … — fix ``. Fields, messages
 * and fixes can hold text from the repository, so each is escaped and cut;
 * at most 10 problems are listed and the rest counted.
 *
 * @public
 */
export function blueprintErrorsMarkdown(
  errors: readonly PreviewBlueprintIssue[],
): string {
  const lines = errors.slice(0, MAX_LISTED).map(error => {
    const where = error.line ? ` (line ${error.line})` : '';
    return `- ${codeSpan(error.field, MAX_FIELD)}${where}: ${plain(
      error.message,
      MAX_TEXT,
    )} — ${plain(error.fix, MAX_TEXT)}`;
  });
  const more = errors.length - MAX_LISTED;
  if (more > 0) {
    lines.push(`- …and ${more} more ${more === 1 ? 'problem' : 'problems'}`);
  }
  return lines.join('\n');
}
