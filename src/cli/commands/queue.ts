import { Command } from 'commander';
import { TrademailError } from '../../errors.ts';
import { calendarOf } from '../../sla/people.ts';
import { loadQueue, parseTier, type QueueFilter } from '../../sla/queue.ts';
import { formatQueue, queueJson } from '../../sla/queue-format.ts';
import type { CommandFactory } from '../main.ts';

/**
 * `trademail queue`: open inquiries, most urgent first (deadline, then score), with the working
 * time left, owner, buyer, country, products, grade and the strongest reasons. Times are shown
 * in the owner's zone with --owner, else in the company's.
 */
export const queueCommand: CommandFactory = (ctx) =>
  new Command('queue')
    .description('open inquiries by deadline then score, with time left, owner, buyer and reasons')
    .option('--json', 'print JSON')
    .option('--owner <email>', "only this salesperson's inquiries")
    .option('--tier <tier>', 'only P1, P2 or P3')
    .option('--overdue', 'only inquiries past their deadline')
    .option('--limit <n>', 'at most this many')
    .action(
      async (opts: { json?: boolean; owner?: string; tier?: string; overdue?: boolean; limit?: string }) => {
        const c = ctx();
        const config = c.config();
        const limit = opts.limit === undefined ? undefined : Number(opts.limit);
        if (limit !== undefined && !(Number.isInteger(limit) && limit > 0)) {
          throw new TrademailError('USAGE', `--limit must be a whole number above 0, got ${opts.limit}`);
        }
        const owner = opts.owner?.trim().toLowerCase();
        if (owner !== undefined && !config.salespeople.some((p) => p.email === owner)) {
          throw new TrademailError(
            'USAGE',
            `--owner ${opts.owner} is not in salespeople in ${c.options.config}`,
          );
        }
        const filter: QueueFilter = {
          ...(owner === undefined ? {} : { owner }),
          ...(opts.tier === undefined ? {} : { tier: parseTier(opts.tier) }),
          ...(opts.overdue ? { overdue: true } : {}),
          ...(limit === undefined ? {} : { limit }),
        };
        const now = new Date();
        const entries = await loadQueue((await c.store()).db, config, now, filter);
        const timeZone = calendarOf(config, owner).timeZone;
        c.out(
          opts.json
            ? JSON.stringify(queueJson(entries, { now, timeZone }))
            : formatQueue(entries, { now, timeZone, filter }),
        );
      },
    );
