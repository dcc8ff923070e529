/**
 * An OAuth2 authorisation server for tests, on a free 127.0.0.1 port: a token endpoint that
 * renews access tokens from refresh tokens (RFC 6749 section 6) and an introspection endpoint
 * (RFC 7662) that the test Dovecot's oauth2 passdb asks whether a token is good. The SMTP sink
 * asks `isActive` directly.
 *
 *   const oauth = await startOAuth2Server({ clients: { 'trademail-app': 'secret' } });
 *   const refresh = oauth.grant('sales');          // a refresh token for the user
 *   const dovecot = await startDovecot({ users, oauth2IntrospectionUrl: oauth.introspectionUrl });
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import { LOOPBACK } from './net.ts';

export interface TokenRequest {
  form: Record<string, string>;
  status: number;
}

export interface OAuth2Server {
  readonly tokenUrl: string;
  readonly introspectionUrl: string;
  /** Every request to the token endpoint, in order. */
  readonly requests: readonly TokenRequest[];
  /** A new refresh token for the user. */
  grant(user: string): string;
  /** The access tokens issued so far, in order. */
  readonly issued: readonly string[];
  /** Makes an access token (or a refresh token) stop working, as a revocation does. */
  revoke(token: string): void;
  /** Whether the access token is good for the user. */
  isActive(token: string, user: string): boolean;
  /**
   * Settings of the next answers: `expiresIn` seconds (default 3600), `rotate` to answer each
   * refresh with a new refresh token (as Microsoft does), `failWith` an HTTP status.
   */
  behave(options: { expiresIn?: number; rotate?: boolean; failWith?: number }): void;
  /** Where a browser signs in: answered at once for the user in login_hint, as after consent. */
  readonly authorizeUrl: string;
  readonly deviceCodeUrl: string;
  /** Device codes handed out (RFC 8628), newest last. */
  readonly pendingDevices: readonly { userCode: string; scope: string }[];
  /** The person enters the code on another device and signs in as the user. */
  approveDevice(userCode: string, user: string): void;
  stop(): Promise<void>;
}

function readForm(req: IncomingMessage): Promise<Record<string, string>> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
    });
    req.once('error', reject);
    req.once('end', () => resolve(Object.fromEntries(new URLSearchParams(body))));
  });
}

export async function startOAuth2Server(options: { clients: Record<string, string> }): Promise<OAuth2Server> {
  const refreshTokens = new Map<string, string>();
  const accessTokens = new Map<string, string>();
  const revoked = new Set<string>();
  const requests: TokenRequest[] = [];
  const issued: string[] = [];
  let behaviour: { expiresIn: number; rotate: boolean; failWith?: number } = {
    expiresIn: 3600,
    rotate: false,
  };
  const token = (kind: string) => `${kind}-${randomBytes(9).toString('base64url')}`;
  const codes = new Map<string, { user: string; challenge: string; redirect: string }>();
  const devices = new Map<string, { userCode: string; scope: string; user?: string }>();
  const pendingDevices: { userCode: string; scope: string }[] = [];
  let base = '';

  /** An access token for the user, and a refresh token when asked (or rotating). */
  const tokensFor = (user: string, withRefresh: boolean): Record<string, unknown> => {
    const access = token('at');
    accessTokens.set(access, user);
    issued.push(access);
    const body: Record<string, unknown> = {
      access_token: access,
      token_type: 'Bearer',
      expires_in: behaviour.expiresIn,
    };
    if (withRefresh) {
      const next = token('rt');
      refreshTokens.set(next, user);
      body.refresh_token = next;
    }
    return body;
  };

  /** The token endpoint: [status, body]. */
  const grantFor = (form: Record<string, string>): [number, Record<string, unknown>] => {
    if (behaviour.failWith !== undefined) return [behaviour.failWith, { error: 'temporarily_unavailable' }];
    const secret = options.clients[form.client_id ?? ''];
    if (secret === undefined || secret !== form.client_secret) return [401, { error: 'invalid_client' }];
    if (form.grant_type === 'authorization_code') {
      const grant = codes.get(form.code ?? '');
      codes.delete(form.code ?? '');
      const proof = createHash('sha256')
        .update(form.code_verifier ?? '')
        .digest('base64url');
      if (grant === undefined || grant.redirect !== form.redirect_uri || grant.challenge !== proof)
        return [400, { error: 'invalid_grant' }];
      return [200, tokensFor(grant.user, true)];
    }
    if (form.grant_type === 'urn:ietf:params:oauth:grant-type:device_code') {
      const device = devices.get(form.device_code ?? '');
      if (device === undefined) return [400, { error: 'expired_token' }];
      if (device.user === undefined) return [400, { error: 'authorization_pending' }];
      devices.delete(form.device_code!);
      return [200, { ...tokensFor(device.user, true), scope: device.scope }];
    }
    if (form.grant_type !== 'refresh_token') return [400, { error: 'unsupported_grant_type' }];
    const user = refreshTokens.get(form.refresh_token ?? '');
    if (user === undefined || revoked.has(form.refresh_token!))
      return [400, { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' }];
    return [200, tokensFor(user, behaviour.rotate)];
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/authorize') {
      // The browser's visit, answered as if the person had signed in and consented.
      const q = url.searchParams;
      const code = token('code');
      codes.set(code, {
        user: q.get('login_hint') ?? '',
        challenge: q.get('code_challenge') ?? '',
        redirect: q.get('redirect_uri') ?? '',
      });
      const back = new URL(q.get('redirect_uri') ?? '');
      back.searchParams.set('code', code);
      back.searchParams.set('state', q.get('state') ?? '');
      res.writeHead(302, { location: back.toString() }).end();
      return;
    }
    void readForm(req).then((form) => {
      const answer = (status: number, body: Record<string, unknown>) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (url.pathname === '/introspect') {
        const user = accessTokens.get(form.token ?? '');
        answer(200, user && !revoked.has(form.token!) ? { active: true, username: user } : { active: false });
      } else if (url.pathname === '/devicecode') {
        const deviceCode = token('dc');
        const userCode = randomBytes(4).toString('hex').toUpperCase();
        devices.set(deviceCode, { userCode, scope: form.scope ?? '' });
        pendingDevices.push({ userCode, scope: form.scope ?? '' });
        answer(200, {
          device_code: deviceCode,
          user_code: userCode,
          verification_uri: `${base}/device`,
          interval: 1,
          expires_in: 900,
          message: `To sign in, open ${base}/device and enter the code ${userCode}.`,
        });
      } else {
        const [status, body] = grantFor(form);
        requests.push({ form, status });
        answer(status, body);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, LOOPBACK, resolve));
  const { port } = server.address() as { port: number };
  base = `http://${LOOPBACK}:${port}`;
  return {
    tokenUrl: `${base}/token`,
    authorizeUrl: `${base}/authorize`,
    deviceCodeUrl: `${base}/devicecode`,
    pendingDevices,
    approveDevice(userCode, user) {
      for (const device of devices.values()) if (device.userCode === userCode) device.user = user;
    },
    introspectionUrl: `${base}/introspect`,
    requests,
    issued,
    grant(user) {
      const refresh = token('rt');
      refreshTokens.set(refresh, user);
      return refresh;
    },
    revoke(t) {
      revoked.add(t);
    },
    isActive(t, user) {
      return accessTokens.get(t) === user && !revoked.has(t);
    },
    behave(o) {
      behaviour = { expiresIn: o.expiresIn ?? 3600, rotate: o.rotate ?? false, failWith: o.failWith };
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
