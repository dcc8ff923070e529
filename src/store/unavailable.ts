/**
 * A failure of the store itself, not of what was being written: the database could not be
 * reached, ended the session (a PostgreSQL restart or failover ends every session with 57P01),
 * ran out of connections or room, or another process held SQLite's write lock for longer
 * than the busy timeout. Such a failure says nothing about the message being stored, so the
 * ingest must leave the message waiting and try it again later, never quarantine it as bad.
 */
import { driverCause } from './write-conflicts.ts';

/** Prisma's own codes for a database it cannot reach or keep talking to. */
const PRISMA_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024', 'P2037']);
/** The driver adapters' kinds for the same. */
const ADAPTER_KINDS = new Set([
  'DatabaseNotReachable',
  'ConnectionClosed',
  'SocketTimeout',
  'TooManyConnections',
]);
/** Node's socket failures, as pg raises them. */
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EHOSTUNREACH',
]);

/**
 * PostgreSQL's SQLSTATEs (Appendix A of its manual) for a server that went away, is shutting
 * down or starting (57P01-57P03), ran out of disk or connections, or did not grant a lock in
 * time (55P03). Not 08P01 (a protocol violation), 53200 (out of memory) or 53400 (a configured
 * limit): one message can cause those every time, and it must then be quarantined, not left
 * waiting for ever.
 */
const POSTGRES_OUTAGES = new Set([
  ...['08000', '08001', '08003', '08004', '08006', '08007'],
  ...['53100', '53300'],
  ...['57P01', '57P02', '57P03', '55P03'],
]);

/**
 * pg's and pg-pool's own words for a connection that broke or could not be had: they carry no
 * code, and the driver adapter passes them on as they are.
 */
const PG_CONNECTION_LOST =
  /^(?:Connection terminated(?: unexpectedly| due to connection timeout)?|Client has encountered a connection error and is not queryable|timeout exceeded when trying to connect|Client was closed and is not queryable)$/;

/** SQLite: locked by another process past the busy timeout, disk full, or an I/O error. */
function isSqliteOutage(code: string): boolean {
  return /^SQLITE_(?:BUSY|LOCKED|FULL|IOERR)/.test(code);
}

export function isStoreUnavailable(err: unknown): boolean {
  // Wrapped failures (a TrademailError around Prisma's) carry the original as their cause.
  for (let e = err, depth = 0; e !== null && typeof e === 'object' && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') {
      if (PRISMA_CODES.has(code) || SOCKET_CODES.has(code) || isSqliteOutage(code)) return true;
      if (POSTGRES_OUTAGES.has(code)) return true;
    }
    // Line by line: Prisma puts the driver's words on a line of their own after its own.
    if (e instanceof Error && e.message.split('\n').some((line) => PG_CONNECTION_LOST.test(line.trim())))
      return true;
    const cause = driverCause(e);
    if (cause !== undefined) {
      if (typeof cause.kind === 'string' && ADAPTER_KINDS.has(cause.kind)) return true;
      for (const state of [cause.code, cause.originalCode])
        if (typeof state === 'string' && (POSTGRES_OUTAGES.has(state) || isSqliteOutage(state))) return true;
    }
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}
