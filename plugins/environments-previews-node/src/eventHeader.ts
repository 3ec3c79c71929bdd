/**
 * A webhook header from an event's metadata (the events module passes the
 * request's headers), by name in any case; undefined when absent or empty.
 *
 * @public
 */
export function eventHeader(
  metadata: Record<string, string | string[] | undefined> | undefined,
  name: string,
): string | undefined {
  if (!metadata) return undefined;
  const wanted = name.toLowerCase();
  const entry = Object.entries(metadata).find(
    ([key]) => key.toLowerCase() === wanted,
  )?.[1];
  const value = Array.isArray(entry) ? entry[0] : entry;
  return value ? value : undefined;
}
