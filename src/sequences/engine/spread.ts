/**
 * Several processes select the same due rows in the same order; claiming them in that order
 * makes them collide on every row. Shuffling rows of equal priority (the order between
 * priorities is kept) lets each process start somewhere else, so far fewer claims are lost.
 */
export function spreadWithinPriority<T>(
  rows: readonly T[],
  priorityOf: (row: T) => number,
  rng: () => number,
): T[] {
  const out = [...rows];
  let start = 0;
  while (start < out.length) {
    let end = start + 1;
    while (end < out.length && priorityOf(out[end]!) === priorityOf(out[start]!)) end += 1;
    for (let i = end - 1; i > start; i--) {
      const j = start + Math.floor(rng() * (i - start + 1));
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    start = end;
  }
  return out;
}
