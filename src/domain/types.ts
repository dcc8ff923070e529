/**
 * Glossary of the domain (the words the users themselves use):
 *
 * - inquiry: a buyer asking about our products (direct mail, website form, B2B platform notice,
 *   or a buyer's mail forwarded by a salesperson). One inbound message can create one inquiry.
 * - lead: a person we sell to, keyed on the buyer's email address (never the salesperson who
 *   forwarded). Leads belong to a company when their domain is not a free-mail domain.
 * - grade (A-D): how serious a not-yet-won buyer's inquiry is. A asked for samples; B asks in
 *   detail about specific products; C sends a generic request or wants a full price list;
 *   D asks only about related products we do not make.
 * - tier (A/B/C): the class of an existing customer by purchase share and years of cooperation.
 * - priority tier (P1/P2/P3): the ranking output; P1 gets the 2 h SLA, P2 and P3 the 24 h one.
 * - SLA: the deadline to answer an inquiry, counted in the owner's working hours.
 * - sequence: an ordered list of templated mails (steps) sent on a cadence until the buyer replies.
 * - step: one mail of a sequence, with a delay range after the previous step.
 * - cadence: the rhythm of steps (users' default: +1-2 d, +5-7 d, +12-14 d, ~+21 d).
 * - enrollment: one lead going through one sequence; it has a state machine of its own.
 * - outbox: outbound mails with their final Message-ID, written before SMTP is called.
 * - suppression: an address we must never mail again (hard bounce, unsubscribe, erasure).
 * - quarantine: a stored raw message whose processing failed, with the stage and reason.
 */

/** What kind of message an inbound mail is. The names are part of the CLI's JSON contract. */
export const MESSAGE_KINDS = [
  'inquiry',
  'platform_inquiry',
  'form_inquiry',
  'forwarded_inquiry',
  'bcc_outbound',
  'reply',
  'unsubscribe',
  'auto_reply',
  'bounce',
  'spam',
  'other',
] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

export const INQUIRY_KINDS: readonly MessageKind[] = [
  'inquiry',
  'platform_inquiry',
  'form_inquiry',
  'forwarded_inquiry',
];

export type Grade = 'A' | 'B' | 'C' | 'D';
export type PriorityTier = 'P1' | 'P2' | 'P3';
export type CustomerTier = 'A' | 'B' | 'C';

/** Mailbox roles from the config: what a watched account is for. */
export const MAILBOX_ROLES = ['inquiries', 'dropbox', 'salesperson'] as const;
export type MailboxRole = (typeof MAILBOX_ROLES)[number];
