/**
 * Who the buyer is: merges platform/form fields (most trusted), form-style labelled lines in
 * the body, the signature block, the display name and the address's domain.
 *
 * Country, by trust: explicit field > what the buyer states ("Country: Germany", "we are an
 * importer in Brazil") > phone country calling code > ccTLD of the mail domain or website >
 * a country or trade city in the signature's address lines.
 */
import { matchesOf } from '../matches.ts';
import { countryFromPlace } from './country-names.ts';
import { statedCountry } from './country-statements.ts';
import { ccTldCountry, emailDomain, normalizeWebsite, providerCountry, websiteFromEmail } from './domains.ts';
import { findPhones } from './phone.ts';
import { analyseBody, analyseSignatureLines, type SignatureAnalysis } from './signature.ts';
import { isCompanyLine, labelledValue, looksLikePersonName, stripHonorific } from './signature-lines.ts';
import { normalizeText, stripQuoted } from './text.ts';
import type { BuyerFields, BuyerInput } from './types.ts';

const EMAIL_RE = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/;

/** Legal forms that end a company name written in running text ("from ACME Trading LLC"). */
const BODY_COMPANY_RE =
  /(?<![\p{L}\d&'.-])((?:[\p{Lu}\d][\p{L}\d&'-]{0,30}\.?[ \t]+){1,5}(?:Co\.,?\s*Ltd\.?|Ltd\.?|Limited|LLC|L\.L\.C\.|Inc\.?|Corp\.?|Corporation|GmbH(?:\s*&\s*Co\.\s*KG)?|S\.A\.(?:\s+de\s+C\.V\.)?|S\.L\.|S\.r\.l\.|SRL|S\.p\.A\.|B\.V\.|Pty\.?\s*Ltd\.?|PLC|LLP|FZE|FZCO|FZ-LLC|Ltda\.?|Sdn\.?\s*Bhd\.?|Pte\.?\s*Ltd\.?|Pvt\.?\s*Ltd\.?|JSC))(?![\p{L}])|(\p{Script=Han}{2,20}(?:有限公司|公司))/gu;

interface BodyLabels {
  name: string | null;
  title: string | null;
  company: string | null;
  email: string | null;
  website: string | null;
}

/** Form mails and platform notices write "Name: ...", "Company: ..." lines. */
function bodyLabels(body: string): BodyLabels {
  const out: BodyLabels = { name: null, title: null, company: null, email: null, website: null };
  for (const line of body.split('\n')) {
    const t = line.trim();
    if (t.length > 120) continue;
    const labelled = labelledValue(t);
    if (!labelled) continue;
    const [field, value] = labelled;
    if (field === 'name' || field === 'title' || field === 'company') out[field] ??= value;
    else if (field === 'email') out.email ??= EMAIL_RE.exec(value)?.[0] ?? null;
    else if (field === 'website') out.website ??= normalizeWebsite(value);
  }
  return out;
}

function bodyCompany(body: string): string | null {
  for (const m of matchesOf(BODY_COMPANY_RE, body)) {
    const before = body.slice(Math.max(0, m.index - 30), m.index);
    // "your company X" / "your factory X" names the supplier we are talking to.
    if (/\byour\b[^.\n]*$/i.test(before) || /贵(?:公司|司)/.test(before)) continue;
    return (m[1] ?? m[2] ?? '').trim();
  }
  return null;
}

function titleCase(s: string): string {
  return s.toLowerCase().replace(/(^|[\s'-])(\p{L})/gu, (_, p: string, c: string) => p + c.toUpperCase());
}

/**
 * A display name split into a person's name and a company: "John Smith (ACME Ltd)",
 * "John Smith | ACME Ltd", "ACME Trading LLC". The person is dropped when it is the address, the
 * mailbox local part or a department; "SMITH, JOHN" becomes "John Smith".
 */
function splitDisplayName(
  displayName: string | null,
  email: string | null,
): { person: string | null; company: string | null } {
  if (!displayName) return { person: null, company: null };
  const raw = displayName
    .trim()
    .replace(/^["'“]+|["'”]+$/g, '')
    .trim();
  if (raw === '' || raw.includes('@')) return { person: null, company: null };
  const parts = raw
    .split(/\s*[()|]\s*|\s+[-–—]\s+/)
    .map((p) => p.trim())
    .filter(Boolean);
  const company = parts.find((p) => isCompanyLine(p)) ?? null;
  let name = stripHonorific(parts.find((p) => !isCompanyLine(p)) ?? '');
  if (name === '') return { person: null, company };
  const local = email?.split('@')[0]?.toLowerCase().replace(/[._-]/g, '') ?? null;
  if (local && name.toLowerCase().replace(/[\s._-]/g, '') === local && !/\s/.test(name)) {
    return { person: null, company };
  }
  const comma = /^([^,]+),\s*([^,]+)$/.exec(name);
  if (comma) name = `${comma[2]} ${comma[1]}`;
  if (/[a-z]/i.test(name) && (name === name.toUpperCase() || name === name.toLowerCase()))
    name = titleCase(name);
  return { person: looksLikePersonName(name) ? name : null, company };
}

function chooseName(display: string | null, signature: string | null): string | null {
  if (display && signature) {
    const displayTokens = display.toLowerCase().split(/\s+/);
    const sigTokens = signature.toLowerCase().split(/\s+/);
    const displayInSignature = displayTokens.every((t) => sigTokens.includes(t));
    if (displayInSignature && sigTokens.length > displayTokens.length) return signature;
    return display;
  }
  return display ?? signature;
}

function explicitCountry(value: string | null | undefined): string | null {
  return value ? countryFromPlace(value) : null;
}

/** Platform and form fields arrive as typed; blank values mean "not given". */
function cleanExplicit(explicit: Partial<BuyerFields> | undefined): Partial<BuyerFields> {
  const out: Partial<BuyerFields> = {};
  for (const [key, value] of Object.entries(explicit ?? {}) as [keyof BuyerFields, string | null][]) {
    const v = value?.trim();
    if (v) out[key] = v;
  }
  return out;
}

function emptyAnalysis(): SignatureAnalysis {
  return analyseSignatureLines([]);
}

export function extractBuyer(input: BuyerInput): BuyerFields {
  const explicit = cleanExplicit(input.explicit);
  const body = stripQuoted(normalizeText(input.body));
  const sig =
    (input.signature
      ? analyseSignatureLines(normalizeText(input.signature).split('\n'))
      : analyseBody(input.body)) ?? emptyAnalysis();
  const labels = bodyLabels(body);

  const rawEmail = explicit.email ?? input.email ?? labels.email ?? sig.email;
  const email = rawEmail ? (EMAIL_RE.exec(rawEmail)?.[0].toLowerCase() ?? null) : null;
  const domain = email ? emailDomain(email) : null;

  const website =
    (explicit.website ? normalizeWebsite(explicit.website) : null) ??
    sig.website ??
    labels.website ??
    (email ? websiteFromEmail(email) : null);

  const hostCountry = (domain ? ccTldCountry(domain) : null) ?? (website ? ccTldCountry(website) : null);
  const stated = explicitCountry(explicit.country) ?? sig.labelledCountry ?? statedCountry(body);

  // National-format numbers ("040 1234567") need a country to parse; the best one known so far.
  const defaultCountry = stated ?? hostCountry ?? (domain ? providerCountry(domain) : null);
  const phoneHits = [
    ...(explicit.phone ? findPhones(`Tel: ${explicit.phone}`, defaultCountry) : []),
    ...findPhones(sig.lines.join('\n'), defaultCountry),
    ...findPhones(body, defaultCountry),
  ];
  const phone = phoneHits.find((p) => !p.fax)?.e164 ?? null;
  const phoneCountry = phoneHits.find((p) => p.country !== null)?.country ?? null;

  const display = splitDisplayName(input.displayName, email);

  return {
    email,
    name: explicit.name ?? labels.name ?? chooseName(display.person, sig.name),
    title: explicit.title ?? labels.title ?? sig.title,
    company: explicit.company ?? labels.company ?? sig.company ?? bodyCompany(body) ?? display.company,
    country: stated ?? phoneCountry ?? hostCountry ?? sig.addressCountry,
    phone,
    website,
  };
}
