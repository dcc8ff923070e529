/**
 * Signature blocks: where one starts (RFC 3676 "-- " separator, a closing formula such as
 * "Best regards," or "此致", or a trailing block of contact lines) and what it says about the
 * sender (name, title, company, phone, website, country).
 */

import { countryFromPlace, findPlaces } from './country-names.ts';
import { ccTldCountry, emailDomain, normalizeWebsite } from './domains.ts';
import { findPhones, type PhoneHit } from './phone.ts';
import {
  isCompanyLine,
  isTitleLine,
  labelledValue,
  looksLikePersonName,
  splitSignatureLine,
  stripHonorific,
  VALEDICTION_RE,
} from './signature-lines.ts';
import { normalizeText, stripQuoted } from './text.ts';
import type { BuyerFields, SignatureResult } from './types.ts';

/** What a signature block says, with the country evidence kept apart by how far it is trusted. */
export interface SignatureAnalysis {
  lines: string[];
  name: string | null;
  title: string | null;
  company: string | null;
  email: string | null;
  website: string | null;
  /** "Country: Germany". */
  labelledCountry: string | null;
  /** A country or trade city in an address line ("20095 Hamburg, Germany"). */
  addressCountry: string | null;
  phones: PhoneHit[];
}

/** A closing formula is looked for among the last lines only: earlier "Thanks" is body text. */
const VALEDICTION_WINDOW = 20;
const MAX_SIGNATURE_LINES = 12;
const MAX_SIGNATURE_LINE_CHARS = 100;
const EMAIL_RE = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/;
const URL_RE =
  /(?:https?:\/\/|www\.)[^\s,;<>()]+|(?<![@\w.-])[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}(?:\/[^\s,;<>()]*)?/i;
const RFC3676_SEPARATOR_RE = /^--\s?$/;
/** Legal footers and client taglines that follow signatures; they are not request text. */
const DISCLAIMER_RE =
  /confidential|disclaimer|intended\s+(?:only\s+)?for|privileged|virus|consider\s+the\s+environment|sent\s+from\s+my|unsubscribe|保密|免责/i;

/** The remainder of a closing line: "Best regards, John" -> "John"; not a closing line -> null. */
function valedictionRest(line: string): string | null {
  const m = VALEDICTION_RE.exec(line);
  if (!m) return null;
  const rest = line.slice(m[0].length).trim();
  if (rest === '' || looksLikePersonName(rest)) return rest;
  return null;
}

/**
 * A sentence of running text ("P.S. we also need samples of model A."), which a signature block
 * does not contain: at least five words and no digits, ending like a sentence; or a long
 * Chinese sentence.
 */
function looksLikeSentence(line: string): boolean {
  if (/[。？！]$/.test(line) && line.length >= 15) return true;
  return /[.?!]$/.test(line) && !/[\d@]/.test(line) && line.split(/\s+/).length >= 5;
}

function contactLike(line: string): boolean {
  return (
    EMAIL_RE.test(line) ||
    /(?:\+|00)\d[\d\s().-]{6,}/.test(line) ||
    /www\./i.test(line) ||
    isCompanyLine(line)
  );
}

/**
 * Index of the first signature line (a closing line counts as part of the block), or -1.
 * `trailingBlock` also accepts a last paragraph of short contact lines with no closing line;
 * callers that cut the signature off the inquiry text leave it off, as such a paragraph may
 * well be the request itself ("Qty: 5000 pcs / FOB Ningbo / ...").
 */
export function findSignatureStart(lines: string[], trailingBlock = true): number {
  for (let i = lines.length - 1; i >= 0; i--) {
    if (RFC3676_SEPARATOR_RE.test(lines[i]!)) return i + 1;
  }
  let seen = 0;
  for (let i = lines.length - 1; i >= 0 && seen < VALEDICTION_WINDOW; i--) {
    const t = lines[i]!.trim();
    if (t === '') continue;
    if (DISCLAIMER_RE.test(t)) continue;
    // Request text after a "Thanks" line means the "Thanks" was not a closing formula.
    if (looksLikeSentence(t)) break;
    seen++;
    if (t.length <= 60 && valedictionRest(t) !== null) {
      if (lines.slice(0, i).some((l) => l.trim() !== '')) return i;
      break;
    }
  }
  if (!trailingBlock) return -1;
  let start = lines.length;
  while (start > 0 && lines[start - 1]!.trim() !== '') start--;
  const block = lines.slice(start).filter((l) => l.trim() !== '');
  const isBlock = block.length >= 2 && block.length <= 10 && block.every((l) => l.trim().length <= 80);
  // Contact details, or a short block opening with a person's name ("José Luis Ramírez /
  // Iluminación Altamira").
  if (!isBlock) return -1;
  const signed =
    block.some(contactLike) || (block.length <= 4 && looksLikePersonName(stripHonorific(block[0]!)));
  return signed ? start : -1;
}

function firstPlaceCountry(lines: string[]): string | null {
  let city: string | null = null;
  for (let i = lines.length - 1; i >= 0; i--) {
    const places = findPlaces(lines[i]!);
    const country = places.filter((p) => p.kind === 'country').pop();
    if (country) return country.country;
    city ??= places.pop()?.country ?? null;
  }
  return city;
}

/** Reads the fields out of signature lines (closing line first, when present). */
export function analyseSignatureLines(rawLines: string[]): SignatureAnalysis {
  const lines = rawLines.map((l) => l.trim().replace(/^[-–—*>]+\s*/, '')).filter((l) => l !== '');
  const out: SignatureAnalysis = {
    lines,
    name: null,
    title: null,
    company: null,
    email: null,
    website: null,
    labelledCountry: null,
    addressCountry: null,
    phones: [],
  };
  const addressLines: string[] = [];
  let nameWindow = 3;
  let nameLine = -1;
  for (const [index, line] of lines.entries()) {
    const rest = index === 0 ? valedictionRest(line) : null;
    const parts = rest !== null ? (rest === '' ? [] : [rest]) : splitSignatureLine(line);
    for (const part of parts) {
      const hadName = out.name !== null;
      // Only the line right under the name (or under name + title) may be a bare company name.
      classify(part, out, addressLines, nameWindow > 0, nameLine >= 0 && index - nameLine <= 2);
      if (!hadName && out.name !== null) nameLine = index;
    }
    nameWindow--;
  }
  out.phones = findPhones(lines.join('\n'));
  out.addressCountry = firstPlaceCountry(addressLines);
  return out;
}

/** Capitalised words, no digits, not a place: "Iluminación Altamira", "Casa Luz Materiais Elétricos". */
function looksLikeOrgName(line: string): boolean {
  const words = line.split(/\s+/);
  if (words.length > 6 || /[\d@:]/.test(line) || !/^\p{Lu}/u.test(line)) return false;
  if (findPlaces(line).some((p) => p.text.length >= line.length - 1)) return false;
  return words.every(
    (w) =>
      /^[\p{Lu}&][\p{L}&'’.-]*$/u.test(w) || /^(?:de|da|do|dos|das|del|la|le|of|and|y|e|et|und|&)$/i.test(w),
  );
}

function classify(
  part: string,
  out: SignatureAnalysis,
  addressLines: string[],
  mayBeName: boolean,
  afterName: boolean,
): void {
  const labelled = labelledValue(part);
  if (labelled) {
    const [field, value] = labelled;
    if (field === 'country') out.labelledCountry ??= countryFromPlace(value);
    else if (field === 'address') addressLines.push(value);
    else if (field === 'website') out.website ??= normalizeWebsite(value);
    else if (field === 'email') out.email ??= EMAIL_RE.exec(value)?.[0].toLowerCase() ?? null;
    else if (field === 'name' || field === 'title' || field === 'company') out[field] ??= value;
    return;
  }
  const email = EMAIL_RE.exec(part);
  if (email) out.email ??= email[0].toLowerCase();
  const urlMatch = URL_RE.exec(part.replace(EMAIL_RE, ' '));
  const website = urlMatch ? normalizeWebsite(urlMatch[0]) : null;
  if (website) out.website ??= website;
  if (email || website) return;
  if (/\d[\d\s().-]{6,}\d/.test(part)) {
    addressLines.push(part);
    return;
  }
  if (isCompanyLine(part) && !isTitleLine(part)) out.company ??= part;
  else if (isTitleLine(part)) {
    if (out.title === null) out.title = part;
    else if (isCompanyLine(part)) out.company ??= part;
  } else if (mayBeName && out.name === null && looksLikePersonName(stripHonorific(part))) {
    out.name = stripHonorific(part);
  } else if (out.name !== null && out.company === null && afterName && looksLikeOrgName(part)) {
    // "José Luis Ramírez / Iluminación Altamira": the line under the name, when it is
    // neither a title nor a place, is the company even without a legal form.
    out.company = part;
  } else addressLines.push(part);
}

/** Country from a signature alone, in the order of trust used for buyers. */
function signatureCountry(a: SignatureAnalysis): string | null {
  const phoneCountry = a.phones.find((p) => p.country !== null)?.country ?? null;
  const hostCountry =
    (a.email ? ccTldCountry(emailDomain(a.email) ?? '') : null) ??
    (a.website ? ccTldCountry(a.website) : null);
  return a.labelledCountry ?? phoneCountry ?? hostCountry ?? a.addressCountry;
}

function signatureFields(a: SignatureAnalysis): Partial<BuyerFields> {
  const fields: Partial<BuyerFields> = {};
  if (a.name) fields.name = a.name;
  if (a.title) fields.title = a.title;
  if (a.company) fields.company = a.company;
  if (a.email) fields.email = a.email;
  if (a.website) fields.website = a.website;
  const phone = a.phones.find((p) => !p.fax) ?? null;
  if (phone) fields.phone = phone.e164;
  const country = signatureCountry(a);
  if (country) fields.country = country;
  return fields;
}

/** Splits the signature off a mail body and reads it. */
export function analyseBody(text: string): SignatureAnalysis | null {
  const lines = stripQuoted(normalizeText(text)).split('\n');
  const start = findSignatureStart(lines);
  if (start < 0) return null;
  const block: string[] = [];
  for (const line of lines.slice(start)) {
    const t = line.trim();
    if (t.length > MAX_SIGNATURE_LINE_CHARS) break;
    if (t !== '') block.push(t);
    if (block.length >= MAX_SIGNATURE_LINES) break;
  }
  return block.length > 0 ? analyseSignatureLines(block) : null;
}

export function parseSignature(text: string): SignatureResult {
  const a = analyseBody(text);
  if (!a) return { signature: null, fields: {} };
  const signatureLines =
    a.lines[0] !== undefined && valedictionRest(a.lines[0]) === '' ? a.lines.slice(1) : a.lines;
  return {
    signature: signatureLines.length > 0 ? signatureLines.join('\n') : null,
    fields: signatureFields(a),
  };
}
