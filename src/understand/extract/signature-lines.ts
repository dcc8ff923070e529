import {
  GERMAN_COMPOUND_TITLE,
  HAN_TITLES,
  LEGAL_FORMS,
  TITLE_WORDS,
  TRADE_WORDS,
} from './signature-words.ts';

/**
 * Classifiers for single signature lines: closing formula, person name, job title, company,
 * labelled "Field: value" lines. Kept apart from block detection so each rule is testable.
 */

/** Closing formulas that open a signature block, in the languages our buyers write. */
export const VALEDICTION_RE = new RegExp(
  '^(?:' +
    [
      '(?:(?:best|kind|kindest|warm|warmest|many|with best|best of|with kind)\\s+)?regards?',
      '(?:best|warm|good)\\s+wishes',
      'best',
      'br',
      'rgds',
      'sincerely(?:\\s+yours)?',
      'yours\\s+(?:sincerely|faithfully|truly)',
      'thanks?(?:\\s+you)?(?:\\s*(?:and|&|with)\\s*(?:best\\s+|kind\\s+)?regards)?(?:\\s+in\\s+advance)?',
      'thank\\s+you\\s+(?:and\\s+)?(?:best\\s+)?regards',
      'cheers',
      'respectfully',
      'mit\\s+freundlichen\\s+grüßen',
      'mit\\s+freundlichen\\s+grüssen',
      '(?:viele|beste|freundliche)\\s+grüße',
      'saludos(?:\\s+cordiales)?',
      'atentamente',
      'cordialmente',
      'atenciosamente',
      'abraços',
      'cordialement',
      'bien\\s+à\\s+vous',
      'salutations(?:\\s+distinguées)?',
      'distinti\\s+saluti',
      'cordiali\\s+saluti',
      'met\\s+vriendelijke\\s+groet(?:en)?',
      'pozdrawiam',
      'saygılarımla',
      'с\\s+уважением',
      'спасибо',
      'مع\\s+التحية',
      'تحياتي',
      '此致',
      '敬礼',
      '顺祝商祺',
      '祝好',
      '谢谢',
      '祝商祺',
    ].join('|') +
    ')[\\s,.!:，。]*',
  'iu',
);

const TITLE_RE = new RegExp(
  `(?<![\\p{L}])(?:${TITLE_WORDS.join('|')})(?![\\p{L}])|${GERMAN_COMPOUND_TITLE}|${HAN_TITLES.join('|')}`,
  'iu',
);

const COMPANY_FORM_RE = new RegExp(`(?<![\\p{L}])(?:${LEGAL_FORMS.join('|')})(?![\\p{L}])`, 'iu');
/** Short legal forms that are ordinary words in lower case ("as", "sa"), so case-sensitive. */
const COMPANY_SHORT_RE = /(?<![\p{L}])(?:AG|SA|SL|SpA|BV|NV|AB|AS|A\/S|ApS|Oy|SAE)(?![\p{L}])/u;
const COMPANY_HAN_RE = /有限公司|公司|集团|集團|商行|贸易|貿易/;
const COMPANY_ARABIC_RE = /(?:^|\s)(?:شركة|مؤسسة|مجموعة)\s/u;
/** Trade words that suggest a company name but also occur in sentences ("we import ..."). */
const COMPANY_WORD_RE = new RegExp(`(?<![\\p{L}])(?:${TRADE_WORDS.join('|')})(?![\\p{L}])`, 'iu');
/** Words of running text: a line with them is a sentence, not a name, title or company. */
const SENTENCE_WORD_RE =
  /(?<![\p{L}])(?:we|i|you|your|our|please|kindly|send|want|need|would|could|will|can|are|is|have|has)(?![\p{L}])/iu;
const MAX_NAME_LINE_WORDS = 8;

function isSentence(line: string): boolean {
  return SENTENCE_WORD_RE.test(line) || line.split(/\s+/).length > MAX_NAME_LINE_WORDS;
}

export function isTitleLine(line: string): boolean {
  return line.length <= 70 && TITLE_RE.test(line) && !/@|https?:|www\./i.test(line) && !isSentence(line);
}

export function isCompanyLine(line: string): boolean {
  if (line.length > 90 || /@|https?:|www\./i.test(line) || isSentence(line)) return false;
  return (
    COMPANY_FORM_RE.test(line) ||
    COMPANY_SHORT_RE.test(line) ||
    COMPANY_HAN_RE.test(line) ||
    COMPANY_ARABIC_RE.test(` ${line} `) ||
    COMPANY_WORD_RE.test(line)
  );
}

/** Words that are a department or a role, not a person ("Sales Team", "Purchasing Dept"). */
const NOT_A_NAME_RE =
  /(?<![\p{L}])(?:team|dept|department|office|sales|purchasing|purchase|procurement|info|admin|support|service|customer|manager|director|company|trading|import|export|mobile|phone|email|address|website|regards|thanks|dear|sir|madam|hello|hi|the|and|of|for|from)(?![\p{L}])/iu;

const HONORIFIC_RE = /^(?:mr|mrs|ms|miss|mx|dr|sr|sra|srta|herr|frau|mme|mlle|m)\.?\s+(?=\p{Lu})/iu;

/** "Mr. John Smith" -> "John Smith": salutations are not part of the name we greet with. */
export function stripHonorific(name: string): string {
  return name.trim().replace(HONORIFIC_RE, '');
}

/**
 * A person's name: 1-4 capitalised words (Latin or Cyrillic), 2-4 Chinese characters, or 2-4
 * Arabic words (Arabic has no capitals).
 */
export function looksLikePersonName(raw: string): boolean {
  const line = raw.trim();
  if (line.length < 2 || line.length > 40) return false;
  if (/^[\u4e00-\u9fff]{2,4}$/.test(line)) return !TITLE_RE.test(line) && !isCompanyLine(line);
  if (/^\p{Script=Arabic}+(?:\s\p{Script=Arabic}+){1,3}$/u.test(line)) {
    return !TITLE_RE.test(line) && !isCompanyLine(line) && !VALEDICTION_RE.test(line);
  }
  if (/[\d@/:|]/.test(line) || NOT_A_NAME_RE.test(line) || isCompanyLine(line) || TITLE_RE.test(line))
    return false;
  const words = line.split(/\s+/);
  if (words.length > 4) return false;
  return words.every(
    (w) => /^\p{Lu}[\p{L}'’.-]*$/u.test(w) || /^(?:de|da|van|von|der|del|al|el|bin|la|le|du)$/i.test(w),
  );
}

export type LabelField = 'name' | 'title' | 'company' | 'country' | 'address' | 'website' | 'email' | 'phone';

const LABELS: [LabelField, RegExp][] = [
  [
    'name',
    /^(?:name|full name|contact(?: person| name)?|your name|姓名|联系人|nombre|nome|имя)\s*[:：]\s*/iu,
  ],
  ['title', /^(?:title|position|job title|designation|职位|职务|cargo|puesto|должность)\s*[:：]\s*/iu],
  [
    'company',
    /^(?:company|company name|firm|organi[sz]ation|business name|公司|公司名称|empresa|firma|société|компания|şirket)\s*[:：]\s*/iu,
  ],
  [
    'country',
    /^(?:country|country\/region|nation|国家|国家\/地区|país|pais|land|pays|страна|ülke)\s*[:：]\s*/iu,
  ],
  [
    'address',
    /^(?:address|add|addr|地址|adresse|dirección|direccion|endereço|indirizzo|адрес|adres)\s*[.:：]\s*/iu,
  ],
  ['website', /^(?:web|website|web site|site|homepage|url|网址|网站|sitio web)\s*[:：]\s*/iu],
  ['email', /^(?:e-?mail|mail|邮箱|电子邮件|correo|почта)\s*[:：]\s*/iu],
];

/** "Country: Germany" -> ['country', 'Germany']; unlabelled lines -> null. */
export function labelledValue(line: string): [LabelField, string] | null {
  for (const [field, re] of LABELS) {
    const m = re.exec(line);
    if (m) {
      const value = line.slice(m[0].length).trim();
      return value.length > 0 ? [field, value] : null;
    }
  }
  return null;
}

/**
 * Splits "John Smith | Purchasing Manager | ACME Ltd", "John Smith, Purchasing Manager",
 * "CEO, ACME Ltd" and "Sales Director at ACME Ltd".
 */
export function splitSignatureLine(line: string): string[] {
  const byBar = line
    .split(/\s*[|•·]\s*/)
    .map((s) => s.trim())
    .filter(Boolean);
  if (byBar.length > 1) return byBar;
  const m = /^(.{2,40}?)\s*(?:,|\s[-–—]\s)\s*(.{2,60})$/.exec(line);
  if (m && looksLikePersonName(m[1]!) && (isTitleLine(m[2]!) || isCompanyLine(m[2]!))) return [m[1]!, m[2]!];
  // "CEO, Emeka Obi Ventures Nig. Ltd"
  if (m && isTitleLine(m[1]!) && isCompanyLine(m[2]!) && !isTitleLine(m[2]!)) return [m[1]!, m[2]!];
  const at = /^(.{2,50}?)\s+(?:at|@)\s+(.{2,60})$/.exec(line);
  if (at && isTitleLine(at[1]!) && isCompanyLine(at[2]!)) return [at[1]!, at[2]!];
  return [line];
}
