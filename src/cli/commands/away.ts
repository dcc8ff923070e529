import { Command } from 'commander';
import { addAbsence, configAbsences, removeAbsence, storedAbsences } from '../../sla/absences.ts';
import { rowNumber } from '../arguments.ts';
import { auditCli } from '../audit.ts';
import type { CommandFactory } from '../main.ts';

const utc = (d: Date) => d.toISOString().slice(0, 16).replace('T', ' ');

/**
 * Time away without editing the config: a manager records that a colleague is away, and the
 * assignment sends that person's new and open inquiries to colleagues meanwhile. The config's
 * `away` lists (which can name a delegate) are listed beside these.
 */
export const awayCommand: CommandFactory = (ctx) =>
  new Command('away')
    .description('time away of salespeople: new and open inquiries go to colleagues meanwhile')
    .addCommand(
      new Command('add')
        .description('record time away (local dates of the person, both days included)')
        .requiredOption('--user <email>', 'the person (from salespeople in the config)')
        .requiredOption('--from <date>', 'first day away, YYYY-MM-DD')
        .requiredOption('--to <date>', 'last day away, YYYY-MM-DD')
        .action(async (opts: { user: string; from: string; to: string }) => {
          const c = ctx();
          const { db } = await c.store();
          const a = await addAbsence(db, c.config(), { email: opts.user, from: opts.from, to: opts.to });
          await auditCli(db, {
            action: 'absence.add',
            target: `absence:${a.id}`,
            details: { user: a.email, from: a.from.toISOString(), to: a.to.toISOString() },
            at: new Date(),
          });
          c.out(
            `absence ${a.id}: ${a.email} away from ${opts.from} to ${opts.to} (${a.timeZone}); their inquiries go to colleagues meanwhile`,
          );
        }),
    )
    .addCommand(
      new Command('list')
        .description('absences that have not ended: stored ones by number, and those in the config')
        .option('--json', 'print JSON')
        .action(async (opts: { json?: boolean }) => {
          const c = ctx();
          const now = new Date();
          const stored = await storedAbsences((await c.store()).db, now);
          const configured = configAbsences(c.config()).filter((a) => a.to > now);
          if (opts.json) {
            c.out(
              JSON.stringify({
                stored,
                config: configured.map((a) => ({
                  email: a.userId,
                  from: a.from,
                  to: a.to,
                  delegate: a.delegateId,
                })),
              }),
            );
            return;
          }
          if (stored.length + configured.length === 0) c.out('nobody is away now or later');
          for (const a of stored) c.out(`#${a.id} ${a.email}: ${utc(a.from)} to ${utc(a.to)} UTC`);
          for (const a of configured)
            c.out(
              `config ${a.userId}: ${utc(a.from)} to ${utc(a.to)} UTC${a.delegateId ? `, delegate ${a.delegateId}` : ''}`,
            );
        }),
    )
    .addCommand(
      new Command('remove')
        .description('remove a stored absence by its number from `away list`')
        .argument('<id>', 'absence number')
        .action(async (id: string) => {
          const c = ctx();
          const n = rowNumber(id, 'an absence');
          const { db } = await c.store();
          const a = await removeAbsence(db, n);
          await auditCli(db, {
            action: 'absence.remove',
            target: `absence:${n}`,
            details: { user: a.email },
            at: new Date(),
          });
          c.out(`absence ${n} of ${a.email} removed`);
        }),
    );
