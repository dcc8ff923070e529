/** Test configs pointing at the private mail host; built through the real config validator. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { parseConfig } from '../../src/config/load.ts';
import type { Config } from '../../src/config/schema.ts';
import type { DovecotHost } from './mailhost/index.ts';

export interface TestMailbox {
  name: string;
  role: 'inquiries' | 'dropbox' | 'salesperson';
  user: string;
  password: string;
  address?: string;
  folders?: string[];
  smtp?: { host: string; port: number; user?: string; password?: string };
  /** auth.oauth2 for IMAP (and SMTP, with smtp.user) instead of the password */
  oauth2?: Record<string, string>;
}

export function testConfigDocument(
  dovecot: DovecotHost | null,
  mailboxes: TestMailbox[],
  databaseUrl: string,
  extra: Record<string, unknown> = {},
) {
  return {
    database: { url: databaseUrl },
    company: { name: 'BrightLux Lighting', domains: ['brightlux-lighting.com'] },
    catalogue: {
      products: [
        { name: 'LED panel light', synonyms: ['panel light', 'LED panel'] },
        { name: 'LED high bay', synonyms: ['high bay'] },
      ],
      related: ['solar panel'],
    },
    mailboxes: mailboxes.map((m) => ({
      name: m.name,
      role: m.role,
      address: m.address ?? `${m.user}@brightlux-lighting.com`,
      imap: {
        host: dovecot?.host ?? '127.0.0.1',
        port: dovecot?.port ?? 1,
        secure: false,
        requireTls: false,
        auth: m.oauth2 ? { user: m.user, oauth2: m.oauth2 } : { user: m.user, password: m.password },
      },
      ...(m.folders ? { folders: m.folders } : {}),
      ...(m.smtp
        ? {
            smtp: {
              host: m.smtp.host,
              port: m.smtp.port,
              secure: false,
              requireTls: false,
              ...(m.smtp.user
                ? {
                    auth: m.oauth2
                      ? { user: m.smtp.user, oauth2: m.oauth2 }
                      : { user: m.smtp.user, password: m.smtp.password },
                  }
                : {}),
            },
          }
        : {}),
    })),
    sync: { pollSeconds: 5, batchSize: 100, maxBackoffSeconds: 2 },
    logging: { level: 'warn' },
    ...extra,
  };
}

export function testConfig(
  dovecot: DovecotHost | null,
  mailboxes: TestMailbox[],
  databaseUrl: string,
  extra: Record<string, unknown> = {},
): Config {
  return parseConfig(testConfigDocument(dovecot, mailboxes, databaseUrl, extra), {});
}

/** Writes the config as YAML for CLI runs; returns its path. */
export function writeTestConfig(doc: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'tm-cfg-'));
  const file = join(dir, 'trademail.config.yaml');
  writeFileSync(file, stringify(doc));
  return file;
}
