/**
 * Config validation: each bad file gives an error that names the field, the problem with the
 * value, and the fix. Valid files (the shipped example and the starter) load and are frozen.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, parseConfigText, redactConfig } from '../../../src/config/load.ts';
import { starterConfig } from '../../../src/config/starter.ts';
import { TrademailError } from '../../../src/errors.ts';

const env = {
  INQUIRIES_IMAP_PASSWORD: 'imap-secret',
  GOOGLE_CLIENT_ID: 'app.apps.googleusercontent.com',
  GOOGLE_CLIENT_SECRET: 'GOCSPX-secret',
  ANNA_REFRESH_TOKEN: '1//refresh',
};
const base = `company:\n  name: BrightLux\n  domains: [brightlux-lighting.com]\n`;

function errorOf(text: string, e: NodeJS.ProcessEnv = env): TrademailError {
  try {
    parseConfigText(text, e, 'test.yaml');
  } catch (err) {
    if (err instanceof TrademailError) return err;
    throw err;
  }
  throw new Error('expected the config to be rejected');
}

const mailbox = (imap: string) =>
  `${base}mailboxes:\n  - name: inquiries\n    role: inquiries\n    address: sales@brightlux-lighting.com\n    imap:\n${imap}`;

describe('config validation', () => {
  it('loads the shipped example with secrets from the environment, and defaults from the users rules', () => {
    const cfg = parseConfigText(readFileSync('trademail.example.yaml', 'utf8'), env);
    expect(cfg.mailboxes[0]?.imap.auth).toEqual({
      user: 'sales@brightlux-lighting.com',
      password: 'imap-secret',
    });
    expect(cfg.mailboxes[1]?.imap.auth).toEqual({
      user: 'anna@brightlux-lighting.com',
      oauth2: {
        provider: 'google',
        clientId: 'app.apps.googleusercontent.com',
        clientSecret: 'GOCSPX-secret',
        refreshToken: '1//refresh',
      },
    });
    expect(cfg.sla).toEqual({ priorityHours: 2, standardHours: 24, reminderShare: 0.75 });
    expect(Object.isFrozen(cfg.mailboxes[0]?.imap)).toBe(true);
    expect(JSON.stringify(redactConfig(cfg))).not.toMatch(/imap-secret|GOCSPX|1\/\/refresh/);
  });

  it('takes a fixed OAuth2 access token, and explains a wrong oauth2 setting by its own field', () => {
    const fixed = parseConfigText(
      mailbox('      host: imap.gmail.com\n      auth: { user: u, accessToken: ya29.x }\n'),
      {},
    );
    expect(fixed.mailboxes[0]?.imap.auth).toEqual({ user: 'u', accessToken: 'ya29.x' });
    const oauth2 = (fields: string) =>
      mailbox(`      host: imap.gmail.com\n      auth: { user: u, oauth2: { ${fields} } }\n`);
    expect(errorOf(oauth2('provider: gmail, clientId: c, refreshToken: r')).message).toContain(
      'mailboxes.0.imap.auth.oauth2.provider: Invalid option: expected one of "google"|"microsoft" (got "gmail"). Fix: give auth.oauth2 { provider: google or microsoft (or tokenUrl), clientId, clientSecret, refreshToken }.',
    );
    expect(errorOf(oauth2('clientId: c, refreshToken: r')).message).toContain(
      'mailboxes.0.imap.auth.oauth2.provider: needs provider (google or microsoft) or tokenUrl (the token endpoint of your provider)',
    );
    expect(
      errorOf(oauth2('tokenUrl: "http://auth.example.com/token", clientId: c, refreshToken: r')).message,
    ).toContain('mailboxes.0.imap.auth.oauth2.tokenUrl: must be https (plain http only to this machine)');
    expect(
      parseConfigText(oauth2('tokenUrl: "http://127.0.0.1:8080/token", clientId: c, refreshToken: r'), {})
        .mailboxes[0]?.imap.auth,
    ).toMatchObject({ oauth2: { tokenUrl: 'http://127.0.0.1:8080/token' } });
    expect(errorOf(oauth2('provider: microsoft, clientId: c')).message).toContain(
      'mailboxes.0.imap.auth.oauth2.refreshToken: Invalid input: expected string, received undefined (it is missing)',
    );
  });

  it('loads the starter config that init writes', () => {
    const cfg = parseConfigText(starterConfig({ companyName: 'Acme', domain: 'acme.example' }), {});
    expect(cfg.company.domains).toEqual(['acme.example']);
    expect(cfg.database.url).toBe('file:./data/trademail.db');
    expect(cfg.mailboxes).toEqual([]);
  });

  it('names a missing environment variable and how to set it', () => {
    const err = errorOf(
      mailbox('      host: imap.example.com\n      auth: { user: u, password: "${IMAP_PASS}" }\n'),
      {},
    );
    expect(err.code).toBe('CONFIG_ENV_MISSING');
    expect(err.message).toBe(
      'mailboxes.0.imap.auth.password: refers to ${IMAP_PASS}, which is not set in the environment. Fix: export IMAP_PASS=... before starting trademail (or put the value in the file).',
    );
  });

  it('explains a wrong port type with the field, the value and the fix', () => {
    const err = errorOf(
      mailbox(
        '      host: imap.example.com\n      port: "nine-nine-three"\n      auth: { user: u, password: p }\n',
      ),
    );
    expect(err.code).toBe('CONFIG_INVALID');
    expect(err.message).toContain(
      'mailboxes.0.imap.port: Invalid input: expected number, received string (got "nine-nine-three"). Fix: use 993 for IMAP over TLS (secure: true) or 143 with STARTTLS (secure: false).',
    );
  });

  it('rejects an unknown role and lists the allowed ones', () => {
    const text = `${base}mailboxes:\n  - name: x\n    role: shared\n    address: a@b.com\n    imap: { host: h, auth: { user: u, password: p } }\n`;
    expect(errorOf(text).message).toContain(
      'mailboxes.0.role: Invalid option: expected one of "inquiries"|"dropbox"|"salesperson" (got "shared"). Fix: use one of inquiries, dropbox, salesperson.',
    );
  });

  it('names a backfill start that is not a date, without contradicting itself', () => {
    const text = `${base}mailboxes:\n  - name: x\n    role: inquiries\n    address: a@b.com\n    since: yesterday\n    imap: { host: h, auth: { user: u, password: p } }\n`;
    expect(errorOf(text).message).toContain(
      'mailboxes.0.since: not a date (got "yesterday"). Fix: write a date such as 2026-01-01.',
    );
  });

  it('catches misspelt keys instead of ignoring them', () => {
    const err = errorOf(`${base}sla:\n  priorityHour: 2\n`);
    expect(err.message).toContain(
      'sla: Unrecognized key: "priorityHour". Fix: remove or correct "priorityHour" (check the spelling against trademail.example.yaml).',
    );
  });

  it('requires the company section and names it', () => {
    const err = errorOf('markets: [US]\n');
    expect(err.message).toContain(
      'company: Invalid input: expected object, received undefined (it is missing). Fix: add a company section with name and domains (see trademail.example.yaml).',
    );
  });

  it('rejects a bad database URL, market code and a mailbox reference that does not exist', () => {
    const err = errorOf(
      `${base}database: { url: "mysql://x" }\nmarkets: [usa]\nsalespeople:\n  - { email: a@brightlux-lighting.com, name: A, mailbox: nowhere }\n`,
    );
    expect(err.message).toContain(
      'database.url: must start with file: (SQLite) or postgresql:// (PostgreSQL) (got "mysql://x"). Fix: use file:./data/trademail.db',
    );
    expect(err.message).toContain('markets.0: is not an ISO 3166 alpha-2 country code (e.g. DE) (got "usa")');
    expect(err.message).toContain(
      'salespeople.0.mailbox: names mailbox "nowhere", which is not in mailboxes',
    );
    expect(err.message).toMatch(/^test\.yaml has 3 problems:/);
  });

  it('reports YAML syntax errors with line and column', () => {
    const err = errorOf('company:\n  name: "unterminated\n  domains: [a.com]\n');
    expect(err.code).toBe('CONFIG_PARSE');
    expect(err.message).toMatch(
      /^test\.yaml: line \d+, column \d+: not valid YAML .*Fix: check the indentation and quoting on that line\.$/,
    );
  });

  it('says how to create a config when the file is missing; DATABASE_URL overrides the file', () => {
    expect(() => loadConfig('/nonexistent/trademail.config.yaml', {})).toThrow(
      '/nonexistent/trademail.config.yaml: no such file. Fix: run `trademail init` to write a starter config, or pass --config <path>.',
    );
    const dir = mkdtempSync(join(tmpdir(), 'tm-cfg-'));
    writeFileSync(join(dir, 'c.yaml'), base);
    expect(loadConfig(join(dir, 'c.yaml'), { DATABASE_URL: 'postgresql://db/x' }).database.url).toBe(
      'postgresql://db/x',
    );
  });
});
