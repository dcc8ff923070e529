/**
 * Signature split: finds where the sender's sign-off starts at the bottom of a reply.
 *
 * A signature starts at one of these lines and runs to the end:
 * - a delimiter: "-- " (RFC 3676 section 4.3), "--", "---", "__", "====";
 * - a device line: "Sent from my iPhone", "Von meinem iPhone gesendet", "发自我的iPhone";
 * - a closing line: "Best regards," / "Thanks!" / "此致" (the whole line, optionally ", Name");
 * - a dash-name line: "-Ann", "- Ann Lee".
 * Each start only governs the lines up to the next start; its lines must look like a signature
 * (a few short lines, no running text; after "-- " or a device line anything goes), and a start
 * is kept only when everything below it is also signature. The earliest such start within the
 * last WINDOW_LINES lines wins (a device line anywhere). The first line of a message is never
 * a signature, and a lone closing word with nothing under it ("Thanks!") is part of the text.
 */

import { toLf } from '../../mail/line-breaks.ts';
import { CLOSINGS } from './vocabulary.ts';

export interface SignatureSplit {
  body: string;
  signature: string | null;
}

type StartKind = 'sigDash' | 'delimiter' | 'device' | 'closing' | 'dashName';

/** How far from the bottom a signature may start (device lines excepted). */
const WINDOW_LINES = 30;
/** Largest number of non-blank lines each kind of start may govern. */
const MAX_OWN_LINES: Record<StartKind, number> = {
  sigDash: 40,
  delimiter: 15,
  device: Number.POSITIVE_INFINITY,
  closing: 8,
  dashName: 0,
};
/**
 * Kinds whose block may hold prose: after "-- " come disclaimers; after "Sent from my iPhone"
 * the author's text has ended (mobile clients put unmarked history there).
 */
const PROSE_ALLOWED: ReadonlySet<StartKind> = new Set(['sigDash', 'device']);

const SIG_DASH = /^--\s?$/;
const DELIMITER = /^\s*(?:-{2,4}|_{2,}|={2,4}|\+{2,4}|\*{3,})\s*$/;
const DEVICE: readonly RegExp[] = [
  /^(?:Sent|Sendt|Skickat|Envoyé|Enviado|Inviato|Verzonden|Verstuurd|Wysłane|Gesendet|Отправлено)\s(?:from|with|via|using|de|depuis|à partir de|desde|do|da|con|vanaf|fra|från|von|z|с)\s[^,;]{1,60}$/iu,
  /^(?:Get|Télécharger|Obtener|Scarica|Baixe o) Outlook (?:for|pour|para|per) .{1,60}$/i,
  /^Von meinem .{1,40} gesendet$/i,
  /^(?:发自|来自|來自|寄自|发送自)(?:我的)?\s?.{0,12}(?:iPhone|iPad|Android|手机|手機|邮箱|郵箱|Mail|Outlook|客户端|华为|小米|三星|荣耀|OPPO|vivo)[^\s，。,]{0,12}$/iu,
  /^从我的.{1,20}发送$/u,
];
const CLOSING_SET = new Set(CLOSINGS);
const CLOSING_TRAIL = /[\s,!.，！。:;~]+$/u;
/** "Thanks, John" / "Best regards, Ann Lee": a closing and a capitalised name on one line. */
const CLOSING_WITH_NAME = /^(.{2,30}?),\s?(\p{Lu}[\p{L}.'’-]*(?:\s\p{Lu}[\p{L}.'’-]*){0,2})$/u;
const DASH_NAME = /^-\s?\p{L}[\p{L}.'’]*(?:\s\p{L}[\p{L}.'’]*)?\.?$/u;

const isBlank = (line: string): boolean => line.trim() === '';

function isClosing(line: string): boolean {
  const t = line.trim();
  if (t.length > 45) return false;
  const bare = t.replace(CLOSING_TRAIL, '').toLowerCase();
  if (CLOSING_SET.has(bare)) return true;
  const m = CLOSING_WITH_NAME.exec(t);
  return m !== null && CLOSING_SET.has(m[1]!.toLowerCase());
}

function startKind(lines: readonly string[], i: number): StartKind | null {
  const line = lines[i]!;
  if (SIG_DASH.test(line)) return 'sigDash';
  if (DELIMITER.test(line)) return 'delimiter';
  const t = line.trim();
  if (t.length <= 80 && DEVICE.some((re) => re.test(t))) return 'device';
  if (isClosing(line)) return 'closing';
  if (DASH_NAME.test(line) && !(lines[i - 1] ?? '').startsWith('-')) return 'dashName';
  return null;
}

/** A sentence of running text: mostly lowercase words ending in a full stop, or long. */
function isProse(line: string): boolean {
  const t = line.trim();
  if (t.length > 100) return true;
  if (/[。！？]$/u.test(t) && t.length >= 25) return true;
  const words = t.split(/\s+/);
  if (words.length < 8 || !/[.?!]$/.test(t)) return false;
  return words.filter((w) => /^\p{Ll}/u.test(w)).length * 2 >= words.length;
}

function ownLinesFit(lines: readonly string[], kind: StartKind, from: number, to: number): boolean {
  let count = 0;
  for (let k = from + 1; k < to; k++) {
    const line = lines[k]!;
    if (isBlank(line)) continue;
    if (!PROSE_ALLOWED.has(kind) && isProse(line)) return false;
    count++;
  }
  if (count > MAX_OWN_LINES[kind]) return false;
  // A closing or delimiter with nothing at all below it is text ("Thanks!"), not a signature.
  return count > 0 || to < lines.length || kind === 'device' || kind === 'dashName';
}

export function splitSignature(text: string): SignatureSplit {
  const lines = toLf(text).trimEnd().split('\n');
  const first = lines.findIndex((l) => !isBlank(l));
  if (first < 0) return { body: text.trim(), signature: null };
  const lowest = Math.max(first + 1, lines.length - WINDOW_LINES);
  // Bottom-up: `start` is the earliest line from which everything below is signature.
  let start = lines.length;
  for (let i = lines.length - 1; i > first; i--) {
    const kind = startKind(lines, i);
    if (!kind || (i < lowest && kind !== 'device')) continue;
    if (ownLinesFit(lines, kind, i, start)) start = i;
  }
  if (start === lines.length) return { body: lines.join('\n').trimEnd(), signature: null };
  return {
    body: lines.slice(0, start).join('\n').trimEnd(),
    signature: lines.slice(start).join('\n').trimEnd(),
  };
}
