/**
 * The SLA jobs as the service starts them: salespeople synced from the config, a first
 * escalation pass at start (so a notice due while the service was down goes out then), the
 * housekeeping pass, and a clean stop of the cron tasks.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log/logger.ts';
import { startSlaJobs } from '../../src/sla/jobs.ts';
import type { Store } from '../../src/store/client.ts';
import { testDatabases } from '../helpers/db.ts';
import { type SmtpSink, startSmtpSink } from '../helpers/mailhost/index.ts';
import { cn, ingest, LILY, lilyMailbox, peopleWithMailbox, sampleRequest, slaConfig } from './helpers.ts';

for (const make of testDatabases()) {
  const database = make();
  describe(`SLA jobs in the service on ${database.name}`, () => {
    let store: Store;
    let sink: SmtpSink;
    beforeAll(async () => {
      store = await database.open();
      sink = await startSmtpSink();
    });
    afterAll(async () => {
      await sink?.stop();
      await store?.close();
      await database.drop();
    });

    it('syncs salespeople, sends what fell due while it was down, and stops cleanly', async () => {
      const config = slaConfig(database.url, {
        mailboxes: [lilyMailbox(sink)],
        salespeople: peopleWithMailbox(),
        assignment: { fallback: { user: LILY } },
      });
      const arrived = cn('2026-03-09 10:00');
      await ingest(
        store.db,
        config,
        [sampleRequest('Markus Weber <m.weber@kestrel-jobs.com>', arrived)],
        arrived,
      );
      // The service comes up at 13:30: the reminder (due 11:30, deferred over lunch) goes out at once.
      const jobs = await startSlaJobs({
        db: store.db,
        config,
        log: silentLogger,
        worker: 'sla-jobs-test',
        clock: () => cn('2026-03-09 13:30'),
      });
      try {
        expect(await store.db.salesperson.count({ where: { active: true } })).toBe(4);
        await sink.waitFor(1);
        expect(sink.messages.map((m) => m.to)).toEqual([[LILY]]);
        expect((await jobs.escalateNow()).sent).toEqual([]);
        const housekeeping = await jobs.housekeepNow();
        expect(housekeeping.reassigned.moved).toEqual([]);
        expect(housekeeping.pool.returned).toEqual([]);
      } finally {
        await jobs.stop();
      }
      expect(sink.messages).toHaveLength(1);
    });
  });
}
