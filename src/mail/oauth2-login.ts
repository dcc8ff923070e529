/**
 * Signing in once to get the refresh token that auth.oauth2 holds (`trademail oauth2 login`).
 * Two flows, as the providers allow them for mail:
 * - in a browser, redirected back to this machine (RFC 8252 loopback redirect, with PKCE,
 *   RFC 7636): Google's only flow for the Gmail scope;
 * - with a code typed in on any device (RFC 8628 device authorisation): Microsoft's, handy on
 *   a server without a browser.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { isTrademailError, TrademailError } from '../errors.ts';
import {
  microsoftEndpoint,
  type OAuth2Settings,
  postForm,
  postTokenRequest,
  scopeOf,
  tokenEndpoint,
} from './oauth2.ts';

export interface LoginSettings extends Omit<OAuth2Settings, 'refreshToken'> {
  /** where the browser signs in; known for google and microsoft */
  authorizeUrl?: string | undefined;
  /** where a device code is asked for; known for microsoft */
  deviceCodeUrl?: string | undefined;
  /** the mailbox owner's address, offered as the account to sign in with */
  user?: string | undefined;
}

export interface LoginResult {
  refreshToken: string;
  /** what the provider granted */
  scope: string | undefined;
}

const GOOGLE_MAIL_SCOPE = 'https://mail.google.com/';
const SIGN_IN_FIX = 'check --client-id and --client-secret against the app registered with your provider';

export function authorizeEndpoint(o: LoginSettings): string {
  if (o.authorizeUrl !== undefined) return o.authorizeUrl;
  if (o.provider === 'google') return 'https://accounts.google.com/o/oauth2/v2/auth';
  if (o.provider === 'microsoft') return microsoftEndpoint(o, 'authorize');
  throw new TrademailError('USAGE', '--authorize-url: needed for a provider other than google or microsoft');
}

export function deviceCodeEndpoint(o: LoginSettings): string {
  if (o.deviceCodeUrl !== undefined) return o.deviceCodeUrl;
  if (o.provider === 'microsoft') return microsoftEndpoint(o, 'devicecode');
  throw new TrademailError(
    'USAGE',
    '--device: Google does not allow a device code for mail; sign in with the browser instead (leave out --device)',
  );
}

function loginScope(o: LoginSettings): string {
  return scopeOf(o) ?? (o.provider === 'google' ? GOOGLE_MAIL_SCOPE : '');
}

function refreshTokenOf(answer: { refresh_token?: unknown; scope?: unknown }): LoginResult {
  if (typeof answer.refresh_token !== 'string' || answer.refresh_token === '') {
    throw new TrademailError(
      'OAUTH2_REFUSED',
      "the provider signed you in but gave no refresh token. Fix: Google: ask for offline access (trademail does) and remove the app from your account's third-party access to be asked again; Microsoft: grant offline_access",
    );
  }
  return {
    refreshToken: answer.refresh_token,
    scope: typeof answer.scope === 'string' ? answer.scope : undefined,
  };
}

/** Trades a grant (a code, a device code) for tokens at the token endpoint; the refresh token. */
async function redeem(o: LoginSettings, grant: Record<string, string>): Promise<LoginResult> {
  const form = new URLSearchParams({ ...grant, client_id: o.clientId });
  if (o.clientSecret !== undefined) form.set('client_secret', o.clientSecret);
  const endpoint = tokenEndpoint(o);
  return refreshTokenOf(await postTokenRequest(endpoint, form, o.user ?? 'sign-in', SIGN_IN_FIX));
}

/**
 * The browser flow: listens on a free loopback port, hands `show` the address to open, and
 * exchanges the code the browser brings back. Gives up after `timeoutMs`.
 */
export async function loginInBrowser(
  o: LoginSettings,
  show: (url: string) => void,
  timeoutMs = 5 * 60_000,
): Promise<LoginResult> {
  const verifier = randomBytes(32).toString('base64url');
  const state = randomBytes(16).toString('base64url');
  let settle!: (r: { code: string } | { error: string }) => void;
  const arrived = new Promise<{ code: string } | { error: string }>((resolve) => {
    settle = resolve;
  });
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    // The browser may ask for other things (a favicon); only the redirect with our state counts.
    if (url.searchParams.get('state') !== state) {
      res.writeHead(404).end();
      return;
    }
    const code = url.searchParams.get('code');
    const error = url.searchParams.get('error');
    res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(code ? 'trademail: signed in. You can close this tab.' : `trademail: sign-in failed (${error}).`);
    settle(code ? { code } : { error: error ?? 'no code' });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err) =>
      reject(new TrademailError('USAGE', `cannot listen on 127.0.0.1 for the sign-in (${err.message})`)),
    );
    server.listen(0, '127.0.0.1', resolve);
  });
  const redirect = `http://127.0.0.1:${(server.address() as { port: number }).port}/`;
  try {
    const params = new URLSearchParams({
      client_id: o.clientId,
      redirect_uri: redirect,
      response_type: 'code',
      scope: loginScope(o),
      state,
      code_challenge: createHash('sha256').update(verifier).digest('base64url'),
      code_challenge_method: 'S256',
    });
    // Google gives a refresh token only for offline access, and again only with consent.
    if (o.provider === 'google') {
      params.set('access_type', 'offline');
      params.set('prompt', 'consent');
    }
    if (o.user !== undefined) params.set('login_hint', o.user);
    show(`${authorizeEndpoint(o)}?${params}`);
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<{ timeout: true }>((resolve) => {
      timer = setTimeout(() => resolve({ timeout: true }), timeoutMs);
    });
    const got = await Promise.race([arrived, timedOut]).finally(() => clearTimeout(timer));
    if ('timeout' in got)
      throw new TrademailError('OAUTH2_REFUSED', `no sign-in came back within ${timeoutMs / 60_000} minutes`);
    if ('error' in got)
      throw new TrademailError('OAUTH2_REFUSED', `the sign-in was not completed (${got.error})`);
    return await redeem(o, {
      grant_type: 'authorization_code',
      code: got.code,
      redirect_uri: redirect,
      code_verifier: verifier,
    });
  } finally {
    server.close();
    server.closeAllConnections();
  }
}

/** The device flow: hands `show` the provider's instructions, then waits for the sign-in. */
export async function loginWithDeviceCode(
  o: LoginSettings,
  show: (message: string) => void,
): Promise<LoginResult> {
  const endpoint = deviceCodeEndpoint(o);
  const { response: start, answer: device } = await postForm(
    endpoint,
    new URLSearchParams({ client_id: o.clientId, scope: loginScope(o) }),
    (reason) => `${endpoint} did not answer (${reason})`,
  );
  if (!start.ok || typeof device.device_code !== 'string') {
    throw new TrademailError(
      'OAUTH2_REFUSED',
      `the device code was refused (${String(device.error ?? `HTTP ${start.status}`)}). Fix: ${SIGN_IN_FIX}, and allow public client flows for it`,
    );
  }
  show(
    typeof device.message === 'string'
      ? device.message
      : `Open ${String(device.verification_uri)} and enter the code ${String(device.user_code)}`,
  );
  let intervalMs = (typeof device.interval === 'number' ? device.interval : 5) * 1000;
  let unanswered = 0;
  const grant = {
    grant_type: 'urn:ietf:params:oauth:grant-type:device_code',
    device_code: device.device_code,
  };
  for (;;) {
    await sleep(intervalMs);
    try {
      return await redeem(o, grant);
    } catch (err) {
      // RFC 8628 section 3.5: still waiting for the person, or asked to poll more slowly.
      const error = err instanceof TrademailError ? err.details?.error : undefined;
      if (error === 'authorization_pending') continue;
      // The provider did not answer one poll: the person may be signing in, ask again.
      if (isTrademailError(err, 'OAUTH2_UNREACHABLE') && ++unanswered <= 5) continue;
      if (error === 'slow_down') {
        intervalMs += 5000;
        continue;
      }
      throw err;
    }
  }
}
