/** Command-line arguments read the same way by every command. */
import { TrademailError } from '../errors.ts';

/** A row number given on the command line (`token revoke 3`, `away remove 2`). */
export function rowNumber(text: string, what: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new TrademailError('USAGE', `"${text}" is not ${what} number`);
  return n;
}
