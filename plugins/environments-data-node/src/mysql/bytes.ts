// Classes of the ASCII bytes a mysqldump line is read by.

/** Spaces, tabs and the CR of a CRLF line end. */
export const isSpace = (byte: number) =>
  byte === 0x20 || byte === 0x09 || byte === 0x0d;

/** ASCII letters, digits and `_`. */
export const isAlphanumeric = (byte: number) =>
  (byte >= 0x30 && byte <= 0x39) ||
  (byte >= 0x41 && byte <= 0x5a) ||
  (byte >= 0x61 && byte <= 0x7a) ||
  byte === 0x5f;
