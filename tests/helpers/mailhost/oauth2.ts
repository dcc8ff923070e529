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
import { randomBytes } from 'node:crypto';
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

  const server = createServer((req, res) => {
    void readForm(req).then((form) => {
      const answer = (status: number, body: Record<string, unknown>) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
        return status;
      };
      if (req.url === '/introspect') {
        const user = accessTokens.get(form.token ?? '');
        answer(200, user && !revoked.has(form.token!) ? { active: true, username: user } : { active: false });
        return;
      }
      const status = (() => {
        if (behaviour.failWith !== undefined)
          return answer(behaviour.failWith, { error: 'temporarily_unavailable' });
        if (form.grant_type !== 'refresh_token') return answer(400, { error: 'unsupported_grant_type' });
        const secret = options.clients[form.client_id ?? ''];
        if (secret === undefined || secret !== form.client_secret)
          return answer(401, { error: 'invalid_client' });
        const user = refreshTokens.get(form.refresh_token ?? '');
        if (user === undefined || revoked.has(form.refresh_token!))
          return answer(400, {
            error: 'invalid_grant',
            error_description: 'Token has been expired or revoked.',
          });
        const access = token('at');
        accessTokens.set(access, user);
        issued.push(access);
        const body: Record<string, unknown> = {
          access_token: access,
          token_type: 'Bearer',
          expires_in: behaviour.expiresIn,
        };
        if (behaviour.rotate) {
          const next = token('rt');
          refreshTokens.set(next, user);
          body.refresh_token = next;
        }
        return answer(200, body);
      })();
      requests.push({ form, status });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, LOOPBACK, resolve));
  const { port } = server.address() as { port: number };
  const base = `http://${LOOPBACK}:${port}`;
  return {
    tokenUrl: `${base}/token`,
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
