import { Command } from 'commander';
import { addressHash, erasePerson, exportPerson, normaliseAddress, toJson } from '../../privacy/index.ts';
import { auditCli, cliActor } from '../audit.ts';
import type { CommandFactory } from '../main.ts';

export const privacyCommand: CommandFactory = (ctx) =>
  new Command('privacy')
    .description('requests from a person about their data (GDPR, CCPA)')
    .addCommand(
      new Command('export')
        .description('print everything held about a person as JSON')
        .argument('<email>', "the person's email address")
        .action(async (email: string) => {
          const c = ctx();
          const { db } = await c.store();
          const now = new Date();
          const address = normaliseAddress(email);
          const doc = await exportPerson(db, address, now);
          await auditCli(db, {
            action: 'privacy.export',
            target: `person:sha256:${addressHash(address)}`,
            at: now,
          });
          c.out(toJson(doc));
        }),
    )
    .addCommand(
      new Command('erase')
        .description('remove the personal data and raw mail of a person; keep them on the suppression list')
        .argument('<email>', "the person's email address")
        .action(async (email: string) => {
          const c = ctx();
          const { db } = await c.store();
          const r = await erasePerson(db, email, { now: new Date(), actor: cliActor() });
          c.out(
            `erased: lead ${r.lead ? 'deleted' : 'none'}, company ${r.company ? 'deleted' : 'kept or none'}, ${r.rawMessages} raw messages, ${r.outboundMails} outbound mails deleted, ${r.outboundMailsCleaned} internal mails cleaned, ${r.auditRowsRewritten} audit rows rewritten; the address stays on the suppression list (sha256 ${r.addressHash})`,
          );
        }),
    );
