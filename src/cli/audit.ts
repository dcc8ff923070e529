/** The audit log rows the command line writes, in the name of the operating-system user. */
import { userInfo } from 'node:os';
import { type AuditEntry, writeAudit } from '../api/audit.ts';
import type { Db } from '../store/client.ts';

/** Who ran the command, for the audit log. */
export function cliActor(): string {
  return `cli:${userInfo().username}`;
}

/** Records a command-line action as done by whoever ran the command. */
export function auditCli(db: Db, entry: Omit<AuditEntry, 'actor'>): Promise<void> {
  return writeAudit(db, { actor: cliActor(), ...entry });
}
