/**
 * The one configuration schema. Every field has a default where the users' own rules give one
 * (../shared/DOMAIN.md): SLA 2 h / 24 h, reminder at 75%, send window 09:00-17:00 local.
 * `.strict()` objects turn a misspelt key into an error instead of a silently ignored setting.
 */
import { z } from 'zod';
import { MAILBOX_ROLES } from '../domain/types.ts';
import { checkSalesRules, resolveSalesRules } from './sales-resolve.ts';
import {
  assignmentSection,
  awaySchema,
  calendarInputSchema,
  customersSchema,
  notificationsSchema,
  poolSection,
  rankingSection,
} from './sales-rules.ts';

const hostname = z.string().min(1, 'must not be empty');
const port = z.number().int().min(1).max(65535);
const email = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[^@\s]+@[^@\s]+\.[^@\s]+$/, 'is not an email address');
const domain = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^(?!-)[a-z0-9-]+(\.[a-z0-9-]+)+$/, 'is not a domain name');

/**
 * OAuth2 with a refresh token (src/mail/oauth2.ts): trademail gets a new access token from the
 * provider before the last one runs out. `provider` fills in the token endpoint; any other
 * provider gives `tokenUrl`.
 */
const oauth2Schema = z
  .object({
    provider: z.enum(['google', 'microsoft']).optional(),
    tenant: z.string().min(1).optional(),
    // https, or http on this machine only: the refresh token and client secret travel in it.
    tokenUrl: z
      .url({ protocol: /^https?$/, error: 'is not an http(s) URL' })
      .refine((u) => u.startsWith('https:') || /^http:\/\/(?:127\.0\.0\.1|localhost|\[::1\])[:/]/.test(u), {
        message: 'must be https (plain http only to this machine): the refresh token travels in it',
      })
      .optional(),
    clientId: z.string().min(1),
    clientSecret: z.string().min(1).optional(),
    refreshToken: z.string().min(1),
    scope: z.string().min(1).optional(),
  })
  .strict()
  .refine((o) => o.provider !== undefined || o.tokenUrl !== undefined, {
    message: 'needs provider (google or microsoft) or tokenUrl (the token endpoint of your provider)',
    path: ['provider'],
  });

/** A password (or app password), a fixed access token (it runs out within the hour), or oauth2. */
export const authSchema = z.union([
  z.object({ user: z.string().min(1), password: z.string().min(1) }).strict(),
  z.object({ user: z.string().min(1), accessToken: z.string().min(1) }).strict(),
  z.object({ user: z.string().min(1), oauth2: oauth2Schema }).strict(),
]);

/** `secure: true` is implicit TLS (993/465); `false` upgrades with STARTTLS when offered (RFC 3207, RFC 2595). */
export const imapSchema = z
  .object({
    host: hostname,
    port: port.default(993),
    secure: z.boolean().default(true),
    /** refuse to log in without TLS (on by default; switch off only for a local test server) */
    requireTls: z.boolean().default(true),
    auth: authSchema,
  })
  .strict();

export const smtpSchema = z
  .object({
    host: hostname,
    port: port.default(465),
    secure: z.boolean().default(true),
    requireTls: z.boolean().default(true),
    auth: authSchema.optional(),
  })
  .strict();

export const mailboxSchema = z
  .object({
    name: z
      .string()
      .regex(/^[a-z0-9][a-z0-9_-]*$/i, 'must be letters, digits, - or _ (it is used on the command line)'),
    role: z.enum(MAILBOX_ROLES),
    address: email,
    imap: imapSchema,
    smtp: smtpSchema.optional(),
    /** folders to watch; the Sent folder is added by SPECIAL-USE (RFC 6154) for salesperson mailboxes */
    folders: z.array(z.string().min(1)).min(1).default(['INBOX']),
    watchSent: z.boolean().optional(),
    /**
     * Who files the copy of a sent follow-up in Sent: trademail appends it over IMAP ("append",
     * the default), or the provider does it for mail submitted over SMTP ("server": Gmail,
     * Microsoft 365, Outlook.com), where a copy from trademail would be a second one.
     */
    sentCopy: z.enum(['append', 'server']).default('append'),
    /** backfill start: messages received before this date are not imported */
    since: z.coerce.date({ error: 'not a date' }).optional(),
  })
  .strict();

export const salespersonSchema = z
  .object({
    email,
    name: z.string().min(1),
    role: z.enum(['salesperson', 'manager', 'readonly']).default('salesperson'),
    /** default: the time zone of workingHours (the person's, else the company's) */
    timeZone: z.string().optional(),
    manager: email.optional(),
    /** name of the mailbox this person sends from */
    mailbox: z.string().optional(),
    /** language of the notices this person gets (en, zh, es); default en */
    language: z
      .string()
      .regex(/^[a-z]{2}$/, 'is not a two-letter language code (e.g. en, zh)')
      .optional(),
    /** this person's own working hours; fields left out are the company's */
    workingHours: calendarInputSchema.optional(),
    /** time off; new inquiries go to the delegate or by the assignment rules meanwhile */
    away: z.array(awaySchema).default(() => []),
  })
  .strict();

export const catalogueSchema = z
  .object({
    products: z
      .array(z.object({ name: z.string().min(1), synonyms: z.array(z.string().min(1)).default([]) }).strict())
      .default([]),
    /** products buyers ask for that we do NOT make (grade D) */
    related: z.array(z.string().min(1)).default([]),
  })
  .strict();

const baseConfigSchema = z
  .object({
    database: z
      .object({
        url: z
          .string()
          .regex(
            /^(file:|postgres(ql)?:\/\/)/,
            'must start with file: (SQLite) or postgresql:// (PostgreSQL)',
          )
          .default('file:./data/trademail.db'),
      })
      .strict()
      .default({ url: 'file:./data/trademail.db' }),
    company: z
      .object({
        name: z.string().min(1),
        domains: z.array(domain).min(1, 'list at least one of your own mail domains'),
        /** extra addresses of ours on other domains (e.g. a salesperson's Gmail) */
        addresses: z.array(email).default([]),
        website: z.string().optional(),
      })
      .strict(),
    catalogue: catalogueSchema.default({ products: [], related: [] }),
    /** target markets, ISO 3166 alpha-2 */
    markets: z
      .array(z.string().regex(/^[A-Z]{2}$/, 'is not an ISO 3166 alpha-2 country code (e.g. DE)'))
      .default([]),
    /** problem buyers: full addresses or domains; their mail is treated as junk */
    blacklist: z.array(z.string().trim().toLowerCase().min(3)).default([]),
    mailboxes: z.array(mailboxSchema).default([]),
    salespeople: z.array(salespersonSchema).default([]),
    sla: z
      .object({
        priorityHours: z.number().positive().default(2),
        standardHours: z
          .number()
          .positive()
          .max(24, 'the users answer every inquiry within 24 h')
          .default(24),
        reminderShare: z.number().gt(0).lt(1).default(0.75),
      })
      .strict()
      .default({ priorityHours: 2, standardHours: 24, reminderShare: 0.75 }),
    /** the company's working calendar: SLA clocks count only these hours (users' office by default) */
    workingHours: calendarInputSchema.default(() => ({})),
    /** priority score weights and thresholds (src/rank/ranking-schema.ts) */
    ranking: rankingSection,
    /** who owns a new lead: rules by country/region, product, source; teams share round-robin */
    assignment: assignmentSection,
    /** leads not worked for returnAfterDays go back to the shared pool */
    pool: poolSection,
    customers: customersSchema.prefault({}),
    /** where SLA reminders and escalations are sent from */
    notifications: notificationsSchema.prefault({}),
    sync: z
      .object({
        /** seconds between polls when the server has no IDLE (RFC 2177) */
        pollSeconds: z.number().int().min(5).default(60),
        batchSize: z.number().int().min(1).max(5000).default(200),
        maxBackoffSeconds: z.number().int().min(1).default(300),
        /**
         * Worker threads that parse and read the mail while the main thread fetches and
         * stores. Default 0: on two cores one worker measured 5-20% faster but took the
         * 10,000-message backfill's peak from about 210-230 to 240-260 MB, past the 250 MB
         * budget (bench/command-ab.ts); worth it with more cores and memory to spare.
         */
        workers: z.number().int().min(0).max(64).default(0),
      })
      .strict()
      .default({ pollSeconds: 60, batchSize: 200, maxBackoffSeconds: 300, workers: 0 }),
    logging: z
      .object({
        level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
      })
      .strict()
      .default({ level: 'info' }),
    /** the API and web dashboard served by `trademail run`; left out, nothing listens */
    http: z
      .object({
        /** 127.0.0.1 keeps it on this machine; 0.0.0.0 opens it to the network (put TLS in front) */
        host: z.string().min(1).default('127.0.0.1'),
        port: port.default(8025),
      })
      .strict()
      .optional(),
  })
  .strict();

/** The config as validated field by field, before the cross-field checks and resolution. */
export type BaseConfig = z.output<typeof baseConfigSchema>;

export const configSchema = baseConfigSchema
  .superRefine((cfg, ctx) => {
    const names = new Set<string>();
    cfg.mailboxes.forEach((m, i) => {
      if (names.has(m.name)) {
        ctx.addIssue({
          code: 'custom',
          path: ['mailboxes', i, 'name'],
          message: `duplicate mailbox name "${m.name}"`,
        });
      }
      names.add(m.name);
    });
    cfg.salespeople.forEach((s, i) => {
      if (s.mailbox && !names.has(s.mailbox)) {
        ctx.addIssue({
          code: 'custom',
          path: ['salespeople', i, 'mailbox'],
          message: `names mailbox "${s.mailbox}", which is not in mailboxes`,
        });
      }
    });
    checkSalesRules(cfg, ctx);
  })
  .transform(resolveSalesRules);

export type Config = z.output<typeof configSchema>;
export type MailboxConfig = z.infer<typeof mailboxSchema>;
export type ImapConfig = z.infer<typeof imapSchema>;
export type SmtpConfig = z.infer<typeof smtpSchema>;
