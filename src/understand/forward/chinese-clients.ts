/**
 * Inline forwards written by the clients Chinese export sales teams use, which the generic
 * parser does not know:
 * - Foxmail / QQ Mail: "------------------ 原始邮件 ------------------" (or "------------------
 *   Original ------------------") then 发件人: "Ann"<ann@x.com>; / 发送时间 / 收件人 / 抄送 / 主题;
 * - NetEase 163/126: "-------- 转发邮件信息 --------" then 发件人：/ 发送日期：/ 收件人：/ 主题：;
 * - Outlook in Chinese: "________________________________" then 发件人: / 发送时间: / 收件人: /
 *   抄送: / 主题:, or the same block without the rule (new Outlook, Alimail);
 * - Gmail zh-CN "---------- 转发的邮件 ---------" (or the English separator above localised
 *   labels: "---------- Forwarded message ---------" / 发件人：), Thunderbird zh "-------- 转发的消息 --------",
 *   Apple Mail zh "开始转发的邮件：" / "以下为转发的邮件：".
 * Foxmail's 原始邮件 separator and Outlook's rule are also used for replies; the caller decides
 * with the subject (a reply subject vetoes every forward).
 */

import { toLf } from '../../mail/line-breaks.ts';
import { parseMailbox, parseMailboxList } from './addresses.ts';
import { fieldOfLine, readHeaderBlock } from './header-fields.ts';
import type { SubjectKind } from './subject.ts';
import { stripForwardPrefix } from './subject.ts';
import type { InlineForward } from './types.ts';

/** Separators that always mean "a forwarded message follows". */
const FORWARD_SEPARATOR =
  /^\s*(?:-{2,}\s*(?:Forwarded message|转发邮件信息|转发的邮件|转发邮件|转发的消息|已转发邮件|轉寄的郵件|轉寄郵件|轉發的郵件)\s*-{2,}|(?:开始|以下为|以下是)?转发的邮件\s*[:：]?|開始轉寄的郵件\s*[:：]?|Begin forwarded message\s*:)\s*$/iu;
/** Separators that clients write above forwarded AND replied-to messages. */
const ORIGINAL_SEPARATOR = /^\s*-{2,}\s*(?:原始邮件|原始郵件|原邮件|Original|Original Message)\s*-{2,}\s*$/iu;
const RULE = /^\s*(?:_{10,}|-{10,})\s*$/;
const CHINESE_FROM = /^\s{0,4}\*{0,2}(?:发件人|發件人|寄件者|寄件人|发信人|發信人)[\s\u3000]*\*{0,2}[:：]/u;
const QUOTE_MARKS = /^(?:[ \t]?>)+[ \t]?/;
/** Max blank lines between a separator and its header block. */
const MAX_GAP = 2;

type Strength = 'explicit' | 'ambiguous' | 'bare';

function nextNonBlank(lines: readonly string[], from: number): number {
  let k = from;
  while (k < lines.length && k <= from + MAX_GAP && lines[k]!.trim() === '') k++;
  return k;
}

function build(lines: readonly string[], sepLine: number, blockStart: number, subject: string | undefined) {
  const block = readHeaderBlock(lines, blockStart);
  const f = block.fields;
  if (f.from === undefined || (f.subject === undefined && f.date === undefined && f.to === undefined))
    return null;
  const note = lines.slice(0, sepLine).join('\n').trim();
  // Clients pad forwarded bodies with non-breaking spaces; a reader sees blank lines.
  const body = lines
    .slice(block.end)
    .map((l) => l.replace(/\u00a0/g, ' ').trimEnd())
    .join('\n')
    .trim();
  const headerSubject = f.subject?.trim();
  return {
    note: note === '' ? null : note,
    original: {
      from: parseMailbox(f.from),
      to: f.to === undefined ? [] : parseMailboxList(f.to),
      cc: f.cc === undefined ? [] : parseMailboxList(f.cc),
      subject: headerSubject ? headerSubject : subject ? stripForwardPrefix(subject) || null : null,
      date: f.date?.trim() || null,
      body,
    },
  };
}

function strengthAt(lines: readonly string[], i: number): { strength: Strength; blockStart: number } | null {
  const line = lines[i]!;
  if (FORWARD_SEPARATOR.test(line)) return { strength: 'explicit', blockStart: nextNonBlank(lines, i + 1) };
  if (ORIGINAL_SEPARATOR.test(line)) return { strength: 'ambiguous', blockStart: nextNonBlank(lines, i + 1) };
  if (RULE.test(line)) {
    const k = nextNonBlank(lines, i + 1);
    if (k < lines.length && CHINESE_FROM.test(lines[k]!)) return { strength: 'ambiguous', blockStart: k };
    return null;
  }
  if (CHINESE_FROM.test(line) && fieldOfLine(line)?.field === 'from')
    return { strength: 'bare', blockStart: i };
  return null;
}

/**
 * Finds the first (outermost) forward of these clients in `text`. `kind` is what the forwarding
 * mail's subject says; an unlabelled header block counts only under a forward subject.
 */
export function findChineseClientForward(
  text: string,
  subject: string | undefined,
  kind: SubjectKind | null,
) {
  const raw = toLf(text.replace(/^\uFEFF/, '')).split('\n');
  const lines = raw.map((l) => l.replace(QUOTE_MARKS, ''));
  let offset = 0;
  for (let i = 0; i < lines.length; offset += raw[i]!.length + 1, i++) {
    const hit = strengthAt(lines, i);
    if (!hit || hit.blockStart >= lines.length) continue;
    if (hit.strength === 'bare' && kind !== 'forward') continue;
    // A quoted forward ("> 发件人: ...") is read without its quote marks; others verbatim.
    const source = QUOTE_MARKS.test(raw[i]!) ? lines : raw;
    const found = build(source, i, hit.blockStart, subject);
    if (found) return { ...found, offset } satisfies InlineForward;
  }
  return null;
}
