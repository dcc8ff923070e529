/**
 * API tokens: 32 random bytes, shown once when created; the store keeps only their SHA-256, so
 * a copy of the database does not give access. A token is refused once revoked or when its
 * person is no longer active.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Config } from '../../config/schema.ts';
import { TrademailError } from '../../errors.ts';
import { syncSalespeople } from '../../sla/people.ts';
import type { Db } from '../../store/client.ts';
import { type Actor, isRole } from '../access.ts';

const PREFIX = 'tm_';
/** lastUsedAt is written at most this often per token: a write per request would contend on SQLite. */
const LAST_USED_RESOLUTION_MS = 60_000;

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function generateToken(): string {
  return PREFIX + randomBytes(32).toString('base64url');
}

export interface CreatedToken {
  id: number;
  token: string;
  name: string;
  user: { id: number; email: string; role: string };
}

/** Creates a token for a person of the config (synced into the store first). */
export async function createToken(
  db: Db,
  config: Config,
  input: { email: string; name?: string; now: Date },
): Promise<CreatedToken> {
  await syncSalespeople(db, config);
  const email = input.email.trim().toLowerCase();
  const person = await db.salesperson.findUnique({ where: { email } });
  if (person === null) {
    throw new TrademailError(
      'NOT_FOUND',
      `${email} is not a salesperson; add it under salespeople in the config (with a role) first`,
      { details: { email } },
    );
  }
  if (!person.active) throw new TrademailError('FORBIDDEN', `${email} is not active`, { details: { email } });
  const token = generateToken();
  const name = input.name?.trim() || `token ${input.now.toISOString().slice(0, 10)}`;
  const row = await db.apiToken.create({
    data: { salespersonId: person.id, name, tokenHash: hashToken(token), createdAt: input.now },
  });
  return { id: row.id, token, name, user: { id: person.id, email: person.email, role: person.role } };
}

export interface TokenListing {
  id: number;
  name: string;
  user: string;
  role: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export async function listTokens(db: Db): Promise<TokenListing[]> {
  const rows = await db.apiToken.findMany({ orderBy: { id: 'asc' }, include: { salesperson: true } });
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    user: r.salesperson.email,
    role: r.salesperson.role,
    createdAt: r.createdAt,
    lastUsedAt: r.lastUsedAt,
    revokedAt: r.revokedAt,
  }));
}

/** Revokes a token; revoking one that is already revoked is refused so a typo in the id shows. */
export async function revokeToken(db: Db, id: number, now: Date): Promise<TokenListing> {
  const { count } = await db.apiToken.updateMany({
    where: { id, revokedAt: null },
    data: { revokedAt: now },
  });
  if (count !== 1) {
    const exists = await db.apiToken.findUnique({ where: { id } });
    throw new TrademailError(
      exists ? 'CONFLICT' : 'NOT_FOUND',
      exists ? `token ${id} is already revoked` : `token ${id} does not exist`,
      { details: { id } },
    );
  }
  const listing = (await listTokens(db)).find((t) => t.id === id);
  return listing!;
}

/** The person behind a bearer token, or UNAUTHORIZED. */
export async function authenticate(db: Db, token: string, now: Date): Promise<Actor> {
  const row = await db.apiToken.findUnique({
    where: { tokenHash: hashToken(token) },
    include: { salesperson: true },
  });
  if (row === null || row.revokedAt !== null || !row.salesperson.active) {
    throw new TrademailError('UNAUTHORIZED', 'the API token is unknown or revoked');
  }
  const p = row.salesperson;
  if (!isRole(p.role)) {
    throw new TrademailError('FORBIDDEN', `${p.email} has the unknown role "${p.role}"`);
  }
  if (row.lastUsedAt === null || now.getTime() - row.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
    await db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: now } });
  }
  return {
    id: p.id,
    email: p.email,
    name: p.name,
    role: p.role,
    timeZone: p.timeZone,
    managerId: p.managerId,
  };
}
