/**
 * Whose leads a report covers: a salesperson's own; a manager's team (the people whose manager
 * they are, and their own leads), or everyone when they lead no team; the read-only role sees
 * the whole company.
 */
import type { Prisma } from '../../generated/sqlite/client.ts';
import { TrademailError } from '../errors.ts';
import type { Db } from '../store/client.ts';
import type { ReportScope, ReportUser } from './weekly/types.ts';

export interface Scope {
  kind: ReportScope;
  /** owners whose leads count; null for everyone */
  ownerIds: number[] | null;
}

export async function reportScope(db: Db, user: ReportUser): Promise<Scope> {
  if (user.role === 'salesperson') return { kind: 'own', ownerIds: [user.id] };
  if (user.role === 'manager') {
    const team = await db.salesperson.findMany({ where: { managerId: user.id }, select: { id: true } });
    if (team.length > 0) return { kind: 'team', ownerIds: [user.id, ...team.map((t) => t.id)] };
  }
  return { kind: 'all', ownerIds: null };
}

export function leadWhere(scope: Scope): Prisma.LeadWhereInput {
  return scope.ownerIds === null ? {} : { ownerId: { in: scope.ownerIds } };
}

/** The person a report is for, by email. */
export async function reportUser(db: Db, email: string): Promise<ReportUser> {
  const row = await db.salesperson.findUnique({ where: { email: email.trim().toLowerCase() } });
  if (row === null) {
    throw new TrademailError(
      'NOT_FOUND',
      `${email} is not a salesperson; add it under salespeople in the config`,
      {
        details: { email },
      },
    );
  }
  return { id: row.id, email: row.email, name: row.name, role: row.role, timeZone: row.timeZone };
}
