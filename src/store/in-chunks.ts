/**
 * Look-ups by a list of values (`WHERE x IN (...)`) whose list comes from mail: every
 * Message-ID in a batch's References, every address a batch names. One long thread's
 * References or one mail that lists thousands of addresses can carry more values than a
 * statement may bind (SQLite 32,766 parameters, PostgreSQL 65,535), and the statement is then
 * refused, which failed the whole batch. The values are deduplicated and read in slices.
 */

/** Values per statement: a statement that names its list twice stays at 10,000 parameters. */
export const IN_LIST_MAX = 5_000;

export async function inChunks<T, R>(
  values: Iterable<T>,
  read: (slice: T[]) => Promise<R[]>,
  size = IN_LIST_MAX,
): Promise<R[]> {
  const unique = [...new Set(values)];
  if (unique.length <= size) return unique.length === 0 ? [] : read(unique);
  const out: R[] = [];
  for (let at = 0; at < unique.length; at += size) out.push(...(await read(unique.slice(at, at + size))));
  return out;
}
