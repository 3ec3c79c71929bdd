/**
 * Replaces every occurrence of a secret value in text meant for logs or the
 * stored operation, e.g. an error message in which a runtime echoed its input.
 */
export function redactSecrets(text: string, secrets: Iterable<string>): string {
  let result = text;
  // Longest first, so a secret that contains another is masked whole.
  const values = [...secrets].filter(v => v.length > 0);
  values.sort((a, b) => b.length - a.length);
  for (const value of values) {
    result = result.split(value).join('***');
  }
  return result;
}
