/**
 * A value computed on first use and kept: for the readings of a mail's text that only some
 * branches of a decision need. Most mail is an ordinary inquiry, and a long text is not
 * scanned for evidence its verdict will not ask for.
 */
export function memo<T>(compute: () => T): () => T {
  let done = false;
  let value: T;
  return () => {
    if (!done) {
      value = compute();
      done = true;
    }
    return value;
  };
}
