/**
 * IMAP connections from config. imapflow does the protocol; this file maps our config to its
 * options and its failures to our error codes, so callers decide retry vs fail by code.
 */
import { ImapFlow, type ImapFlowOptions } from 'imapflow';
import type { ImapConfig } from '../config/schema.ts';
import { describeError, isTrademailError, TrademailError } from '../errors.ts';
import type { Logger } from '../log/logger.ts';
import { accessTokensFor } from './oauth2.ts';

/**
 * imapflow's options for this config. With `auth.oauth2` the access token comes from the
 * token source (oauth2.ts) and is passed in as `accessToken`.
 */
export function imapOptions(cfg: ImapConfig, log: Logger | false, accessToken?: string): ImapFlowOptions {
  const auth =
    'password' in cfg.auth
      ? { user: cfg.auth.user, pass: cfg.auth.password }
      : {
          user: cfg.auth.user,
          accessToken: accessToken ?? ('accessToken' in cfg.auth ? cfg.auth.accessToken : ''),
        };
  return {
    host: cfg.host,
    port: cfg.port,
    secure: cfg.secure,
    // Without implicit TLS, insist on STARTTLS (RFC 2595) unless the operator opted out.
    doSTARTTLS: cfg.secure ? undefined : cfg.requireTls ? true : undefined,
    auth,
    // imapflow logs every command at info; keep its warnings and errors only.
    logger:
      log === false
        ? false
        : (log.child(
            { component: 'imapflow' },
            { level: log.levelVal > 40 ? log.level : 'warn' },
          ) as unknown as ImapFlowOptions['logger']),
    connectionTimeout: 15_000,
    greetingTimeout: 10_000,
    socketTimeout: 5 * 60_000,
    // imapflow waits 15 s before entering IDLE by default; new mail must be seen at once.
    autoIdleDelay: 100,
    // Re-issue IDLE every 5 minutes: some servers and NAT boxes drop silent connections well
    // before RFC 2177's 29-minute limit.
    maxIdleTime: 5 * 60_000,
    emitLogs: false,
  };
}

/** Classifies an imapflow failure: authentication problems are not retried. */
export function imapError(err: unknown, where: string): TrademailError {
  const e = err as {
    authenticationFailed?: boolean;
    code?: string;
    responseText?: string;
    serverResponseCode?: string;
  };
  if (e?.authenticationFailed || e?.serverResponseCode === 'AUTHENTICATIONFAILED') {
    return new TrademailError(
      'IMAP_AUTH',
      `${where}: login failed (${e.responseText ?? describeError(err)})`,
      { cause: err },
    );
  }
  if (e?.code && /^E[A-Z]+$/.test(e.code)) {
    return new TrademailError('IMAP_CONNECT', `${where}: cannot connect (${e.code}: ${describeError(err)})`, {
      cause: err,
    });
  }
  return new TrademailError('IMAP_PROTOCOL', `${where}: ${describeError(err)}`, { cause: err });
}

export async function connectImap(cfg: ImapConfig, log: Logger | false): Promise<ImapFlow> {
  const auth = cfg.auth;
  if (!('oauth2' in auth)) return connectWith(cfg, log);
  const tokens = accessTokensFor(auth.user, auth.oauth2);
  try {
    return await connectWith(cfg, log, (await tokens.get()).accessToken);
  } catch (err) {
    // A token the server refuses before its time (revoked, the password changed): one new one.
    if (!isTrademailError(err, 'IMAP_AUTH')) throw err;
    return connectWith(cfg, log, (await tokens.get({ renew: true })).accessToken);
  }
}

async function connectWith(cfg: ImapConfig, log: Logger | false, accessToken?: string): Promise<ImapFlow> {
  const client = new ImapFlow(imapOptions(cfg, log, accessToken));
  // An 'error' event without a listener would crash the process; failures surface through
  // the awaited calls and the 'close' event instead.
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (err) {
    throw imapError(err, `${cfg.host}:${cfg.port}`);
  }
  return client;
}

/** Logs out (RFC 3501 6.1.3); a connection that cannot any more (already dropped) is closed. */
export async function logoutOrClose(client: ImapFlow): Promise<void> {
  await client.logout().catch(() => client.close());
}
