import { Command, Option } from 'commander';
import { TrademailError } from '../../errors.ts';
import { SHIPPED_TEMPLATES_DIR } from '../../paths.ts';
import {
  buildWeeklyReport,
  type ReportUser,
  renderWeeklyMail,
  reportUser,
  sendWeeklyReports,
  weeklyMarkdown,
} from '../../reports/index.ts';
import { syncSalespeople } from '../../sla/people.ts';
import { loadTemplates } from '../../templates/index.ts';
import type { CommandFactory } from '../main.ts';

function instant(value: string | undefined): Date {
  if (value === undefined) return new Date();
  const d = new Date(value);
  if (Number.isNaN(d.getTime()))
    throw new TrademailError('USAGE', `--at "${value}" is not a date (ISO 8601)`);
  return d;
}

export const reportCommand: CommandFactory = (ctx) =>
  new Command('report')
    .description('reports for salespeople and managers')
    .addCommand(
      new Command('weekly')
        .description("the weekly report for the week ending now, in the person's own time zone")
        .option('--user <email>', 'whose report (default: every salesperson and manager)')
        .addOption(
          new Option('--format <format>', 'output format').choices(['md', 'html', 'json']).default('md'),
        )
        .addOption(
          new Option('--lang <lang>', 'language of the html report')
            .choices(['en', 'es', 'zh'])
            .default('en'),
        )
        .option('--at <time>', 'end of the week (ISO 8601); default now')
        .action(
          async (opts: { user?: string; format: 'md' | 'html' | 'json'; lang: string; at?: string }) => {
            const c = ctx();
            const { db } = await c.store();
            const config = c.config();
            const end = instant(opts.at);
            await syncSalespeople(db, config);
            let users: ReportUser[];
            if (opts.user !== undefined) users = [await reportUser(db, opts.user)];
            else {
              const rows = await db.salesperson.findMany({
                where: { active: true, role: { in: ['salesperson', 'manager'] } },
                orderBy: { id: 'asc' },
              });
              users = rows.map((r) => ({
                id: r.id,
                email: r.email,
                name: r.name,
                role: r.role,
                timeZone: r.timeZone,
              }));
            }
            if (users.length === 0)
              throw new TrademailError('USAGE', 'no salespeople: add them under salespeople in the config');
            if (opts.format === 'html' && users.length > 1) {
              throw new TrademailError(
                'USAGE',
                'an html report is one document: choose the person with --user',
              );
            }
            const reports = [];
            for (const u of users) reports.push(await buildWeeklyReport(db, config, u, end));
            if (opts.format === 'json') c.out(JSON.stringify(opts.user ? reports[0] : reports, null, 2));
            else if (opts.format === 'md') c.out(reports.map(weeklyMarkdown).join('\n---\n\n').trimEnd());
            else c.out(renderWeeklyMail(loadTemplates(SHIPPED_TEMPLATES_DIR), reports[0]!, opts.lang).html);
          },
        ),
    )
    .addCommand(
      new Command('send-weekly')
        .description('send the weekly reports that are due (Monday 08:00 local, once per person and week)')
        .option('--at <time>', 'the clock to use (ISO 8601); default now')
        .action(async (opts: { at?: string }) => {
          const c = ctx();
          const { db } = await c.store();
          const r = await sendWeeklyReports({ db, config: c.config(), now: instant(opts.at), log: c.log() });
          c.out(
            `${r.sent.length} sent, ${r.alreadyDone.length} already sent this week, ${r.notDue.length} not due yet, ${r.failed.length} failed`,
          );
          for (const f of r.failed) c.out(`  ${f.email}: ${f.error}`);
          if (r.failed.length > 0)
            throw new TrademailError('SMTP_REJECTED', `${r.failed.length} weekly report(s) not sent`);
        }),
    );
