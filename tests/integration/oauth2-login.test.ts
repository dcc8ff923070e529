/**
 * OAuth2 logins as Gmail and Microsoft 365 want them, against real servers: a private Dovecot
 * that takes XOAUTH2 and OAUTHBEARER (RFC 7628) and checks each token at an introspection
 * endpoint (RFC 7662), and an SMTP server that takes XOAUTH2. The tokens come from a token
 * endpoint on loopback that renews them from a refresh token, the way the providers' do; the
 * config holds the refresh token, never an access token that would run out within the hour.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectImap } from '../../src/mail/imap.ts';
import { createSmtpTransport } from '../../src/mail/smtp.ts';
import { type CliResult, runCli } from '../helpers/cli.ts';
import { testConfig, testConfigDocument, writeTestConfig } from '../helpers/config.ts';
import { sqliteDatabase } from '../helpers/db.ts';
import {
  type DovecotHost,
  type OAuth2Server,
  type SmtpSink,
  startDovecot,
  startOAuth2Server,
  startSmtpSink,
} from '../helpers/mailhost/index.ts';
import { inquiryMessage } from '../helpers/messages.ts';
import { startFirstMailbox } from '../helpers/sync.ts';
import { waitUntil } from '../helpers/wait.ts';

let oauth: OAuth2Server;
let dovecot: DovecotHost;
let smtp: SmtpSink;

beforeAll(async () => {
  oauth = await startOAuth2Server({ clients: { 'trademail-app': 'app-secret' } });
  dovecot = await startDovecot({
    users: ['anna', 'ben', 'cleo', 'dana', 'erik'].map((name) => ({ name, password: 'not-used' })),
    oauth2IntrospectionUrl: oauth.introspectionUrl,
  });
  smtp = await startSmtpSink({ acceptToken: (token, user) => oauth.isActive(token, user) });
});
afterAll(async () => {
  await smtp?.stop();
  await dovecot?.stop();
  await oauth?.stop();
});

const oauth2 = (refreshToken: string) => ({
  tokenUrl: oauth.tokenUrl,
  clientId: 'trademail-app',
  clientSecret: 'app-secret',
  refreshToken,
});

/** The user's INBOX as an inquiries mailbox that signs in with this refresh token. */
const mailboxOf = (user: string, refreshToken: string) => ({
  name: user,
  role: 'inquiries' as const,
  user,
  password: 'unused',
  oauth2: oauth2(refreshToken),
});

/** `trademail sync --once` runs for the mailbox, into a database of their own. */
async function withSyncOnce(
  user: string,
  refreshToken: string,
  use: (syncOnce: () => Promise<CliResult>) => Promise<void>,
): Promise<void> {
  const database = sqliteDatabase();
  const file = writeTestConfig(testConfigDocument(dovecot, [mailboxOf(user, refreshToken)], database.url));
  try {
    await use(() => runCli(['--config', file, 'sync', '--once']));
  } finally {
    await database.drop();
  }
}

describe('OAuth2 with a refresh token', () => {
  it('syncs a mailbox with a token it gets from the refresh token', async () => {
    await dovecot.appendMessage('anna', 'INBOX', inquiryMessage(71_000));
    await dovecot.appendMessage('anna', 'INBOX', inquiryMessage(71_001));
    const refreshToken = oauth.grant('anna');
    await withSyncOnce('anna', refreshToken, async (syncOnce) => {
      const before = oauth.requests.length;
      const r = await syncOnce();
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^anna\/INBOX: 2 fetched, 2 new/m);
      // One token for the whole run, and the secrets never printed.
      expect(oauth.requests.slice(before).map((q) => q.form.refresh_token)).toEqual([refreshToken]);
      expect(r.stdout + r.stderr).not.toContain('app-secret');
      expect(r.stdout + r.stderr).not.toContain(refreshToken);
    });
  });

  it('gets a new token at once when the server refuses the one it has', async () => {
    const config = testConfig(dovecot, [mailboxOf('ben', oauth.grant('ben'))], 'file::memory:');
    const imap = config.mailboxes[0]!.imap;
    const first = await connectImap(imap, false);
    await first.logout();
    const used = oauth.issued.at(-1)!;
    // Revoked before its time, as after a password change.
    oauth.revoke(used);
    const second = await connectImap(imap, false);
    try {
      expect(second.usable).toBe(true);
      expect(oauth.issued.at(-1)).not.toBe(used);
    } finally {
      await second.logout();
    }
  });

  it('says what to do when the refresh token is refused, and sends over SMTP with XOAUTH2', async () => {
    const revoked = oauth.grant('cleo');
    oauth.revoke(revoked);
    await withSyncOnce('cleo', revoked, async (syncOnce) => {
      const r = await syncOnce();
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(
        /refused the refresh token \(invalid_grant: .*\)\. Fix: .*auth\.oauth2\.refreshToken/,
      );
    });

    const config = testConfig(
      dovecot,
      [
        {
          name: 'cleo',
          role: 'salesperson',
          user: 'cleo',
          password: 'unused',
          oauth2: oauth2(oauth.grant('cleo')),
          smtp: { host: smtp.host, port: smtp.port, user: 'cleo' },
        },
      ],
      'file::memory:',
    );
    const transport = createSmtpTransport(config.mailboxes[0]!.smtp!, false);
    const send = (subject: string) =>
      transport.sendMail({
        from: 'cleo@brightlux-lighting.com',
        to: 'buyer@importer.test',
        subject,
        text: 'Please find our quotation attached.',
      });
    try {
      await send('Quotation');
      const used = oauth.issued.at(-1)!;
      // Refused on the next login: nodemailer asks for a new one and logs in with it.
      oauth.revoke(used);
      await send('Quotation, revised');
      expect(oauth.issued.at(-1)).not.toBe(used);
    } finally {
      transport.close();
    }
    const sent = await smtp.waitFor(2, 5000);
    expect(sent.map((m) => m.authUser)).toEqual(['cleo', 'cleo']);
  });

  it('keeps a refresh token revoked while the sync runs in the folder status, for a person to see', async () => {
    const refreshToken = oauth.grant('dana');
    const database = sqliteDatabase();
    const store = await database.open();
    const config = testConfig(
      dovecot,
      [{ name: 'dana', role: 'inquiries', user: 'dana', password: 'unused', oauth2: oauth2(refreshToken) }],
      store.target.url,
    );
    const sync = await startFirstMailbox(config, store.db);
    try {
      await sync.firstPass;
      // Signed out everywhere: the sign-in's tokens are revoked, and the connection drops.
      oauth.revoke(refreshToken);
      oauth.revoke(oauth.issued.at(-1)!);
      await dovecot.restart();
      await waitUntil(
        async () =>
          /refused the refresh token \(invalid_grant/.test(
            (await store.db.mailboxFolder.findFirstOrThrow()).lastError ?? '',
          ),
        20_000,
      );
    } finally {
      await sync.stop();
      await store.close();
      await database.drop();
    }
  }, 40_000);

  it('signs in once in a browser, as Google wants, and the refresh token it prints syncs the mailbox', async () => {
    await dovecot.appendMessage('erik', 'INBOX', inquiryMessage(72_000));
    let visited: Promise<Response> | undefined;
    let asked: URL | undefined;
    const r = await runCli(
      [
        ...['oauth2', 'login', '--provider', 'google', '--user', 'erik'],
        ...['--client-id', 'trademail-app', '--client-secret', 'app-secret'],
        ...['--token-url', oauth.tokenUrl, '--authorize-url', oauth.authorizeUrl],
      ],
      {
        // The browser: opens the printed address, signs in, and is sent back to trademail.
        onStdout: (soFar) => {
          const url = soFar.match(/^(http:\S+\/authorize\?\S+)\n/m)?.[1];
          if (url && visited === undefined) {
            asked = new URL(url);
            visited = fetch(url);
          }
        },
      },
    );
    expect(r.code).toBe(0);
    expect((await visited!).status).toBe(200);
    expect(Object.fromEntries(asked!.searchParams)).toMatchObject({
      scope: 'https://mail.google.com/',
      access_type: 'offline',
      prompt: 'consent',
      code_challenge_method: 'S256',
      login_hint: 'erik',
    });
    const refreshToken = r.stdout.match(/Refresh token:\n(\S+)\n/)?.[1];
    expect(refreshToken).toMatch(/^rt-/);
    await expectSyncWith('erik', refreshToken!, 1);
  });

  it('signs in with a code on another device, as Microsoft allows', async () => {
    let approved = false;
    const r = await runCli(
      [
        ...['oauth2', 'login', '--provider', 'microsoft', '--user', 'erik', '--client-id', 'trademail-app'],
        ...['--token-url', oauth.tokenUrl, '--device-code-url', oauth.deviceCodeUrl],
      ],
      {
        // The secret from the environment, out of the shell history.
        env: { TRADEMAIL_OAUTH2_CLIENT_SECRET: 'app-secret' },
        // The person: reads the code, and signs in with it elsewhere.
        onStdout: (soFar) => {
          const code = soFar.match(/enter the code (\w+)/)?.[1];
          if (code && !approved) {
            approved = true;
            oauth.approveDevice(code, 'erik');
          }
        },
      },
    );
    expect(r.code).toBe(0);
    expect(oauth.pendingDevices.at(-1)!.scope).toContain('IMAP.AccessAsUser.All');
    const refreshToken = r.stdout.match(/Refresh token:\n(\S+)\n/)?.[1];
    await expectSyncWith('erik', refreshToken!, 0);
  });

  it('keeps the refresh token Microsoft hands out on each renewal, so the next run needs no new sign-in', async () => {
    oauth.behave({ rotate: true });
    const signedIn = oauth.grant('erik');
    try {
      await withSyncOnce('erik', signedIn, async (syncOnce) => {
        expect((await syncOnce()).code).toBe(0);
        // The sign-in's own token has run out (Microsoft's last 90 days at most).
        oauth.revoke(signedIn);
        expect((await syncOnce()).code).toBe(0);
        expect(oauth.requests.at(-1)).toMatchObject({ status: 200 });
        expect(oauth.requests.at(-1)!.form.refresh_token).not.toBe(signedIn);
      });
    } finally {
      oauth.behave({});
    }
  });
});

/** `sync --once` of the user's INBOX with this refresh token: `fresh` new messages. */
async function expectSyncWith(user: string, refreshToken: string, fresh: number): Promise<void> {
  await withSyncOnce(user, refreshToken, async (syncOnce) => {
    const r = await syncOnce();
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      new RegExp(`^${user}/INBOX: \\d+ fetched, ${fresh === 0 ? '\\d+' : fresh} new`, 'm'),
    );
  });
}
