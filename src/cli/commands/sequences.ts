import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { isTrademailError, TrademailError } from '../../errors.ts';
import { SHIPPED_SEQUENCES_DIR } from '../../paths.ts';
import { cumulativeSchedule, loadSequences } from '../../sequences/definitions/index.ts';
import { DEFAULT_TIMING, enroll, pause, resume, stop, syncSequences } from '../../sequences/engine/index.ts';
import type { Db } from '../../store/client.ts';
import type { CommandFactory } from '../main.ts';

function definitions() {
  return loadSequences(SHIPPED_SEQUENCES_DIR);
}

async function enrollmentId(db: Db, raw: string): Promise<number> {
  const id = Number(raw);
  if (!Number.isInteger(id) || !(await db.enrollment.findUnique({ where: { id }, select: { id: true } }))) {
    throw new TrademailError('NOT_FOUND', `no enrollment #${raw} (see \`trademail enrollments\`)`);
  }
  return id;
}

/** "email,name,company,country" rows (header optional), as trade-show contact lists come. */
export function parseContactsCsv(
  text: string,
): { email: string; name: string | null; company: string | null; country: string | null }[] {
  const rows = text.split(/\r?\n/).map((l) => l.split(/[,;\t]/).map((c) => c.trim().replace(/^"|"$/g, '')));
  const header = rows[0]?.map((h) => h.toLowerCase()) ?? [];
  const hasHeader = header.includes('email');
  const col = (name: string, fallback: number) => (hasHeader ? header.indexOf(name) : fallback);
  const [e, n, co, cc] = [col('email', 0), col('name', 1), col('company', 2), col('country', 3)];
  return rows
    .slice(hasHeader ? 1 : 0)
    .filter((r) => /@/.test(r[e] ?? ''))
    .map((r) => ({
      email: r[e]!.toLowerCase(),
      name: (n >= 0 && r[n]) || null,
      company: (co >= 0 && r[co]) || null,
      country: (cc >= 0 && r[cc]?.toUpperCase()) || null,
    }));
}

export const sequencesCommand: CommandFactory = (ctx) =>
  new Command('sequences')
    .description('follow-up sequences defined under sequences/')
    .addCommand(
      new Command('list')
        .description('list the sequences and how many leads are in each')
        .action(async () => {
          const c = ctx();
          const { db } = await c.store();
          for (const d of definitions()) {
            const live = await db.enrollment.count({
              where: { sequence: { name: d.name }, state: { in: ['active', 'paused'] } },
            });
            c.out(`${d.name}: ${d.steps.length} steps, ${live} live enrollments - ${d.description}`);
          }
        }),
    )
    .addCommand(
      new Command('show')
        .description('steps of one sequence, with the days they fall on')
        .argument('<name>')
        .action((name: string) => {
          const c = ctx();
          const d = definitions().find((s) => s.name === name);
          if (!d) throw new TrademailError('NOT_FOUND', `no sequence named "${name}"`);
          c.out(`${d.name}: ${d.description}`);
          cumulativeSchedule(d).forEach((s, i) => {
            c.out(
              `  ${i + 1}. ${s.id}: day ${s.fromDay === s.toDay ? s.fromDay : `${s.fromDay}-${s.toDay}`}, template ${d.steps[i]!.template}`,
            );
          });
          c.out(
            `  stops on reply${d.stopOn.companyReply ? ' (from anyone at the company)' : ''}; ends after ${d.maxAgeDays} days`,
          );
        }),
    );

export const enrollmentsCommand: CommandFactory = (ctx) =>
  new Command('enrollments')
    .description('who is in which sequence, with state and stop reasons')
    .option('--lead <email>', 'only this lead')
    .option('--json', 'print JSON')
    .action(async (opts: { lead?: string; json?: boolean }) => {
      const c = ctx();
      const { db } = await c.store();
      const rows = await db.enrollment.findMany({
        where: opts.lead ? { lead: { email: opts.lead.toLowerCase() } } : {},
        include: { lead: { select: { email: true } }, sequence: { select: { name: true } } },
        orderBy: { id: 'asc' },
      });
      const out = rows.map((e) => ({
        id: e.id,
        lead: e.lead.email,
        sequence: e.sequence.name,
        state: e.state,
        nextStep: e.nextPosition + 1,
        nextStepAt: e.nextStepAt?.toISOString() ?? null,
        pausedUntil: e.pausedUntil?.toISOString() ?? null,
        stopReason: e.stopReason,
      }));
      if (opts.json) return c.out(JSON.stringify(out));
      if (out.length === 0) c.out('no enrollments');
      for (const e of out) {
        c.out(
          `#${e.id} ${e.lead} ${e.sequence} ${e.state}${e.state === 'active' ? `, step ${e.nextStep} at ${e.nextStepAt}` : ''}${e.pausedUntil ? ` until ${e.pausedUntil}` : ''}${e.stopReason ? ` (${e.stopReason})` : ''}`,
        );
      }
    });

export const enrollCommand: CommandFactory = (ctx) =>
  new Command('enroll')
    .description('put a lead (or a CSV of trade-show contacts) into a sequence')
    .requiredOption('--sequence <name>', 'e.g. prospecting, trade-show')
    .option('--lead <email>', 'one lead')
    .option('--csv <file>', 'contacts: email,name,company,country (header optional)')
    .action(async (opts: { sequence: string; lead?: string; csv?: string }) => {
      const c = ctx();
      if (!opts.lead === !opts.csv)
        throw new TrademailError('USAGE', 'give exactly one of --lead <email> or --csv <file>');
      const { db } = await c.store();
      await syncSequences(db, definitions());
      const contacts = opts.csv
        ? parseContactsCsv(readFileSync(opts.csv, 'utf8'))
        : [{ email: opts.lead!.toLowerCase(), name: null, company: null, country: null }];
      let enrolled = 0;
      for (const contact of contacts) {
        const lead = await db.lead.upsert({
          where: { email: contact.email },
          create: {
            email: contact.email,
            name: contact.name,
            country: contact.country,
            source: opts.csv ? 'trade_show' : 'manual',
          },
          update: {},
        });
        try {
          const e = await enroll(
            db,
            { leadId: lead.id, sequenceName: opts.sequence, now: new Date() },
            DEFAULT_TIMING,
          );
          enrolled++;
          c.out(
            `#${e.id} ${contact.email} enrolled in ${opts.sequence}, first step at ${e.nextStepAt?.toISOString() ?? '-'}`,
          );
        } catch (err) {
          if (!isTrademailError(err) || contacts.length === 1) throw err;
          c.out(`skipped ${contact.email}: ${err.message}`);
        }
      }
      if (contacts.length > 1) c.out(`${enrolled} of ${contacts.length} contacts enrolled`);
    });

const action =
  (name: 'pause' | 'resume' | 'stop', description: string): CommandFactory =>
  (ctx) =>
    new Command(name)
      .description(description)
      .argument('<enrollment>', 'enrollment number from `trademail enrollments`')
      .option('--reason <text>', 'recorded with the change', `${name} by hand`)
      .option('--until <date>', 'pause: resume automatically on this date')
      .action(async (raw: string, opts: { reason: string; until?: string }) => {
        const c = ctx();
        const { db } = await c.store();
        const id = await enrollmentId(db, raw);
        const now = new Date();
        const until = opts.until ? new Date(opts.until) : null;
        if (until && Number.isNaN(until.getTime()))
          throw new TrademailError('USAGE', `--until: "${opts.until}" is not a date (e.g. 2026-12-07)`);
        const e =
          name === 'pause'
            ? await pause(db, id, opts.reason, now, until)
            : name === 'resume'
              ? await resume(db, id, opts.reason, now)
              : await stop(db, id, opts.reason, now);
        c.out(`#${e.id} is now ${e.state}`);
      });

export const pauseCommand = action('pause', 'pause an enrollment (its automated steps wait)');
export const resumeCommand = action('resume', 'resume a paused enrollment');
export const stopCommand = action('stop', 'stop an enrollment for good');
