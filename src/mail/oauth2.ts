/**
 * OAuth2 access tokens for IMAP and SMTP (XOAUTH2), renewed from a refresh token (RFC 6749
 * section 6). Gmail and Microsoft 365 hand out access tokens that last about an hour, so a
 * service that runs for weeks cannot live on one from the config: it asks the provider's token
 * endpoint for a new one shortly before the last one runs out, and again at once when a
 * server refuses the one it has (revoked early, e.g. after a password change).
 *
 * One token source per account and refresh token, shared by every connection of the process,
 * so ten folders reconnecting at once make one request. Microsoft answers with a new refresh
 * token each time (rotation); it is used from then on and kept in the store for the next run.
 */
import { createHash } from 'node:crypto';
import { isTrademailError, TrademailError } from '../errors.ts';

export interface OAuth2Settings {
  provider?: 'google' | 'microsoft' | undefined;
  /** Microsoft: the directory (tenant) id or domain; "common" when not given */
  tenant?: string | undefined;
  tokenUrl?: string | undefined;
  clientId: string;
  clientSecret?: string | undefined;
  refreshToken: string;
  scope?: string | undefined;
}

/** Renew this long before the provider says a token runs out: clocks and requests take time. */
const MARGIN_MS = 5 * 60_000;
/** A token whose answer gave no lifetime is renewed after this long. */
const ASSUMED_LIFETIME_MS = 50 * 60_000;
const REQUEST_TIMEOUT_MS = 15_000;

/**
 * The scopes Microsoft needs named on every refresh; Google keeps the ones of the consent.
 * https://learn.microsoft.com/exchange/client-developer/legacy-protocols/how-to-authenticate-an-imap-pop-smtp-application-by-using-oauth
 */
const MICROSOFT_SCOPE =
  'https://outlook.office.com/IMAP.AccessAsUser.All https://outlook.office.com/SMTP.Send offline_access';

/** Where the provider is: enough to find its endpoints. */
export type ProviderSettings = Pick<OAuth2Settings, 'provider' | 'tenant' | 'tokenUrl'>;

/** Microsoft's endpoints for the tenant ("common" when none is given), v2.0. */
export function microsoftEndpoint(o: ProviderSettings, name: 'token' | 'authorize' | 'devicecode'): string {
  return `https://login.microsoftonline.com/${encodeURIComponent(o.tenant ?? 'common')}/oauth2/v2.0/${name}`;
}

export function tokenEndpoint(o: ProviderSettings): string {
  if (o.tokenUrl !== undefined) return o.tokenUrl;
  if (o.provider === 'google') return 'https://oauth2.googleapis.com/token';
  return microsoftEndpoint(o, 'token');
}

/**
 * Where a refresh token handed out in place of the configured one is kept: the store, so that
 * a restart goes on with the newest. Microsoft's refresh tokens each last at most 90 days, so
 * the configured one alone would stop a restart three months after the sign-in.
 */
export interface RefreshTokenKeeper {
  load(configKey: string): Promise<string | null>;
  save(configKey: string, refreshToken: string, at: Date): Promise<void>;
}

let processKeeper: RefreshTokenKeeper | undefined;

/** The keeper of the process's token sources (set once the store is open). */
export function keepRefreshTokensIn(keeper: RefreshTokenKeeper | undefined): void {
  processKeeper = keeper;
}

/** What a kept refresh token is filed under: one sign-in of one user with one app. */
export function configKeyOf(user: string, settings: OAuth2Settings): string {
  const parts = [tokenEndpoint(settings), settings.clientId, user, settings.refreshToken];
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

export interface AccessTokenSource {
  /** A token valid for a few minutes at least; `renew`: a new one, the last was refused. */
  get(options?: { renew?: boolean }): Promise<{ accessToken: string; expiresAt: number }>;
}

export interface TokenAnswer {
  access_token?: unknown;
  expires_in?: unknown;
  refresh_token?: unknown;
  error?: unknown;
  error_description?: unknown;
}

/** The scope to ask for: the configured one, else what the provider needs named. */
export function scopeOf(o: Pick<OAuth2Settings, 'provider' | 'scope'>): string | undefined {
  return o.scope ?? (o.provider === 'microsoft' ? MICROSOFT_SCOPE : undefined);
}

const REFRESH_FIX =
  'check auth.oauth2.clientId and clientSecret, or sign in again (trademail oauth2 login) to get a new refresh token for auth.oauth2.refreshToken';

/**
 * POSTs a form to an OAuth2 endpoint and reads its JSON answer ({} when there is none). No
 * answer at all is OAUTH2_UNREACHABLE, worded by `unreachable`.
 */
export async function postForm(
  endpoint: string,
  form: URLSearchParams,
  unreachable: (reason: string) => string,
): Promise<{ response: Response; answer: TokenAnswer & Record<string, unknown> }> {
  let response: Response;
  try {
    response = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: form,
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  } catch (err) {
    throw new TrademailError('OAUTH2_UNREACHABLE', unreachable((err as Error).message), { cause: err });
  }
  return {
    response,
    answer: (await response.json().catch(() => ({}))) as TokenAnswer & Record<string, unknown>,
  };
}

/**
 * POSTs a token request (RFC 6749 section 4.1.3, 6; RFC 8628 section 3.4) and returns the
 * answer with its access token. A refusal (4xx: the grant or the client is not accepted) is
 * OAUTH2_REFUSED with the provider's error code in details.error and `fix` in the message; no
 * answer, or a 5xx, is OAUTH2_UNREACHABLE, worth retrying.
 */
export async function postTokenRequest(
  endpoint: string,
  form: URLSearchParams,
  who: string,
  fix = REFRESH_FIX,
): Promise<TokenAnswer & { access_token: string }> {
  const { response, answer } = await postForm(
    endpoint,
    form,
    (reason) => `${who}: the OAuth2 token endpoint ${endpoint} did not answer (${reason}); retrying`,
  );
  if (response.ok && typeof answer.access_token === 'string')
    return answer as TokenAnswer & { access_token: string };
  const why =
    typeof answer.error === 'string'
      ? `${answer.error}${typeof answer.error_description === 'string' ? `: ${answer.error_description.split('\n')[0]}` : ''}`
      : `HTTP ${response.status}`;
  // 4xx: the grant itself was refused (revoked, expired, wrong client): retrying will not help.
  // 5xx, 429 (too many requests) and 408: the provider's trouble, retried like a lost connection.
  if (response.status >= 500 || response.status === 429 || response.status === 408)
    throw new TrademailError(
      'OAUTH2_UNREACHABLE',
      `${who}: the OAuth2 token endpoint failed (${why}); retrying`,
    );
  throw new TrademailError(
    'OAUTH2_REFUSED',
    `${who}: the OAuth2 token endpoint refused the ${form.get('grant_type') === 'refresh_token' ? 'refresh token' : 'sign-in'} (${why}). Fix: ${fix}`,
    { details: { status: response.status, error: answer.error } },
  );
}

/** The provider's word that the refresh token itself is no longer good (RFC 6749 5.2). */
function isGrantRefused(err: unknown): boolean {
  return isTrademailError(err, 'OAUTH2_REFUSED') && err.details?.error === 'invalid_grant';
}

export function createAccessTokenSource(
  user: string,
  settings: OAuth2Settings,
  options: { now?: () => number; keeper?: () => RefreshTokenKeeper | undefined } = {},
): AccessTokenSource {
  const now = options.now ?? Date.now;
  const keeper = options.keeper ?? (() => undefined);
  const endpoint = tokenEndpoint(settings);
  const configKey = configKeyOf(user, settings);
  let refreshToken = settings.refreshToken;
  let looked = false;
  let current: { accessToken: string; expiresAt: number } | null = null;
  let inFlight: Promise<{ accessToken: string; expiresAt: number }> | null = null;

  const refresh = async () => {
    const form = new URLSearchParams({
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
      client_id: settings.clientId,
    });
    if (settings.clientSecret !== undefined) form.set('client_secret', settings.clientSecret);
    const scope = scopeOf(settings);
    if (scope !== undefined) form.set('scope', scope);
    const answer = await postTokenRequest(endpoint, form, user);
    const replaced = answer.refresh_token;
    if (typeof replaced === 'string' && replaced !== '' && replaced !== refreshToken) {
      refreshToken = replaced;
      // Not keeping it costs only the next restart's use of an older one: never fail on it.
      await keeper()
        ?.save(configKey, replaced, new Date(now()))
        .catch(() => undefined);
    }
    const lifetimeMs =
      typeof answer.expires_in === 'number' && answer.expires_in > 0
        ? answer.expires_in * 1000
        : ASSUMED_LIFETIME_MS + MARGIN_MS;
    return { accessToken: answer.access_token, expiresAt: now() + lifetimeMs };
  };

  /**
   * The newest refresh token kept from an earlier run; the configured one only when the
   * provider says the kept one is no longer good (invalid_grant), and back to the kept one if
   * the configured one is refused as well, so that one bad answer does not lose it.
   */
  const renewFromNewest = async () => {
    const kept = keeper();
    if (!looked && kept !== undefined) {
      const found = await kept.load(configKey).catch(() => undefined);
      if (found !== undefined) {
        looked = true;
        refreshToken = found ?? refreshToken;
      }
    }
    try {
      return await refresh();
    } catch (err) {
      const newest = refreshToken;
      if (!isGrantRefused(err) || newest === settings.refreshToken) throw err;
      refreshToken = settings.refreshToken;
      try {
        return await refresh();
      } catch {
        refreshToken = newest;
        throw err;
      }
    }
  };

  return {
    async get({ renew = false } = {}) {
      if (!renew && current !== null && current.expiresAt - MARGIN_MS > now()) return current;
      // One request at a time: the connections waiting for a token share its answer.
      inFlight ??= renewFromNewest().finally(() => {
        inFlight = null;
      });
      current = await inFlight;
      return current;
    },
  };
}

const sources = new Map<string, AccessTokenSource>();

/** The process's token source for this account and refresh token. */
export function accessTokensFor(user: string, settings: OAuth2Settings): AccessTokenSource {
  const key = configKeyOf(user, settings);
  let source = sources.get(key);
  if (source === undefined) {
    source = createAccessTokenSource(user, settings, { keeper: () => processKeeper });
    sources.set(key, source);
  }
  return source;
}
