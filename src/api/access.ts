/**
 * Who may see and change what. A salesperson works on the leads they own; a manager on all;
 * the read-only role sees what a manager sees, redacted (redact.ts), and changes nothing.
 * Anything of another salesperson's lead is reported as not found, never as forbidden, so an id
 * does not reveal that the record exists.
 */
import type { Prisma } from '../../generated/sqlite/client.ts';
import { TrademailError } from '../errors.ts';

export const ROLES = ['salesperson', 'manager', 'readonly'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export interface Actor {
  id: number;
  email: string;
  name: string;
  role: Role;
  timeZone: string;
  managerId: number | null;
}

/** Leads the actor may see. */
export function leadScope(actor: Actor): Prisma.LeadWhereInput {
  return actor.role === 'salesperson' ? { ownerId: actor.id } : {};
}

/** True when the actor sees every lead (manager and read-only). */
export function seesAll(actor: Actor): boolean {
  return actor.role !== 'salesperson';
}

export function notFound(what: string, id: number | string): TrademailError {
  return new TrademailError('NOT_FOUND', `${what} ${id} does not exist`, { details: { what, id } });
}

export function forbidden(message: string): TrademailError {
  return new TrademailError('FORBIDDEN', message);
}

/** Refuses roles outside `allowed` with FORBIDDEN (for areas that are not about one lead). */
export function requireRole(actor: Actor, allowed: readonly Role[], what: string): void {
  if (!allowed.includes(actor.role)) {
    throw forbidden(`${what} is for ${allowed.join(' and ')} roles; you are ${actor.role}`);
  }
}

/** Refuses every change by the read-only role. */
export function requireWriter(actor: Actor): void {
  if (actor.role === 'readonly') throw forbidden('the readonly role cannot change anything');
}

/** Whether the actor may see a lead with this owner. */
export function canSeeLead(actor: Actor, lead: { ownerId: number | null }): boolean {
  return seesAll(actor) || lead.ownerId === actor.id;
}
