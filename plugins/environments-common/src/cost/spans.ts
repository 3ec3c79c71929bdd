/** A half-open span of epoch milliseconds, `[from, to)`. */
export type Span = [number, number];

/** The spans merged where they overlap or touch, in order. */
export function mergeSpans(spans: ReadonlyArray<Span>): Span[] {
  const merged: Span[] = [];
  for (const [from, to] of [...spans].sort((a, b) => a[0] - b[0])) {
    if (to <= from) continue;
    const last = merged[merged.length - 1];
    if (last && from <= last[1]) last[1] = Math.max(last[1], to);
    else merged.push([from, to]);
  }
  return merged;
}

/** Total length of spans after merging overlaps, in milliseconds. */
export function unionMillis(spans: ReadonlyArray<Span>): number {
  return mergeSpans(spans).reduce((sum, [from, to]) => sum + to - from, 0);
}

/** What of `spans` lies outside `holes` (both merged first). */
export function subtractSpans(
  spans: ReadonlyArray<Span>,
  holes: ReadonlyArray<Span>,
): Span[] {
  const result: Span[] = [];
  const cuts = mergeSpans(holes);
  for (const [from, to] of mergeSpans(spans)) {
    let start = from;
    for (const [holeFrom, holeTo] of cuts) {
      if (holeTo <= start || holeFrom >= to) continue;
      if (holeFrom > start) result.push([start, holeFrom]);
      start = Math.max(start, holeTo);
    }
    if (start < to) result.push([start, to]);
  }
  return result;
}
