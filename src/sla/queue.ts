/**
 * The queue: open inquiries, the most urgent first (deadline, then score), each with the
 * working time left on its clock in its owner's hours, who owns it, who is asking, and why it
 * ranks where it does. Read by `trademail queue`.
 */
import type { Config } from '../config/schema.ts';
import type { PriorityTier } from '../domain/types.ts';
import { TrademailError } from '../errors.ts';
import { workingTimeBetween } from '../rank/working-hours.ts';
import type { Db } from '../store/client.ts';
import { BUYER_FIELDS, type BuyerSummary, buyerSummary } from './buyer.ts';
import { calendarOf } from './people.ts';

export interface QueueFilter {
  /** Salesperson email. */
  owner?: string;
  tier?: PriorityTier;
  /** Only inquiries past their deadline. */
  overdue?: boolean;
  limit?: number;
}

export interface QueueEntry {
  inquiryId: number;
  tier: PriorityTier | null;
  score: number | null;
  slaHours: number | null;
  reasons: string[];
  receivedAt: Date;
  deadlineAt: Date | null;
  /** Working time left until the deadline, in the owner's hours; negative once overdue. */
  workingMsLeft: number | null;
  overdue: boolean;
  owner: { email: string; name: string } | null;
  buyer: BuyerSummary;
  products: string[];
  grade: string | null;
  kind: string;
  subject: string;
}

const TIERS = ['P1', 'P2', 'P3'] as const;

/**
 * The company the mail itself names (signature, platform or form field): the store keys
 * companies on corporate mail domains, so a buyer on Gmail or behind a platform has none there.
 */
function companyInMail(understanding: string | null): string | null {
  if (understanding === null) return null;
  const company = (JSON.parse(understanding) as { lead?: { company?: unknown } | null }).lead?.company;
  return typeof company === 'string' && company !== '' ? company : null;
}

export function parseTier(value: string): PriorityTier {
  const tier = value.toUpperCase();
  if (!(TIERS as readonly string[]).includes(tier)) {
    throw new TrademailError('USAGE', `--tier must be one of ${TIERS.join(', ')}, got ${value}`);
  }
  return tier as PriorityTier;
}

export async function loadQueue(
  db: Db,
  config: Config,
  now: Date,
  filter: QueueFilter = {},
): Promise<QueueEntry[]> {
  const rows = await db.inquiry.findMany({
    where: {
      status: 'open',
      ...(filter.owner === undefined ? {} : { owner: { email: filter.owner.toLowerCase() } }),
      ...(filter.tier === undefined ? {} : { priorityTier: filter.tier }),
      ...(filter.overdue ? { deadlineAt: { lte: now } } : {}),
    },
    orderBy: [
      { deadlineAt: { sort: 'asc', nulls: 'last' } },
      { score: { sort: 'desc', nulls: 'last' } },
      { id: 'asc' },
    ],
    ...(filter.limit === undefined ? {} : { take: filter.limit }),
    select: {
      id: true,
      kind: true,
      priorityTier: true,
      score: true,
      slaHours: true,
      reasons: true,
      receivedAt: true,
      deadlineAt: true,
      products: true,
      grade: true,
      owner: { select: { email: true, name: true } },
      message: { select: { subject: true, understanding: true } },
      lead: BUYER_FIELDS,
    },
  });
  return rows.map((r) => {
    // Working time from now to the deadline: what is left, negative once it has passed.
    const left =
      r.deadlineAt === null
        ? null
        : workingTimeBetween(calendarOf(config, r.owner?.email), now, r.deadlineAt);
    return {
      inquiryId: r.id,
      tier: (TIERS as readonly string[]).includes(r.priorityTier ?? '')
        ? (r.priorityTier as PriorityTier)
        : null,
      score: r.score,
      slaHours: r.slaHours,
      reasons: JSON.parse(r.reasons) as string[],
      receivedAt: r.receivedAt,
      deadlineAt: r.deadlineAt,
      workingMsLeft: left,
      overdue: r.deadlineAt !== null && r.deadlineAt.getTime() <= now.getTime(),
      owner: r.owner,
      buyer: buyerSummary(r.lead, r.lead.company?.name ?? companyInMail(r.message.understanding)),
      products: JSON.parse(r.products) as string[],
      grade: r.grade,
      kind: r.kind,
      subject: r.message.subject,
    };
  });
}
