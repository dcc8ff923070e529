/**
 * Reply understanding: the new text of a reply without quoted history and signature.
 * `stripReply` = `removeQuoted` then `splitSignature` on what is left. Both steps are exported
 * for callers that need only one of them (e.g. keep the sign-off to read the sender's phone).
 */
import { removeQuoted } from './remove-quoted.ts';
import { splitSignature } from './signature.ts';

export type { QuoteSplit } from './remove-quoted.ts';
export { removeQuoted } from './remove-quoted.ts';
export type { SignatureSplit } from './signature.ts';
export { splitSignature } from './signature.ts';

export interface StrippedReply {
  /** The sender's new text: no quoted history, no signature. */
  body: string;
  /** The quoted history that was removed, or null. */
  quoted: string | null;
  /** The signature / sign-off block that was removed, or null. */
  signature: string | null;
}

export function stripReply(text: string): StrippedReply {
  const { reply, quoted } = removeQuoted(text);
  const { body, signature } = splitSignature(reply);
  return { body, quoted, signature };
}
