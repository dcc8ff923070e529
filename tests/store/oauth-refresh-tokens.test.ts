/**
 * A refresh token the provider replaced on use (Microsoft does on every renewal, and each one
 * lasts at most 90 days) is kept in the store, so that the next run goes on with the newest:
 * on both databases, against a real token endpoint on loopback.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isTrademailError } from '../../src/errors.ts';
import { createAccessTokenSource, type OAuth2Settings } from '../../src/mail/oauth2.ts';
import { refreshTokenKeeper } from '../../src/store/oauth-refresh-tokens.ts';
import { testDatabases } from '../helpers/db.ts';
import { type OAuth2Server, startOAuth2Server } from '../helpers/mailhost/index.ts';
import { useStore } from '../helpers/store-hooks.ts';

let oauth: OAuth2Server;
beforeAll(async () => {
  oauth = await startOAuth2Server({ clients: { app: 's3cret' } });
  oauth.behave({ rotate: true });
});
afterAll(async () => {
  await oauth?.stop();
});

describe.each(testDatabases())('kept refresh tokens (%o)', (make) => {
  const database = make();
  const store = useStore(database);
  const settings = (refreshToken: string): OAuth2Settings => ({
    tokenUrl: oauth.tokenUrl,
    clientId: 'app',
    clientSecret: 's3cret',
    refreshToken,
  });
  /** A token source as a new run of trademail makes it, keeping tokens in this store. */
  const run = (refreshToken: string) => {
    const keeper = refreshTokenKeeper(store.db);
    return createAccessTokenSource('anna', settings(refreshToken), { keeper: () => keeper });
  };

  it('goes on with the newest after a restart, though the signed-in one has run out', async () => {
    const signedIn = oauth.grant('anna');
    await run(signedIn).get();
    const kept = await store.db.oAuthRefreshToken.findMany();
    expect(kept).toHaveLength(1);
    expect(kept[0]!.refreshToken).not.toBe(signedIn);

    // The sign-in's own token is past its 90 days; the next run starts from the kept one.
    oauth.revoke(signedIn);
    const next = await run(signedIn).get();
    expect(oauth.isActive(next.accessToken, 'anna')).toBe(true);
    expect(oauth.requests.at(-1)!.form.refresh_token).toBe(kept[0]!.refreshToken);
    const newest = await store.db.oAuthRefreshToken.findFirstOrThrow();
    expect(newest.refreshToken).not.toBe(kept[0]!.refreshToken);
  });

  it('falls back to the configured token when the kept one is refused, and a new sign-in starts afresh', async () => {
    const signedIn = oauth.grant('anna');
    await run(signedIn).get();
    const kept = await store.db.oAuthRefreshToken.findMany();
    for (const row of kept) oauth.revoke(row.refreshToken);
    const again = await run(signedIn).get();
    expect(oauth.isActive(again.accessToken, 'anna')).toBe(true);
    expect(oauth.requests.at(-1)!.form.refresh_token).toBe(signedIn);

    const before = await store.db.oAuthRefreshToken.count();
    const fresh = oauth.grant('anna');
    await run(fresh).get();
    expect(oauth.requests.at(-1)!.form.refresh_token).toBe(fresh);
    expect(await store.db.oAuthRefreshToken.count()).toBe(before + 1);
  });

  it('keeps to the newest through a throttled renewal, though the signed-in one has run out', async () => {
    const signedIn = oauth.grant('anna');
    const tokens = run(signedIn);
    await tokens.get();
    oauth.revoke(signedIn);
    oauth.behave({ rotate: true, failWith: 429 });
    const throttled = await tokens.get({ renew: true }).catch((err: unknown) => err);
    expect(isTrademailError(throttled, 'OAUTH2_UNREACHABLE')).toBe(true);
    oauth.behave({ rotate: true });
    const after = await tokens.get({ renew: true });
    expect(oauth.isActive(after.accessToken, 'anna')).toBe(true);
  });
});
