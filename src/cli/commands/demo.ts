import { Command } from 'commander';
import { runDemo } from '../../demo/run-demo.ts';
import { TrademailError } from '../../errors.ts';
import { createLogger } from '../../log/logger.ts';
import type { CommandFactory } from '../main.ts';

/**
 * `trademail demo`: needs no config file and no mail account. It rebuilds ./demo-data and
 * ./demo-outbox in the current folder on every run.
 */
export const demoCommand: CommandFactory = (ctx) =>
  new Command('demo')
    .description(
      'try trademail with a sample mailbox: no mail account needed; serves the dashboard on localhost',
    )
    .option('--port <n>', 'port for the dashboard', '8025')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .action(async (opts: { port: string; host: string }) => {
      const c = ctx();
      const port = Number(opts.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        throw new TrademailError('USAGE', `--port ${opts.port}: must be a whole number from 0 to 65535`);
      }
      const log = createLogger({ level: c.options.logLevel ?? 'error' });
      c.out('trademail demo: importing the sample mailbox and running a month of follow-ups...');
      const demo = await runDemo({ workDir: process.cwd(), host: opts.host, port, log });
      const r = demo.report;
      // From the process' start, so the figure includes loading trademail itself.
      const seconds = process.uptime().toFixed(1);
      c.out(
        [
          `  ${r.imported} mails imported (${r.quarantined} quarantined), ${r.simulatedDays} days simulated in ${r.cycles} engine cycles`,
          `  ${r.enrolled} enrollments; ${r.sent} follow-ups and ${r.notices} SLA reminders/escalations written to ${demo.outboxDir}`,
          `  store: ${demo.dataDir}`,
          `  demo clock: ${demo.now().toISOString().slice(0, 16).replace('T', ' ')} UTC (the sample month keeps its weekdays, so the demo may run up to a week behind)`,
          '',
          `Dashboard: ${demo.url}`,
          `Token (${demo.user.role} ${demo.user.email}): ${demo.token}`,
          '',
          `Ready in ${seconds} s. Open the dashboard, paste the token to sign in. Ctrl+C stops the demo.`,
        ].join('\n'),
      );
      await new Promise<void>((resolve) => {
        const stop = () => {
          void demo.stop().then(resolve);
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      c.out('trademail demo stopped');
    });
