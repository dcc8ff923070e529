/**
 * After an erasure, the person's old mail is still on the IMAP server. When a UIDVALIDITY
 * resync (or a re-import) fetches it again, ingest forgets it again instead of rebuilding the
 * lead; mail they write after the erasure is a new contact and is processed as usual.
 */
import { describe, expect, it } from 'vitest';
import { processPending } from '../../src/ingest/processor.ts';
import { compressRaw } from '../../src/ingest/raw/compress.ts';
import { messageKey } from '../../src/ingest/raw/message-key.ts';
import { silentLogger } from '../../src/log/logger.ts';
import { erasePerson } from '../../src/privacy/index.ts';
import { storeRawBatch } from '../../src/store/ingest/store-batch.ts';
import { testConfig } from '../helpers/config.ts';
import { testDatabases } from '../helpers/db.ts';
import { makeMessage } from '../helpers/mailhost/index.ts';
import { useStore } from '../helpers/store-hooks.ts';

const PERSON = 'klara.berg@nordlicht-handel.de';
const BEFORE = new Date('2026-03-02T09:00:00Z');
const ERASED_AT = new Date('2026-03-05T09:00:00Z');
const AFTER = new Date('2026-03-09T09:00:00Z');

function inquiryFrom(date: Date, n: number): Buffer {
  return Buffer.from(
    makeMessage({
      from: `Klara Berg <${PERSON}>`,
      to: 'sales@brightlux-lighting.com',
      subject: `Inquiry ${n}: LED panel light 600x600`,
      body: 'Dear Sir,\n\nWe need 2,000 pcs LED panel light 600x600 40W, CE, CIF Hamburg.\n\nBest regards,\nKlara Berg\nNordlicht Handel GmbH\n',
      date,
      messageId: `<klara-${n}@nordlicht-handel.de>`,
    }),
  );
}

for (const make of testDatabases()) {
  const database = make();
  describe(`erased mail fetched again, on ${database.name}`, () => {
    const store = useStore(database);
    const config = testConfig(null, [], database.url);
    let importRun = 0;
    const ingest = async (raws: Buffer[], now: Date) => {
      importRun++;
      const items = raws.map((raw, i) => ({
        key: messageKey(raw),
        compressed: compressRaw(raw),
        size: raw.length,
        importKey: `run-${importRun}-${i}`,
      }));
      const { created } = await storeRawBatch(store.db, {}, items, now);
      return processPending({ db: store.db, config, log: silentLogger, now: () => now }, { ids: created });
    };
    const leadOf = () => store.db.lead.findUnique({ where: { email: PERSON } });

    it('forgets the old mail again, and takes new mail from the person as a new contact', async () => {
      const old = [inquiryFrom(BEFORE, 1)];
      expect((await ingest(old, BEFORE)).processed).toBe(1);
      expect(await leadOf()).not.toBeNull();
      await erasePerson(store.db, PERSON, { now: ERASED_AT, actor: 'cli:test' });
      expect(await store.db.rawMessage.count()).toBe(0);

      // The resync: the same bytes again, from a new location.
      const again = await ingest(old, AFTER);
      expect(again).toEqual({ processed: 0, quarantined: 0, alreadyProcessed: 0 });
      expect(await leadOf()).toBeNull();
      expect(await store.db.rawMessage.count()).toBe(0);
      expect(await store.db.message.count()).toBe(0);
      expect(await store.db.suppression.findUnique({ where: { address: PERSON } })).toMatchObject({
        reason: 'erasure',
      });

      // Written after the erasure: processed (and still never mailed: the suppression stays).
      expect((await ingest([inquiryFrom(AFTER, 2)], AFTER)).processed).toBe(1);
      expect(await leadOf()).not.toBeNull();
      expect(await store.db.message.count()).toBe(1);
    });
  });
}
