/**
 * Inline forward detection: the forwarded message is in the body, below a client-specific
 * separator and header block. Two readers run: ours for the Chinese clients (Foxmail / QQ, 163,
 * Outlook zh, Gmail zh...) and `email-forward-parser` for the rest. When both find a forward,
 * the one that starts first (the outermost) wins. A subject whose outermost prefix is a reply
 * prefix ("Re:", "回复:") vetoes: such a mail is a reply whose quoted history may look like a
 * forward.
 */
import { findChineseClientForward } from './chinese-clients.ts';
import { readLibraryForward } from './library.ts';
import { subjectKind } from './subject.ts';
import type { InlineForward } from './types.ts';

export function readInlineForward(text: string, subject?: string): InlineForward | null {
  const kind = subject === undefined ? null : subjectKind(subject);
  if (kind === 'reply') return null;
  const ours = findChineseClientForward(text, subject, kind);
  const library = readLibraryForward(text, subject);
  // The library's offset is a lower bound (the length of the note above the forward), so on a
  // tie the forward is the same one and the library, the better tested reader, is kept.
  if (ours && library) return library.offset <= ours.offset ? library : ours;
  return ours ?? library;
}
