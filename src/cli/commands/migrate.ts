import { Command } from 'commander';
import { parseDatabaseUrl, redactUrl } from '../../store/database-url.ts';
import { applyMigrations } from '../../store/migrate.ts';
import type { CommandFactory } from '../main.ts';

export const migrateCommand: CommandFactory = (ctx) =>
  new Command('migrate').description('apply pending database migrations').action(async () => {
    const c = ctx();
    const url = c.config().database.url;
    const report = await applyMigrations(parseDatabaseUrl(url));
    for (const name of report.applied) c.out(`applied ${name}`);
    for (const name of report.modified)
      c.out(`warning: ${name} was changed after it was applied; it is not re-run`);
    c.out(
      report.applied.length === 0
        ? `${redactUrl(url)}: up to date (${report.alreadyApplied} migrations)`
        : `${redactUrl(url)}: ${report.applied.length} applied, ${report.alreadyApplied} already there`,
    );
  });
