/**
 * After an erasure, the person's old mail is still on the IMAP server. When a UIDVALIDITY
 * resync (or a re-import) fetches it again, ingest forgets it again instead of rebuilding the
 * lead; mail they write after the erasure is a new contact and is processed as usual. Mail that
 * names them only in its body went with the erasure too, and is forgotten again the same way.
 */
import { describe, expect, it } from 'vitest';
import { processPending } from '../../src/ingest/processor.ts';
import { silentLogger } from '../../src/log/logger.ts';
import { erasePerson } from '../../src/privacy/index.ts';
import { rawItem, storeRawBatch } from '../../src/store/ingest/store-batch.ts';
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

/** Another buyer's mail that names the person only in its body. */
function mentioning(date: Date, n: number): Buffer {
  return Buffer.from(
    makeMessage({
      from: 'Jonas Weber <jonas.weber@lichtwerk-bremen.de>',
      to: 'sales@brightlux-lighting.com',
      subject: `Inquiry ${n}: LED high bay 150W`,
      body: `Dear Sir,\n\nWe need 500 pcs LED high bay 150W, FOB Ningbo. My former colleague ${PERSON} recommended you.\n\nBest regards,\nJonas Weber\nLichtwerk Bremen GmbH\n`,
      date,
      messageId: `<jonas-${n}@lichtwerk-bremen.de>`,
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
      const items = raws.map((raw, i) => rawItem(raw, { importKey: `run-${importRun}-${i}` }));
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

    it('forgets mail that names the person only in its body, as the erasure did, unless written after it', async () => {
      await store.db.suppression.deleteMany();
      expect((await ingest([mentioning(BEFORE, 1)], BEFORE)).processed).toBe(1);
      await erasePerson(store.db, PERSON, { now: ERASED_AT, actor: 'cli:test' });
      const jonas = () => store.db.message.count({ where: { messageId: { startsWith: '<jonas-' } } });
      // The erasure took the mail that mentions her; the resync must not bring it back.
      expect(await jonas()).toBe(0);
      expect(await ingest([mentioning(BEFORE, 1)], AFTER)).toEqual({
        processed: 0,
        quarantined: 0,
        alreadyProcessed: 0,
      });
      expect(await jonas()).toBe(0);
      expect((await ingest([mentioning(AFTER, 2)], AFTER)).processed).toBe(1);
      expect(await jonas()).toBe(1);
    });
  });
}
