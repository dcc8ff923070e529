/**
 * The audit trail: one AuditLog row for every call that changes something, written before the
 * answer leaves (so a client that got its answer finds the row). Details are the request's
 * parameters, never contact details; the privacy commands write their own rows with a hash in
 * place of the person's address.
 */
import type { Db } from '../store/client.ts';

export interface AuditEntry {
  actor: string;
  action: string;
  target: string;
  details?: Record<string, unknown>;
  at: Date;
}

export async function writeAudit(db: Db, entry: AuditEntry): Promise<void> {
  await db.auditLog.create({
    data: {
      actor: entry.actor,
      action: entry.action,
      target: entry.target,
      details: entry.details === undefined ? null : JSON.stringify(entry.details),
      at: entry.at,
    },
  });
}

export interface AuditListing {
  id: number;
  actor: string;
  action: string;
  target: string;
  details: unknown;
  at: Date;
}

export async function listAudit(
  db: Db,
  filter: { actor?: string; action?: string; limit: number; offset: number },
): Promise<{ items: AuditListing[]; total: number }> {
  const where = {
    ...(filter.actor ? { actor: filter.actor } : {}),
    ...(filter.action ? { action: filter.action } : {}),
  };
  const [rows, total] = await Promise.all([
    db.auditLog.findMany({ where, orderBy: { id: 'desc' }, take: filter.limit, skip: filter.offset }),
    db.auditLog.count({ where }),
  ]);
  return {
    items: rows.map((r) => ({
      id: r.id,
      actor: r.actor,
      action: r.action,
      target: r.target,
      details: r.details === null ? null : (JSON.parse(r.details) as unknown),
      at: r.at,
    })),
    total,
  };
}
