/**
 * Idempotency rests on unique constraints: a second writer of the same fact gets Prisma's
 * unique-constraint error (P2002) and treats the fact as already recorded.
 */
export function isUniqueViolation(err: unknown): boolean {
  return (err as { code?: unknown } | null)?.code === 'P2002';
}
