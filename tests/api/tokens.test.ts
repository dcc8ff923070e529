/** Tokens in the store on both databases: config people are synced, unknown people refused. */
import { describe, expect, it } from 'vitest';
import { createToken, hashToken, listTokens, revokeToken } from '../../src/api/auth/tokens.ts';
import { isTrademailError } from '../../src/errors.ts';
import { testDatabases } from '../helpers/db.ts';
import { useStore } from '../helpers/store-hooks.ts';
import { NOW, PEOPLE, seedConfig } from './seed.ts';

for (const make of testDatabases()) {
  const database = make();
  describe(`API tokens on ${database.name}`, () => {
    const store = useStore(database);

    it('syncs the salespeople of the config (role, zone, manager) when a token is created', async () => {
      const config = seedConfig(database.url);
      expect(await store.db.salesperson.count()).toBe(0);
      const t = await createToken(store.db, config, { email: 'TOM@brightlux-lighting.com ', now: NOW });
      expect(t.user).toMatchObject({ email: PEOPLE.tom.email, role: 'salesperson' });
      const people = await store.db.salesperson.findMany({
        orderBy: { id: 'asc' },
        include: { manager: true },
      });
      expect(people.map((p) => [p.email, p.role, p.timeZone, p.manager?.email ?? null])).toEqual([
        [PEOPLE.mia.email, 'manager', 'Asia/Shanghai', null],
        [PEOPLE.lily.email, 'salesperson', 'Asia/Shanghai', PEOPLE.mia.email],
        [PEOPLE.tom.email, 'salesperson', 'Europe/Berlin', PEOPLE.mia.email],
        [PEOPLE.rita.email, 'readonly', 'Asia/Shanghai', null],
      ]);
      const stored = await store.db.apiToken.findUniqueOrThrow({ where: { id: t.id } });
      expect(stored.tokenHash).toBe(hashToken(t.token));
      expect(stored.tokenHash).not.toContain(t.token.slice(3));
    });

    it('refuses people who are not in the config, and revoking twice', async () => {
      const config = seedConfig(database.url);
      await expect(
        createToken(store.db, config, { email: 'nobody@brightlux-lighting.com', now: NOW }),
      ).rejects.toSatisfy((e) => isTrademailError(e, 'NOT_FOUND'));
      const [t] = await listTokens(store.db);
      await revokeToken(store.db, t!.id, NOW);
      await expect(revokeToken(store.db, t!.id, NOW)).rejects.toSatisfy((e) =>
        isTrademailError(e, 'CONFLICT'),
      );
      await expect(revokeToken(store.db, 9999, NOW)).rejects.toSatisfy((e) =>
        isTrademailError(e, 'NOT_FOUND'),
      );
    });
  });
}
