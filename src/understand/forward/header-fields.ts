/**
 * Reads the header block of a forwarded message ("发件人: ... / 发送时间: ... / 收件人: ... /
 * 主题: ...", or the English labels QQ Mail uses) into fields. Labels may use ASCII or full-width
 * colons, a tab or spaces before the value, and full-width spaces inside ("主　题").
 */

export type HeaderField = 'from' | 'to' | 'cc' | 'subject' | 'date' | 'other';

const LABELS: Record<Exclude<HeaderField, 'other'>, readonly string[]> = {
  from: ['from', '发件人', '發件人', '寄件者', '寄件人', '发信人', '發信人', '差出人'],
  to: ['to', '收件人', '收件者', '收信人', '宛先'],
  cc: ['cc', '抄送', '抄送人', '副本', '抄送给'],
  subject: ['subject', '主题', '主題', '主旨', '标题', '標題', '件名'],
  date: [
    'date',
    'sent',
    '发送时间',
    '發送時間',
    '发送日期',
    '發送日期',
    '寄件日期',
    '日期',
    '时间',
    '時間',
    '送信日時',
  ],
};
const OTHER_LABELS = [
  'reply-to',
  'bcc',
  '密送',
  '回复至',
  '回覆至',
  '附件',
  'attachments',
  'importance',
  '重要性',
];

const norm = (label: string): string => label.replace(/[\s\u3000*]/g, '').toLowerCase();
const FIELD_OF = new Map<string, HeaderField>();
for (const [field, labels] of Object.entries(LABELS))
  for (const l of labels) FIELD_OF.set(norm(l), field as HeaderField);
for (const l of OTHER_LABELS) FIELD_OF.set(norm(l), 'other');

const LABEL_LINE = /^\s{0,4}\*{0,2}([^\s:：*][^:：]{0,15}?)\*{0,2}\s{0,3}[:：][\s\u3000]*(.*)$/u;
const MAX_LINE = 2000;
/** The longest header block we read; real ones have 4-7 lines. */
const MAX_BLOCK_LINES = 20;

export interface HeaderBlock {
  fields: Partial<Record<Exclude<HeaderField, 'other'>, string>>;
  /** Index of the first line after the block. */
  end: number;
}

export function fieldOfLine(line: string): { field: HeaderField; value: string } | null {
  if (line.length > MAX_LINE) return null;
  const m = LABEL_LINE.exec(line);
  if (!m) return null;
  const field = FIELD_OF.get(norm(m[1]!));
  return field ? { field, value: m[2]!.trim() } : null;
}

/**
 * Reads consecutive label lines from `start`. A line without a label continues a To/Cc value
 * when it holds an address or the value ended with a list separator (wrapped recipient lists).
 */
export function readHeaderBlock(lines: readonly string[], start: number): HeaderBlock {
  const fields: HeaderBlock['fields'] = {};
  let last: HeaderField | null = null;
  let i = start;
  for (; i < lines.length && i < start + MAX_BLOCK_LINES; i++) {
    const line = lines[i]!;
    if (line.trim() === '') break;
    const f = fieldOfLine(line);
    if (f) {
      if (f.field !== 'other' && fields[f.field] === undefined) fields[f.field] = f.value;
      last = f.field;
      continue;
    }
    const prev = last === 'to' || last === 'cc' ? fields[last] : undefined;
    if (prev !== undefined && (line.includes('@') || /[,;，；]\s*$/.test(prev))) {
      fields[last as 'to' | 'cc'] = `${prev} ${line.trim()}`;
      continue;
    }
    break;
  }
  return { fields, end: i };
}
