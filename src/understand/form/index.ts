/**
 * Website contact-form mails. The sender is the website (wordpress@, noreply@, a hosted form
 * service); the buyer is in Reply-To or in labelled fields of the body. Recognised when the
 * sender is a system sender (or a form plugin's mailer header / form subject says so) AND a
 * buyer address other than the sender can be found.
 */
import { getDomain } from 'tldts';
import type { MailAddress, ParsedMail } from '../../ingest/mail.ts';
import { type Fields, readFormFields } from './fields.ts';
import { FORM_HOST_DOMAINS, FORM_LABELS, FORM_MAILER, FORM_SUBJECT, SYSTEM_LOCAL_PART } from './labels.ts';

export { countryCode } from './country.ts';

export interface FormSubmission {
  name: string | null;
  email: string | null;
  phone: string | null;
  company: string | null;
  /** As typed in the form; mapped to ISO2 by the caller. */
  country: string | null;
  city: string | null;
  website: string | null;
  subject: string | null;
  product: string | null;
  quantity: string | null;
  message: string;
}

const EMAIL = /[^\s@<>():;,"'[\]]+@[^\s@<>():;,"'[\]]+\.[a-z]{2,}/i;

function headerValues(mail: ParsedMail, name: string): string {
  return (mail.headers[name] ?? []).join(' ');
}

/** True when the sender is a website or form service rather than a person. */
export function isSystemSender(mail: ParsedMail): boolean {
  const address = mail.from?.address ?? '';
  const local = address.slice(0, address.lastIndexOf('@'));
  const domain = getDomain(address.slice(address.lastIndexOf('@') + 1)) ?? '';
  if (SYSTEM_LOCAL_PART.test(local) || FORM_HOST_DOMAINS.has(domain)) return true;
  const mailer = ['x-mailer', 'x-php-originating-script', 'x-php-script', 'user-agent', 'x-generator']
    .map((h) => headerValues(mail, h))
    .join(' ');
  return FORM_MAILER.test(mailer);
}

function nameAndEmail(fields: Fields): { name: string | null; email: string | null } {
  // Contact Form 7's default template: "From: John Smith <john@example.com>".
  let name = fields.name ?? null;
  let email = fields.email ? (EMAIL.exec(fields.email)?.[0] ?? null) : null;
  if (name && EMAIL.test(name)) {
    email ??= EMAIL.exec(name)?.[0] ?? null;
    name =
      name
        .replace(/<[^>]*>/g, '')
        .replace(EMAIL, '')
        .replace(/["']/g, '')
        .trim() || null;
  }
  if (!name && (fields.firstName || fields.lastName)) {
    name = [fields.firstName, fields.lastName].filter(Boolean).join(' ');
  }
  return { name, email: email?.toLowerCase() ?? null };
}

function buyerFromReplyTo(mail: ParsedMail): MailAddress | null {
  const sender = mail.from?.address ?? '';
  return mail.replyTo.find((r) => r.address && r.address !== sender) ?? null;
}

/** Reads a website form submission, or returns null when the mail is not one. */
export function parseFormSubmission(mail: ParsedMail): FormSubmission | null {
  const system = isSystemSender(mail);
  if (!system && !FORM_SUBJECT.test(mail.subject)) return null;
  const fields = readFormFields(mail, FORM_LABELS);
  const replyTo = buyerFromReplyTo(mail);
  const named = nameAndEmail(fields);
  const email = named.email ?? replyTo?.address ?? null;
  const sender = mail.from?.address ?? '';
  if (!email || email === sender) return null;
  // A person (not a system sender) with a form-like subject must still carry form fields.
  if (!system && !(fields.email || fields.name)) return null;
  const message = fields.message ?? (Object.keys(fields).length === 0 ? mail.text.trim() : '');
  if (!message && !fields.product && !named.name) return null;
  return {
    name: named.name ?? (replyTo?.name || null),
    email,
    phone: fields.phone ?? null,
    company: fields.company ?? null,
    country: fields.country ?? null,
    city: fields.city ?? null,
    website: fields.website ?? null,
    subject: fields.subject ?? null,
    product: fields.product ?? null,
    quantity: fields.quantity ?? null,
    message,
  };
}

/** Senders nobody answers: notifications, newsletters, delivery systems. */
const NO_REPLY_LOCAL_PART =
  /^(?:no-?reply|do-?not-?reply|donotreply|notifications?|notify|alerts?|mailer-daemon|postmaster|bounces?|news(?:letters?)?|marketing|updates?|info-?noreply|system)(?:[-_.+][a-z0-9]+)*$/i;

export function isNoReplySender(mail: ParsedMail): boolean {
  const address = mail.from?.address ?? '';
  return NO_REPLY_LOCAL_PART.test(address.slice(0, address.lastIndexOf('@')));
}
