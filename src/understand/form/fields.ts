/**
 * Reading "Label: value" blocks, the format shared by website contact-form mails and B2B
 * platform notices. Labels are matched whole (case-insensitive, half- or full-width colon);
 * a label alone on its line takes the following lines as its value. Multi-line keys (the
 * message) run until the next known label or an end-of-form line.
 */
import { toLf } from '../../mail/line-breaks.ts';
import { matchesOf } from '../matches.ts';
export type FieldKey =
  | 'name'
  | 'firstName'
  | 'lastName'
  | 'email'
  | 'phone'
  | 'company'
  | 'country'
  | 'city'
  | 'website'
  | 'title'
  | 'subject'
  | 'product'
  | 'quantity'
  | 'message'
  | 'buyerId'
  | 'inquiryId';

export type LabelDictionary = Partial<Record<FieldKey, readonly string[]>>;
export type Fields = Partial<Record<FieldKey, string>>;

const MULTI_LINE: ReadonlySet<FieldKey> = new Set(['message']);

/** Lines that close a form body: signature dashes, "sent from a contact form", Elementor footer. */
const END_OF_FORM =
  /^(?:--\s*$|---+|_{3,}|this e-?mail was sent (?:from|to)|sent from (?:the )?(?:contact|website)|powered by|page url|date:|time:|user agent|remote ip|此邮件(?:来自|由)|(?:reply|quote) (?:to this|now)|view (?:this |the )?(?:inquiry|message)|view and reply|click here|to reply|to protect your|please (?:log ?in|reply|respond)|respond now|回复(?:此|该)询盘|请(?:在|尽快)|(?:buyer|contact|inquiry|sender) (?:information|details|info)\s*:?$|买家信息|留言时间|提交时间|来源(?:页面|网址)|enviado (?:desde|a través|através)|enviada (?:desde|através))/i;

/** Placeholders platforms and forms print for withheld or empty values. */
const WITHHELD =
  /^(?:n\/?a|none|nil|-+|\*+|hidden|private|not (?:provided|disclosed|available|filled)|\(?hidden[^)]*\)?|未公开|保密|无|未填写)$/i;

interface LabelMatcher {
  key: FieldKey;
  re: RegExp;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function compile(dict: LabelDictionary): LabelMatcher[] {
  const out: LabelMatcher[] = [];
  for (const [key, labels] of Object.entries(dict) as [FieldKey, readonly string[]][]) {
    const alt = [...labels]
      .sort((a, b) => b.length - a.length)
      .map(escapeRegExp)
      .join('|');
    // Optional bullet / bold markers; "Label: value", "Label：value", "Label - value" is too loose.
    out.push({
      key,
      re: new RegExp(`^[\\s*•\\-]*(?:${alt})\\s*\\*{0,2}\\s*(?:\\([^)]{0,20}\\))?\\s*[:：]\\s*(.*)$`, 'iu'),
    });
  }
  return out;
}

function matchLabel(
  line: string,
  matchers: readonly LabelMatcher[],
): { key: FieldKey; value: string } | null {
  for (const m of matchers) {
    const hit = m.re.exec(line);
    if (hit) return { key: m.key, value: (hit[1] ?? '').replace(/\*+$/, '').trim() };
  }
  return null;
}

function clean(value: string): string {
  // Plain-text renderings of mailto links: "j@x.com [j@x.com]" or "<mailto:j@x.com>".
  return value
    .replace(/\s*\[(?:mailto:)?[^\]\s]+@[^\]\s]+\]/gi, '')
    .replace(/\s*<mailto:[^>]+>/gi, '')
    .trim();
}

/** Reads labelled fields from plain text. The first occurrence of a key wins. */
export function readFields(text: string, dict: LabelDictionary): Fields {
  const matchers = compile(dict);
  const lines = toLf(text).split('\n');
  const fields: Fields = {};
  let i = 0;
  while (i < lines.length) {
    const hit = matchLabel(lines[i] ?? '', matchers);
    i++;
    if (!hit) continue;
    const parts = hit.value ? [hit.value] : [];
    const multi = MULTI_LINE.has(hit.key);
    // A label alone on its line: the value follows (one line, or a block for multi-line keys).
    while (i < lines.length && (multi || parts.length === 0)) {
      const line = lines[i] ?? '';
      if (matchLabel(line, matchers) || END_OF_FORM.test(line.trim())) break;
      if (line.trim() === '' && !multi && parts.length === 0) {
        i++;
        continue;
      }
      if (line.trim() === '' && !multi) break;
      parts.push(line);
      i++;
    }
    const value = clean(parts.join('\n').replace(/\n{3,}/g, '\n\n'));
    if (value && !WITHHELD.test(value) && fields[hit.key] === undefined) fields[hit.key] = value;
  }
  return fields;
}

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ndash: '–',
  mdash: '—',
  rsquo: '’',
  lsquo: '‘',
  szlig: 'ß',
};

/** HTML 4 Latin-1 letters: &eacute; &Uuml; &ccedil; &atilde; &oslash; &aring; &aelig; &eth; &thorn; */
const ACCENTS: Record<string, string> = {
  acute: '\u0301',
  grave: '\u0300',
  circ: '\u0302',
  tilde: '\u0303',
  uml: '\u0308',
  cedil: '\u0327',
  ring: '\u030a',
};

function namedEntity(name: string): string | null {
  const plain = ENTITIES[name] ?? ENTITIES[name.toLowerCase()];
  if (plain) return plain;
  const m = /^([a-zA-Z])(acute|grave|circ|tilde|uml|cedil|ring)$/.exec(name);
  if (m) return (m[1]! + ACCENTS[m[2]!]!).normalize('NFC');
  const special: Record<string, string> = {
    oslash: 'ø',
    Oslash: 'Ø',
    aelig: 'æ',
    AElig: 'Æ',
    eth: 'ð',
    thorn: 'þ',
  };
  return special[name] ?? null;
}

function htmlCellText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&(#x?[0-9a-f]+|[a-z]+);/gi, (all, ent: string) => {
      if (ent.startsWith('#x') || ent.startsWith('#X'))
        return String.fromCodePoint(Number.parseInt(ent.slice(2), 16));
      if (ent.startsWith('#')) return String.fromCodePoint(Number.parseInt(ent.slice(1), 10));
      return namedEntity(ent) ?? all;
    })
    .trim();
}

/**
 * Two-column HTML tables (label cell, value cell), as Contact Form 7 HTML mode, Wix and Shopify
 * send them, rendered as "Label: value" lines so readFields can take them. Plain-text
 * renderings of tables glue label and value together ("NameJohn"), hence this.
 */
export function htmlTableAsText(html: string): string {
  const rows = html.match(/<tr[\s>][\s\S]*?<\/tr>/gi) ?? [];
  const lines: string[] = [];
  for (const row of rows) {
    const cells = [...matchesOf(/<t[dh][^>]*>([\s\S]*?)<\/t[dh]>/gi, row)].map((c) =>
      htmlCellText(c[1] ?? ''),
    );
    if (cells.length === 2 && cells[0] && cells[0].length <= 40)
      lines.push(`${cells[0].replace(/[:：]\s*$/, '')}: ${cells[1]}`);
  }
  return lines.join('\n');
}

/**
 * Fields of a mail: from its plain text, completed by two-column tables of its HTML part
 * (read apart, so a table cell never runs on into the text rendering of the same table).
 */
export function readFormFields(mail: { text: string; html: string | null }, dict: LabelDictionary): Fields {
  const fromText = readFields(mail.text, dict);
  const table = mail.html ? htmlTableAsText(mail.html) : '';
  if (!table) return fromText;
  const fromTable = readFields(table, dict);
  // A table cell is exact; the plain rendering of an HTML-only mail glues label and value.
  return { ...fromText, ...fromTable };
}
