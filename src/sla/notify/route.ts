/**
 * Which SMTP account sends an internal notice (SLA reminder, escalation, pool warning): the
 * configured notifications.mailbox, else the inquiry owner's own mailbox, else the first
 * mailbox that can send. The notice goes out under that mailbox's address.
 */
import type { Config, SmtpConfig } from '../../config/schema.ts';
import { personOf } from '../people.ts';

export interface NoticeRoute {
  readonly mailboxName: string;
  readonly from: string;
  readonly smtp: SmtpConfig;
}

export function noticeRoute(config: Config, ownerEmail: string | null): NoticeRoute | null {
  const sending = config.mailboxes.filter((m) => m.smtp !== undefined);
  const byName = (name: string | undefined) => sending.find((m) => m.name === name);
  const mailbox =
    byName(config.notifications.mailbox) ?? byName(personOf(config, ownerEmail)?.mailbox) ?? sending[0];
  if (mailbox === undefined || mailbox.smtp === undefined) return null;
  return { mailboxName: mailbox.name, from: mailbox.address, smtp: mailbox.smtp };
}

/** The route of a stored notice, from the address it was written with. */
export function routeFrom(config: Config, from: string): NoticeRoute | null {
  const mailbox = config.mailboxes.find((m) => m.address === from.toLowerCase() && m.smtp !== undefined);
  if (mailbox === undefined || mailbox.smtp === undefined) return null;
  return { mailboxName: mailbox.name, from: mailbox.address, smtp: mailbox.smtp };
}
