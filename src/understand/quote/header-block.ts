/**
 * Outlook-style quoted history: an optional separator line ("-----Original Message-----",
 * "________________________________", Foxmail's "------------------ 原始邮件 ------------------")
 * and/or a block of "Label: value" lines (From / Sent / To / Subject in the client's language,
 * e.g. 发件人 / 发送时间 / 收件人 / 主题). Everything from there to the end is the quoted message:
 * these clients top-post and never mark the quoted lines with "> ".
 */
import { FROM_LABELS, ORIGINAL_MESSAGE_WORDS, OTHER_HEADER_LABELS } from './vocabulary.ts';

const MAX_LABEL_LINE = 1000;
/** Lines after the first one in which the block's other labels must appear. */
const BLOCK_LOOKAHEAD = 5;

const norm = (label: string): string => label.replace(/[\s\u3000*]/g, '').toLowerCase();
const FROM = new Set(FROM_LABELS.map(norm));
const OTHER = new Set(OTHER_HEADER_LABELS.map(norm));
const DATE_LABELS = new Set(
  ['date', 'sent', 'datum', 'fecha', 'data', '日期', '发送时间', '發送時間', '发送日期'].map(norm),
);
const TO_LIKE = new Set(
  ['to', 'an', 'à', 'para', 'a', 'aan', 'til', 'till', 'do', 'кому', '收件人', '收件者', 'from'].map(norm),
);

const LABEL_LINE =
  /^\s{0,8}\*{0,2}([\p{L}\u3000][\p{L}\p{M}\u3000 .'’-]{0,24}?)\*{0,2}\s{0,3}[:：]\s*\*{0,2}(.*)$/u;
const EMAIL = /[\w.+'-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}/;
const escapeRegex = (w: string): string => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const ORIGINAL_SEPARATOR = new RegExp(
  `^\\s*[-_=*]{2,}\\s*(?:${ORIGINAL_MESSAGE_WORDS.map(escapeRegex).join('|')})\\s*[-_=*]*\\s*$`,
  'iu',
);
const RULE_LINE = /^\s*(?:[-_]{10,}|={4,})\s*$/;

interface LabelLine {
  label: string;
  value: string;
}

function labelOf(line: string): LabelLine | null {
  if (line.length > MAX_LABEL_LINE) return null;
  const m = LABEL_LINE.exec(line);
  return m ? { label: norm(m[1]!), value: m[2]! } : null;
}

/** Counts known header labels among the lines that follow `i` inside the same block. */
function followingLabels(lines: readonly string[], i: number): string[] {
  const found: string[] = [];
  for (let k = i + 1; k < lines.length && k <= i + BLOCK_LOOKAHEAD; k++) {
    const line = lines[k]!;
    if (line.trim() === '') {
      if (found.length > 0) break;
      continue;
    }
    const l = labelOf(line);
    if (l && (OTHER.has(l.label) || FROM.has(l.label))) found.push(l.label);
  }
  return found;
}

/** True when a header block of quoted history starts at line `i`. */
export function isHeaderBlockAt(lines: readonly string[], i: number): boolean {
  const l = labelOf(lines[i]!);
  if (!l) return false;
  if (FROM.has(l.label)) {
    if (EMAIL.test(l.value)) return true;
    return followingLabels(lines, i).some((x) => OTHER.has(x));
  }
  if (DATE_LABELS.has(l.label)) return followingLabels(lines, i).some((x) => TO_LIKE.has(x));
  return false;
}

/** "-----Original Message-----" and its translations, on a line of its own. */
export function isOriginalMessageSeparator(line: string): boolean {
  return line.length < 200 && ORIGINAL_SEPARATOR.test(line);
}

/**
 * First line of the header block that contains line `i` when `i` is a rule ("____", "------",
 * "=====") or an unknown label line ("Message du : ...") directly above a recognised block.
 */
export function isLeadInOfHeaderBlock(lines: readonly string[], i: number): boolean {
  let k = i;
  if (RULE_LINE.test(lines[k]!)) {
    k++;
    while (k < lines.length && k <= i + 3 && lines[k]!.trim() === '') k++;
  }
  for (let hops = 0; k < lines.length && hops < 3 && labelOf(lines[k]!); hops++, k++) {
    if (isHeaderBlockAt(lines, k)) return true;
  }
  return false;
}
