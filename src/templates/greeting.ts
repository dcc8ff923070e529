/**
 * Salutations by language. A wrong or missing name is one of the common mistakes the users' rules
 * list, so a name that is really an address or a role ("sales", "purchasing") counts as no name,
 * and the neutral greeting of the language is used instead.
 */

export type Salutation = 'mr' | 'ms';

/** The fields of a person the greeting reads; all may be null. */
export interface GreetingPerson {
  name?: string | null;
  lastName?: string | null;
  salutation?: Salutation | null;
}

interface GreetingRule {
  formal: Record<Salutation, (lastName: string) => string>;
  named: (name: string) => string;
  anonymous: string;
}

const RULES: Readonly<Record<string, GreetingRule>> = {
  en: {
    formal: { mr: (n) => `Dear Mr. ${n},`, ms: (n) => `Dear Ms. ${n},` },
    named: (n) => `Dear ${n},`,
    anonymous: 'Hello,',
  },
  es: {
    formal: { mr: (n) => `Estimado Sr. ${n}:`, ms: (n) => `Estimada Sra. ${n}:` },
    named: (n) => `Hola, ${n}:`,
    anonymous: 'Buenos días:',
  },
  de: {
    formal: { mr: (n) => `Sehr geehrter Herr ${n},`, ms: (n) => `Sehr geehrte Frau ${n},` },
    named: (n) => `Guten Tag ${n},`,
    anonymous: 'Sehr geehrte Damen und Herren,',
  },
  fr: {
    formal: { mr: (n) => `Bonjour Monsieur ${n},`, ms: (n) => `Bonjour Madame ${n},` },
    named: (n) => `Bonjour ${n},`,
    anonymous: 'Bonjour,',
  },
  pt: {
    formal: { mr: (n) => `Prezado Sr. ${n},`, ms: (n) => `Prezada Sra. ${n},` },
    named: (n) => `Olá, ${n},`,
    anonymous: 'Olá,',
  },
  it: {
    formal: { mr: (n) => `Gentile Sig. ${n},`, ms: (n) => `Gentile Sig.ra ${n},` },
    named: (n) => `Buongiorno ${n},`,
    anonymous: 'Buongiorno,',
  },
  ru: {
    formal: { mr: (n) => `Уважаемый господин ${n}!`, ms: (n) => `Уважаемая госпожа ${n}!` },
    named: (n) => `Здравствуйте, ${n}!`,
    anonymous: 'Здравствуйте!',
  },
  zh: {
    formal: { mr: (n) => `尊敬的${n}先生：`, ms: (n) => `尊敬的${n}女士：` },
    named: (n) => `${n}，您好：`,
    anonymous: '您好：',
  },
};

/** Mailbox names that are not a person's name: "Dear Sales," is the mistake we avoid. */
const ROLE_WORDS = new Set([
  'admin',
  'buyer',
  'contact',
  'customer',
  'enquiry',
  'export',
  'import',
  'info',
  'inquiry',
  'manager',
  'marketing',
  'office',
  'procurement',
  'purchase',
  'purchasing',
  'sales',
  'service',
  'support',
  'team',
  'user',
]);

/** A name fit to greet someone with, or null. */
export function usableName(raw: string | null | undefined): string | null {
  if (raw === null || raw === undefined) return null;
  const name = raw.replace(/\s+/g, ' ').trim();
  if (name === '' || name.includes('@') || /\d/.test(name) || /^[\p{P}\p{S}\s]+$/u.test(name)) return null;
  const words = name
    .toLowerCase()
    .split(/[\s.]+/)
    .filter(Boolean);
  if (words.length > 0 && words.every((w) => ROLE_WORDS.has(w) || w === 'dept' || w === 'department'))
    return null;
  return name;
}

/** The opening line for `person` in `lang` (English rules for languages we have none for). */
export function greetingFor(person: GreetingPerson | null, lang: string): string {
  const rule = RULES[lang] ?? RULES['en']!;
  const name = usableName(person?.name);
  const salutation = person?.salutation ?? null;
  const lastName = usableName(person?.lastName);
  if (salutation !== null && lastName !== null) return rule.formal[salutation](lastName);
  if (name !== null) return rule.named(name);
  if (lastName !== null) return rule.named(lastName);
  return rule.anonymous;
}

export const GREETING_LANGUAGES: readonly string[] = Object.keys(RULES);
