/**
 * GitHub and GitLab markdown from text the bot does not control (names,
 * branches, URLs and problems reported by runtimes), safe inside a table
 * cell: one line, no column break, no HTML, no mention. Pure: no I/O.
 */

/** The first line, cut to `max` characters. */
export function shortLine(text: string, max = Infinity): string {
  const line = text
    .trim()
    .split(/\r?\n|\r/)[0]
    .trim();
  return line.length > max ? `${line.slice(0, max - 1).trimEnd()}…` : line;
}

/**
 * Text as a code span: shown as it is (no markdown, HTML or mentions). A
 * backtick would end the span, so it becomes `'`; a pipe is escaped, which
 * GitHub and GitLab honour inside spans, so it does not split the table's row.
 */
export function code(text: string): string {
  return `\`${shortLine(text).replace(/`/g, "'").replace(/\|/g, '\\|')}\``;
}

/**
 * A link to an http(s) URL, showing the URL without credentials. Anything
 * else (another scheme, not a URL) is shown as code, never as a link.
 */
export function link(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return code(url);
  }
  // Credentials in a URL are secrets: never shown.
  parsed.username = '';
  parsed.password = '';
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    return code(parsed.href);
  }
  // The URL parser encodes spaces, quotes and angle brackets; what would
  // still end the link or split the row is encoded here.
  const href = parsed.href.replace(
    /[()|]/g,
    c => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  const text = parsed.href
    .replace(/\/$/, '')
    .replace(/[\\`*_[\]|<>]/g, c => `\\${c}`);
  return `[${text}](${href})`;
}
