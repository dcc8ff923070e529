/**
 * Access tokens renewed from a refresh token (src/mail/oauth2.ts), against a real HTTP token
 * endpoint on loopback: when a request is made, what it carries, what is shared and reused,
 * and how a refused or failing endpoint is reported.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isTrademailError } from '../../../src/errors.ts';
import { createAccessTokenSource, type OAuth2Settings, tokenEndpoint } from '../../../src/mail/oauth2.ts';
import {
  authorizeEndpoint,
  deviceCodeEndpoint,
  loginWithDeviceCode,
} from '../../../src/mail/oauth2-login.ts';
import { type OAuth2Server, startOAuth2Server } from '../../helpers/mailhost/index.ts';

let oauth: OAuth2Server;
beforeAll(async () => {
  oauth = await startOAuth2Server({ clients: { app: 's3cret' } });
});
afterAll(async () => {
  await oauth?.stop();
});

function settings(refreshToken: string, more: Partial<OAuth2Settings> = {}): OAuth2Settings {
  return { tokenUrl: oauth.tokenUrl, clientId: 'app', clientSecret: 's3cret', refreshToken, ...more };
}

/** A clock the test moves. */
function clock(start = Date.UTC(2026, 11, 7, 9, 0)) {
  let t = start;
  return {
    now: () => t,
    advance(ms: number) {
      t += ms;
    },
  };
}

describe('OAuth2 access tokens', () => {
  it('renews from the refresh token, reuses the token until 5 minutes before it runs out', async () => {
    oauth.behave({ expiresIn: 3600 });
    const refresh = oauth.grant('anna');
    const time = clock();
    const tokens = createAccessTokenSource('anna@brightlux-lighting.com', settings(refresh), time);
    const before = oauth.requests.length;
    const first = await tokens.get();
    expect(oauth.isActive(first.accessToken, 'anna')).toBe(true);
    expect(oauth.requests.at(-1)!.form).toEqual({
      grant_type: 'refresh_token',
      refresh_token: refresh,
      client_id: 'app',
      client_secret: 's3cret',
    });
    time.advance(54 * 60_000);
    expect((await tokens.get()).accessToken).toBe(first.accessToken);
    expect(oauth.requests.length - before).toBe(1);
    time.advance(2 * 60_000); // 56 minutes: within the 5-minute margin
    const second = await tokens.get();
    expect(second.accessToken).not.toBe(first.accessToken);
    expect(oauth.requests.length - before).toBe(2);
  });

  it('asks once for many connections at the same moment, and again when told to renew', async () => {
    const tokens = createAccessTokenSource('anna', settings(oauth.grant('anna')));
    const before = oauth.requests.length;
    const got = await Promise.all(Array.from({ length: 10 }, () => tokens.get()));
    expect(new Set(got.map((t) => t.accessToken)).size).toBe(1);
    expect(oauth.requests.length - before).toBe(1);
    const renewed = await tokens.get({ renew: true });
    expect(renewed.accessToken).not.toBe(got[0]!.accessToken);
    expect(oauth.requests.length - before).toBe(2);
  });

  it('goes on with a rotated refresh token, though the first one is then revoked', async () => {
    oauth.behave({ rotate: true });
    const first = oauth.grant('anna');
    const tokens = createAccessTokenSource('anna', settings(first));
    await tokens.get();
    oauth.revoke(first);
    const next = await tokens.get({ renew: true });
    expect(oauth.isActive(next.accessToken, 'anna')).toBe(true);
    expect(oauth.requests.at(-1)!.form.refresh_token).not.toBe(first);
    oauth.behave({});
  });

  it('reports a refused refresh token with the fix, and a failing endpoint as worth retrying', async () => {
    const revoked = oauth.grant('anna');
    oauth.revoke(revoked);
    const refused = await createAccessTokenSource('anna@x.test', settings(revoked))
      .get()
      .catch((err: unknown) => err);
    expect(isTrademailError(refused, 'OAUTH2_REFUSED')).toBe(true);
    expect((refused as Error).message).toBe(
      'anna@x.test: the OAuth2 token endpoint refused the refresh token (invalid_grant: Token has been expired or revoked.). Fix: check auth.oauth2.clientId and clientSecret, or sign in again (trademail oauth2 login) to get a new refresh token for auth.oauth2.refreshToken',
    );
    const wrongSecret = await createAccessTokenSource(
      'anna',
      settings(oauth.grant('anna'), { clientSecret: 'nope' }),
    )
      .get()
      .catch((err: unknown) => err);
    expect((wrongSecret as Error).message).toMatch(/\(invalid_client\)/);

    oauth.behave({ failWith: 503 });
    const down = await createAccessTokenSource('anna', settings(oauth.grant('anna')))
      .get()
      .catch((err: unknown) => err);
    oauth.behave({});
    expect(isTrademailError(down, 'OAUTH2_UNREACHABLE')).toBe(true);
    const nobody = await createAccessTokenSource(
      'anna',
      settings('x', { tokenUrl: 'http://127.0.0.1:1/token' }),
    )
      .get()
      .catch((err: unknown) => err);
    expect(isTrademailError(nobody, 'OAUTH2_UNREACHABLE')).toBe(true);
  });

  it("knows Google's and Microsoft's token endpoints", () => {
    const base = { clientId: 'c', refreshToken: 'r' };
    expect(tokenEndpoint({ ...base, provider: 'google' })).toBe('https://oauth2.googleapis.com/token');
    expect(tokenEndpoint({ ...base, provider: 'microsoft' })).toBe(
      'https://login.microsoftonline.com/common/oauth2/v2.0/token',
    );
    expect(tokenEndpoint({ ...base, provider: 'microsoft', tenant: 'brightlux.onmicrosoft.com' })).toBe(
      'https://login.microsoftonline.com/brightlux.onmicrosoft.com/oauth2/v2.0/token',
    );
  });

  it("knows where Google's and Microsoft's sign-ins start, and that Google has no device code for mail", () => {
    const base = { clientId: 'c' };
    expect(authorizeEndpoint({ ...base, provider: 'google' })).toBe(
      'https://accounts.google.com/o/oauth2/v2/auth',
    );
    expect(authorizeEndpoint({ ...base, provider: 'microsoft', tenant: 'contoso.com' })).toBe(
      'https://login.microsoftonline.com/contoso.com/oauth2/v2.0/authorize',
    );
    expect(deviceCodeEndpoint({ ...base, provider: 'microsoft' })).toBe(
      'https://login.microsoftonline.com/common/oauth2/v2.0/devicecode',
    );
    expect(() => deviceCodeEndpoint({ ...base, provider: 'google' })).toThrow(/does not allow a device code/);
  });

  it('says which sign-in address did not answer', async () => {
    const err = await loginWithDeviceCode(
      { clientId: 'c', provider: 'microsoft', deviceCodeUrl: 'http://127.0.0.1:1/devicecode' },
      () => undefined,
    ).catch((e: unknown) => e);
    expect(isTrademailError(err, 'OAUTH2_UNREACHABLE')).toBe(true);
    expect((err as Error).message).toMatch(/^http:\/\/127\.0\.0\.1:1\/devicecode did not answer/);
  });

  it('names the Microsoft scopes on each refresh, as Microsoft requires', async () => {
    const tokens = createAccessTokenSource('anna', settings(oauth.grant('anna'), { provider: 'microsoft' }));
    await tokens.get();
    expect(oauth.requests.at(-1)!.form.scope).toBe(
      'https://outlook.office.com/IMAP.AccessAsUser.All https://outlook.office.com/SMTP.Send offline_access',
    );
  });
});
