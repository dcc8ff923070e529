import { Command } from 'commander';
import { startService } from '../../service/service.ts';
import type { CommandFactory } from '../main.ts';

export const runCommand: CommandFactory = (ctx) =>
  new Command('run')
    .description('run the service: apply migrations, watch the mailboxes, until SIGINT/SIGTERM')
    .option('--health-seconds <n>', 'seconds between health log lines', '60')
    .action(async (opts: { healthSeconds: string }) => {
      const c = ctx();
      const service = await startService({
        config: c.config(),
        store: await c.store(),
        log: c.log(),
        healthIntervalMs: Math.max(1, Number(opts.healthSeconds)) * 1000,
      });
      await new Promise<void>((resolve) => {
        const stop = (signal: string): void => {
          c.log().info({ signal }, 'shutting down');
          void service.stop().then(resolve);
        };
        process.once('SIGINT', () => stop('SIGINT'));
        process.once('SIGTERM', () => stop('SIGTERM'));
        c.out(`trademail running (${service.summary}); press Ctrl+C to stop`);
      });
      c.out('trademail stopped');
    });
