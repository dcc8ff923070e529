/**
 * The read-only role sees no contact details (the users' rule that junior staff see only public
 * information; GDPR/CCPA data minimisation). This is the one place that removes them: every
 * answer to a read-only token passes through `redactContactDetails` after the route built it.
 *
 * 1. Fields that are contact details or raw mail are withheld (null) wherever they appear.
 * 2. `name` is withheld too, except on things that are not buyers (companies, our own staff,
 *    sequences, templates, mailboxes): decided by the key of the object or list holding it.
 * 3. In every remaining string, email addresses, phone numbers and the names withheld in step 2
 *    are replaced, so a subject such as "Inquiry from John Smith <john@acme.de>" leaks nothing.
 *    The public names of step 2 lose only addresses and numbers: a company named after its
 *    owner keeps its name.
 */

/** Keys whose values are contact details or mail content. */
const WITHHELD = new Set([
  'email',
  'emails',
  'phone',
  'lastName',
  'salutation',
  'contact',
  'address',
  'fromAddress',
  'toAddress',
  'from',
  'to',
  'cc',
  'replyTo',
  'recipient',
  'platformBuyerId',
  'alternateContact',
  'text',
  'html',
  'bodyText',
  'raw',
  'headers',
  'signature',
  'understanding',
  'original',
]);

/** Keys whose values are person names to scrub from text. */
const PERSON_NAME_KEYS = new Set(['name', 'lastName', 'contact']);

/** Containers whose `name` is not a buyer's: companies, our staff, configuration objects. */
const PUBLIC_NAME_CONTAINERS = new Set([
  'company',
  'companies',
  'owner',
  'user',
  'manager',
  'salesperson',
  'salespeople',
  'perSalesperson',
  'sequence',
  'sequences',
  'steps',
  'template',
  'templates',
  'mailbox',
  'mailboxes',
  'folders',
  'sender',
]);

/** Values that are instants (ISO 8601), not text. */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/;
const EMAIL = /[^\s<>"'(),;:@[\]]+@[^\s<>"'(),;:@[\]]+\.[a-z]{2,}/gi;
/**
 * Candidate phone numbers: a digit run with separators, optionally with + or 00 in front, not
 * glued to a word or a code before it (so "Q-2025-031" or "SO-2025-118" stay as they are).
 */
const PHONE_CANDIDATE = /(?<![\p{L}\d\-/.])(?:\+|00)?\(?\d[\d ()./-]{5,}\d/gu;
const DATE_LIKE = /^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}$|^\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}$/;

export const EMAIL_MARK = '[email]';
export const PHONE_MARK = '[phone]';
export const NAME_MARK = '[name]';

function looksLikePhone(candidate: string): boolean {
  const digits = candidate.replace(/\D/g, '').length;
  if (digits < 7 || digits > 15) return false;
  if (DATE_LIKE.test(candidate.trim())) return false;
  // A bare number without a prefix or separators is a quantity, an id or a UID, not a phone.
  return /^\s*(\+|00)/.test(candidate) || /[ ()./-]/.test(candidate.trim());
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date);
}

/** Person names in the answer: full names and their parts of three letters or more. */
function collectNames(value: unknown, container: string | null, out: Set<string>): void {
  if (Array.isArray(value)) {
    for (const v of value) collectNames(v, container, out);
    return;
  }
  if (!isPlainObject(value)) return;
  for (const [key, v] of Object.entries(value)) {
    const isPersonName =
      PERSON_NAME_KEYS.has(key) && !(key === 'name' && container && PUBLIC_NAME_CONTAINERS.has(container));
    if (isPersonName && typeof v === 'string' && v.trim().length >= 2) {
      out.add(v.trim());
      for (const part of v.split(/[\s,.]+/)) if (part.length >= 3) out.add(part);
    } else {
      collectNames(v, key, out);
    }
  }
}

/** Replaces addresses, phone numbers and the given names in free text. */
export function scrubText(text: string, names: RegExp | null): string {
  if (ISO_INSTANT.test(text)) return text;
  let out = text.replace(EMAIL, EMAIL_MARK);
  out = out.replace(PHONE_CANDIDATE, (m) => (looksLikePhone(m) ? PHONE_MARK : m));
  if (names !== null) out = out.replace(names, NAME_MARK);
  return out;
}

function namesPattern(names: Set<string>): RegExp | null {
  if (names.size === 0) return null;
  // Longest first, so "John Smith" is replaced whole before "John".
  const alternatives = [...names].sort((a, b) => b.length - a.length).map(escapeRegExp);
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`, 'giu');
}

function redactValue(value: unknown, container: string | null, names: RegExp | null): unknown {
  if (typeof value === 'string') return scrubText(value, names);
  if (value instanceof Date || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => redactValue(v, container, names));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    const publicName = key === 'name' && container !== null && PUBLIC_NAME_CONTAINERS.has(container);
    if (WITHHELD.has(key) || (key === 'name' && !publicName)) out[key] = null;
    // A company's or a colleague's name is public: a buyer's surname inside it ("Zhang Solar"
    // for Wei Zhang) stays, or the answer would hide the company's own name.
    else if (publicName && typeof v === 'string') out[key] = scrubText(v, null);
    else out[key] = redactValue(v, key, names);
  }
  return out;
}

/**
 * The answer as the read-only role may see it. `extraNames` are names of people the route knows
 * are mentioned in the answer's text without being fields of it.
 */
export function redactContactDetails<T>(payload: T, extraNames: readonly string[] = []): T {
  const names = new Set<string>();
  collectNames(payload, null, names);
  for (const n of extraNames) if (n.trim().length >= 2) names.add(n.trim());
  return redactValue(toPlain(payload), null, namesPattern(names)) as T;
}

/** Dates become ISO strings first, as JSON would make them, so one rule covers both. */
function toPlain(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value ?? null));
}
