/**
 * Who sends a lead's sequence mail: the salesperson who owns the lead, from the mailbox named in
 * config `salespeople[].mailbox`; leads without an owner (or whose owner has no mailbox) use the
 * default mailbox, if one is given.
 */
import type { Config } from '../../config/schema.ts';
import { TrademailError } from '../../errors.ts';
import type { Db } from '../../store/client.ts';
import type { SenderIdentity, SenderResolver } from './types.ts';

export function configSenderResolver(
  db: Db,
  config: Pick<Config, 'mailboxes' | 'salespeople'>,
  options: { defaultMailbox?: string } = {},
): SenderResolver {
  return async (lead): Promise<SenderIdentity> => {
    let mailboxName: string | null = null;
    let name: string | null = null;
    if (lead.ownerId !== null) {
      const owner = await db.salesperson.findUnique({
        where: { id: lead.ownerId },
        select: { email: true, name: true },
      });
      const entry =
        owner === null ? undefined : config.salespeople.find((s) => s.email === owner.email.toLowerCase());
      if (entry?.mailbox !== undefined) {
        mailboxName = entry.mailbox;
        name = entry.name;
      }
    }
    mailboxName ??= options.defaultMailbox ?? null;
    if (mailboxName === null) {
      throw new TrademailError(
        'NOT_FOUND',
        `lead ${lead.id} has no owner with a sending mailbox; set salespeople[].mailbox for its owner or a default mailbox`,
        { details: { leadId: lead.id } },
      );
    }
    const mailbox = config.mailboxes.find((m) => m.name === mailboxName);
    if (mailbox?.smtp === undefined) {
      throw new TrademailError('NOT_FOUND', `mailbox "${mailboxName}" is missing or has no smtp settings`, {
        details: { mailbox: mailboxName },
      });
    }
    return { mailboxName, address: mailbox.address, name };
  };
}
