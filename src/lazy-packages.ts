/**
 * Packages that only some commands use (the HTTP server, SMTP, templates, cron, PostgreSQL,
 * the progress bar) or only some threads (the mail parser), loaded at their first use instead
 * of at start. In the bundle that bin/trademail.js runs (scripts/build.mjs), every static
 * import of a package runs when the bundle loads, whatever the command: `trademail sync`
 * loaded fastify, pg, nodemailer, handlebars and node-cron for nothing, about 14 MB of
 * resident memory. All of them can be required (mailparser ships CommonJS beside its ES
 * modules), so require() loads them synchronously where they are first used.
 */
import { createRequire } from 'node:module';

const load = createRequire(import.meta.url);

/** A getter for package `id` that requires it on its first call. */
function lazy<T>(id: string): () => T {
  let loaded: T | undefined;
  return () => {
    loaded ??= load(id) as T;
    return loaded;
  };
}

export const fastify = lazy<typeof import('fastify')>('fastify');
export const handlebars = lazy<typeof import('handlebars')>('handlebars');
export const nodemailer = lazy<typeof import('nodemailer')>('nodemailer');
export const mailComposer = lazy<typeof import('nodemailer/lib/mail-composer/index.js')>(
  'nodemailer/lib/mail-composer/index.js',
);
export const nodeCron = lazy<typeof import('node-cron')>('node-cron');
export const postgres = lazy<typeof import('pg')>('pg');
export const cliProgress = lazy<typeof import('cli-progress')>('cli-progress');
// Parsing runs in the understanding workers when sync.workers is set: the main thread of such
// a process never parses, and mailparser (with html-to-text, libmime and their tables) is
// about 15 MB of resident memory.
export const mailparser = lazy<typeof import('mailparser')>('mailparser');
