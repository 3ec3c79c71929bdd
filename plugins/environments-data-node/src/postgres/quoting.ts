// Values of the rules go into the generated scripts' shell words only
// through this.

/** One shell word, single-quoted: the shell expands nothing in it. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}
