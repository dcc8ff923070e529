/**
 * Phone numbers in free text, to E.164 with the country they belong to (libphonenumber-js).
 * Accepted forms: "+49 40 1234567", "0049 40 1234567" (the international prefix most of Europe
 * and China dial), "8613812345678" on a labelled line (country calling code without the plus,
 * as WhatsApp numbers are often written) and national numbers when the caller knows the country.
 */
import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js';
import { matchesOf } from '../matches.ts';

export interface PhoneHit {
  e164: string;
  country: string | null;
  /** The line labels it a fax number (still a fine country signal, not a number to call). */
  fax: boolean;
  labelled: boolean;
}

const CANDIDATE_RE = /(?:\+|00)?\d[\d\s().\-/]{5,22}\d/g;
const PHONE_LABEL_RE =
  /(?<![\p{L}])(?:tel|tele|telephone|phone|ph|mob|mobile|cell|cellphone|whatsapp|wa|viber|wechat|t|m|p|hp|gsm|handy|telefon|telefono|teléfono|telefone|celular|móvil|movil|tél|portable|cep|тел|телефон|моб|call|هاتف|جوال)(?![\p{L}])|电话|手机|联系电话|联系方式|致电|座机|微信/giu;
const FAX_LABEL_RE = /(?<![\p{L}])(?:fax|telefax|факс)(?![\p{L}])|传真/giu;
const MIN_DIGITS = 7;
const LABEL_LOOKBACK = 40;
const MAX_DIGITS = 15;

function toHit(
  candidate: string,
  labelled: boolean,
  fax: boolean,
  defaultCountry: string | null,
): PhoneHit | null {
  const compact = candidate.replace(/\(0\)/g, '').replace(/[^\d+]/g, '');
  const digits = compact.replace(/\D/g, '');
  if (digits.length < MIN_DIGITS || digits.length > MAX_DIGITS) return null;
  let parsed = null;
  if (compact.startsWith('+')) parsed = parsePhoneNumberFromString(compact);
  else if (compact.startsWith('00')) parsed = parsePhoneNumberFromString(`+${compact.slice(2)}`);
  else if (labelled) {
    if (defaultCountry) {
      // Callers pass ISO alpha-2 codes checked by isCountryCode; libphonenumber types them as a union.
      const national = parsePhoneNumberFromString(digits, defaultCountry as CountryCode);
      if (national?.isValid()) parsed = national;
    }
    if (!parsed && !compact.startsWith('0')) parsed = parsePhoneNumberFromString(`+${digits}`);
  }
  if (!parsed?.isValid()) return null;
  return { e164: parsed.number, country: parsed.country ?? null, fax, labelled };
}

function lastIndex(re: RegExp, s: string): number {
  let at = -1;
  for (const m of matchesOf(re, s)) at = m.index;
  return at;
}

/** All phone numbers in `text`, in order; fax numbers are kept but flagged. */
export function findPhones(text: string, defaultCountry: string | null = null): PhoneHit[] {
  const hits: PhoneHit[] = [];
  const seen = new Set<string>();
  for (const line of text.split('\n')) {
    if ((line.match(/\d/g)?.length ?? 0) < MIN_DIGITS) continue;
    for (const m of matchesOf(CANDIDATE_RE, line)) {
      // Labels sit right before the number; a bounded look-back keeps long lines linear.
      const before = line.slice(Math.max(0, m.index - LABEL_LOOKBACK), m.index);
      const phoneAt = lastIndex(PHONE_LABEL_RE, before);
      const faxAt = lastIndex(FAX_LABEL_RE, before);
      // A line holding nothing but the number is a signature's phone line.
      const alone = line.trim() === m[0].trim();
      const labelled = phoneAt >= 0 || faxAt >= 0 || alone;
      // "Tel/Fax: ..." is a phone; "Tel: ... Fax: ..." has a phone then a fax.
      const fax = faxAt >= 0 && faxAt > phoneAt + 5;
      const hit = toHit(m[0], labelled, fax, defaultCountry);
      if (hit && !seen.has(hit.e164)) {
        seen.add(hit.e164);
        hits.push(hit);
      }
    }
  }
  return hits;
}
