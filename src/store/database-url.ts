/**
 * Which database a URL means. SQLite is the embedded default (a file under ./data/); a
 * postgresql:// URL switches to PostgreSQL, where `?schema=name` selects a schema (as Prisma's
 * own URLs do), so several installations or test files can share one server.
 */
import { resolve } from 'node:path';
import { TrademailError } from '../errors.ts';

export type DatabaseTarget =
  | { provider: 'sqlite'; file: string; url: string }
  | { provider: 'postgres'; url: string; connectionString: string; schema: string };

export function parseDatabaseUrl(url: string, cwd = process.cwd()): DatabaseTarget {
  if (url.startsWith('file:')) {
    const path = url.slice('file:'.length);
    if (!path)
      throw new TrademailError(
        'DB_URL_INVALID',
        'database.url: "file:" needs a path, e.g. file:./data/trademail.db',
      );
    const file = path === ':memory:' ? path : resolve(cwd, path);
    return { provider: 'sqlite', file, url };
  }
  if (/^postgres(ql)?:\/\//.test(url)) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch (cause) {
      throw new TrademailError('DB_URL_INVALID', `database.url: "${redactUrl(url)}" is not a valid URL`, {
        cause,
      });
    }
    const schema = parsed.searchParams.get('schema') ?? 'public';
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(schema)) {
      throw new TrademailError(
        'DB_URL_INVALID',
        `database.url: schema "${schema}" must be letters, digits and _`,
      );
    }
    parsed.searchParams.delete('schema');
    return { provider: 'postgres', url, connectionString: parsed.toString(), schema };
  }
  throw new TrademailError(
    'DB_URL_INVALID',
    `database.url: "${redactUrl(url)}" is neither file: (SQLite) nor postgresql:// (PostgreSQL). Fix: use file:./data/trademail.db or postgresql://user@host:5432/db`,
  );
}

/** Hides a password in a URL for messages and logs. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@/]*@/, '//$1:***@');
}
