/** The people, buyers, clock and config of the seeded week (see seed.ts). */
import path from 'node:path';
import { parseConfig } from '../../src/config/load.ts';
import type { Config } from '../../src/config/schema.ts';

export const REPO = path.resolve(import.meta.dirname, '..', '..');
/** Monday 3 March 2025 08:00 in Shanghai: the start of the seeded week. */
export const WEEK_START = new Date('2025-03-03T00:00:00Z');
/** Monday 10 March 2025 08:00 in Shanghai: "now" in the suites. */
export const NOW = new Date('2025-03-10T00:00:00Z');

export const PEOPLE = {
  mia: { email: 'mia@brightlux-lighting.com', name: 'Mia Chen', role: 'manager', timeZone: 'Asia/Shanghai' },
  lily: {
    email: 'lily@brightlux-lighting.com',
    name: 'Lily Wang',
    role: 'salesperson',
    timeZone: 'Asia/Shanghai',
  },
  tom: {
    email: 'tom@brightlux-lighting.com',
    name: 'Tom Becker',
    role: 'salesperson',
    timeZone: 'Europe/Berlin',
  },
  rita: {
    email: 'rita@brightlux-lighting.com',
    name: 'Rita Zhou',
    role: 'readonly',
    timeZone: 'Asia/Shanghai',
  },
} as const;

export const BUYERS = {
  hans: { name: 'Hans Müller', email: 'hans.mueller@acme-licht.de', phone: '+49 40 1234567' },
  eva: { name: 'Eva Schmidt', email: 'eva.schmidt@acme-licht.de', phone: '+49 40 7654321' },
  sara: { name: 'Sara Costa', email: 'sara@lumen-importa.com.br', phone: '+55 11 98765 4321' },
  peter: { name: 'Peter Novak', email: 'peter@novak-svetla.cz', phone: '+420 602 123 456' },
  omar: { name: 'Omar Haddad', email: 'omar@gulf-trading.ae', phone: '+971 4 555 0199' },
  lina: { name: 'Li Na', email: 'lina@qq.com', phone: '+86 139 1234 5678' },
  anna: { name: 'Anna Berg', email: 'anna@nordic-light.se', phone: '+46 8 123 456 78' },
} as const;

export function seedConfig(databaseUrl: string, smtp?: { host: string; port: number }): Config {
  return parseConfig(seedConfigDocument(databaseUrl, smtp), {});
}

/** The config as a YAML document would hold it (for command-line runs). */
export function seedConfigDocument(databaseUrl: string, smtp?: { host: string; port: number }) {
  return {
    database: { url: databaseUrl },
    company: {
      name: 'BrightLux Lighting',
      domains: ['brightlux-lighting.com'],
      website: 'https://brightlux-lighting.com',
    },
    catalogue: {
      products: [
        { name: 'LED panel light', synonyms: [] },
        { name: 'LED high bay', synonyms: [] },
      ],
    },
    mailboxes: [
      {
        name: 'inquiries',
        role: 'inquiries',
        address: 'sales@brightlux-lighting.com',
        imap: {
          host: '127.0.0.1',
          port: 1,
          secure: false,
          requireTls: false,
          auth: { user: 'sales', password: 'x' },
        },
        ...(smtp ? { smtp: { host: smtp.host, port: smtp.port, secure: false, requireTls: false } } : {}),
      },
    ],
    salespeople: [
      { ...PEOPLE.mia },
      { ...PEOPLE.lily, manager: PEOPLE.mia.email },
      { ...PEOPLE.tom, manager: PEOPLE.mia.email },
      { ...PEOPLE.rita },
    ],
    logging: { level: 'silent' },
  };
}
