/**
 * The SLA clock stops when our answer to the buyer is seen: a copy in a salesperson's Sent
 * folder, processed through the real pipeline, marks the buyer's open inquiries answered at the
 * time of the answer, whichever of the two mails is processed first; an answer sent before the
 * inquiry arrived does not count. A stopped clock gets no reminder or escalation.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config/schema.ts';
import { silentLogger } from '../../src/log/logger.ts';
import { slaStatus } from '../../src/rank/sla.ts';
import { runEscalations } from '../../src/sla/escalation-job.ts';
import { calendarOf } from '../../src/sla/people.ts';
import type { Store } from '../../src/store/client.ts';
import { loadTemplates } from '../../src/templates/load.ts';
import { testDatabases } from '../helpers/db.ts';
import { cn, ingest, LILY, ourReply, sampleRequest, slaConfig } from './helpers.ts';

const templates = loadTemplates(path.resolve(import.meta.dirname, '../../templates'));

for (const make of testDatabases()) {
  const database = make();
  describe(`SLA clock stop on ${database.name}`, () => {
    let store: Store;
    let config: Config;
    const inquiryOf = (email: string) => store.db.inquiry.findFirstOrThrow({ where: { lead: { email } } });

    beforeAll(async () => {
      store = await database.open();
      config = slaConfig(database.url, { assignment: { fallback: { user: LILY } } });
    });
    afterAll(async () => {
      await store?.close();
      await database.drop();
    });

    it('stops at the answer found in the Sent folder, and nothing is escalated afterwards', async () => {
      const buyer = 'm.weber@kestrel-stop.com';
      await ingest(
        store.db,
        config,
        [sampleRequest(`Markus Weber <${buyer}>`, cn('2026-03-09 10:00'))],
        cn('2026-03-09 10:00'),
      );
      const open = await inquiryOf(buyer);
      expect([open.status, open.answeredAt]).toEqual(['open', null]);

      const report = await ingest(
        store.db,
        config,
        [ourReply('Lily Chen', LILY, `Markus Weber <${buyer}>`, cn('2026-03-09 10:40'))],
        cn('2026-03-09 10:45'),
        'sent',
      );
      expect(report.processed).toBe(1);
      const answered = await inquiryOf(buyer);
      expect([answered.status, answered.answeredAt?.toISOString()]).toEqual([
        'answered',
        cn('2026-03-09 10:40').toISOString(),
      ]);
      const clock = {
        arrivedAt: answered.receivedAt,
        deadline: answered.deadlineAt!,
        answeredAt: answered.answeredAt,
      };
      expect(slaStatus(calendarOf(config, LILY), clock, cn('2026-03-10 10:00')).state).toBe('met');
      const lead = await store.db.lead.findFirstOrThrow({ where: { email: buyer } });
      expect(lead.lastWorkedAt?.toISOString()).toBe(cn('2026-03-09 10:40').toISOString());

      const transports = () => {
        throw new Error('no notice may be sent for an answered inquiry');
      };
      const deps = { db: store.db, config, log: silentLogger, templates, transports, worker: 'clock-test' };
      for (const at of ['2026-03-09 11:30', '2026-03-09 13:30', '2026-03-09 14:00', '2026-03-10 10:00']) {
        expect((await runEscalations(deps, cn(at))).sent).toEqual([]);
      }
      expect(await store.db.slaNotification.count({ where: { inquiryId: answered.id } })).toBe(0);
    });

    it('counts an answer processed before the inquiry (the Sent folder synced first)', async () => {
      const buyer = 'ana@luminar-first.com';
      await ingest(
        store.db,
        config,
        [ourReply('Lily Chen', LILY, `Ana Souza <${buyer}>`, cn('2026-03-10 11:00'))],
        cn('2026-03-10 11:05'),
        'sent',
      );
      await ingest(
        store.db,
        config,
        [sampleRequest(`Ana Souza <${buyer}>`, cn('2026-03-10 10:00'))],
        cn('2026-03-10 11:06'),
      );
      const inquiry = await inquiryOf(buyer);
      expect([inquiry.status, inquiry.answeredAt?.toISOString()]).toEqual([
        'answered',
        cn('2026-03-10 11:00').toISOString(),
      ]);
    });

    it('does not count an answer sent before the inquiry arrived', async () => {
      const buyer = 'jan@vrieslicht-earlier.com';
      await ingest(
        store.db,
        config,
        [ourReply('Lily Chen', LILY, `Jan de Vries <${buyer}>`, cn('2026-03-11 09:00'), 'Our catalogue')],
        cn('2026-03-11 09:01'),
        'sent',
      );
      await ingest(
        store.db,
        config,
        [sampleRequest(`Jan de Vries <${buyer}>`, cn('2026-03-11 10:00'))],
        cn('2026-03-11 10:00'),
      );
      const inquiry = await inquiryOf(buyer);
      expect([inquiry.status, inquiry.answeredAt]).toEqual(['open', null]);
    });
  });
}
