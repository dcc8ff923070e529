import { Command } from 'commander';
import { describeError, TrademailError } from '../../errors.ts';
import { checkImap, checkSmtp } from '../../mail/check.ts';
import { redactUrl } from '../../store/database-url.ts';
import type { CommandFactory } from '../main.ts';

export const doctorCommand: CommandFactory = (ctx) =>
  new Command('doctor')
    .description('check the config, the database, and the login to every IMAP and SMTP account')
    .action(async () => {
      const c = ctx();
      let failures = 0;
      const report = (ok: boolean, what: string, detail: string): void => {
        if (!ok) failures++;
        c.out(`${ok ? 'OK  ' : 'FAIL'}  ${what}: ${detail}`);
      };
      let config: ReturnType<typeof c.config>;
      try {
        config = c.config();
        report(true, 'config', `${c.options.config} is valid (${config.mailboxes.length} mailboxes)`);
      } catch (err) {
        report(false, 'config', describeError(err));
        throw new TrademailError('CONFIG_INVALID', 'doctor: the config is not valid; fix it first');
      }
      try {
        const store = await c.store();
        report(
          true,
          'database',
          `${store.target.provider} ${redactUrl(config.database.url)} reachable, migrations applied`,
        );
      } catch (err) {
        report(false, 'database', describeError(err));
      }
      for (const m of config.mailboxes) {
        const imap = await checkImap(m.imap);
        report(imap.ok, `imap ${m.name} (${m.imap.host}:${m.imap.port})`, imap.detail);
        if (m.smtp) {
          const smtp = await checkSmtp(m.smtp);
          report(smtp.ok, `smtp ${m.name} (${m.smtp.host}:${m.smtp.port})`, smtp.detail);
        }
      }
      if (failures > 0) {
        throw new TrademailError('USAGE', `doctor: ${failures} check${failures === 1 ? '' : 's'} failed`);
      }
      c.out('all checks passed');
    });
