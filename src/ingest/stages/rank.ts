/**
 * Stage: rank. Turns an understood inquiry into the ranker's input and scores it (src/rank).
 * Pure: what the store knows about the buyer (earlier inquiries, existing-customer facts) is
 * looked up by the caller for the whole batch beforehand and passed in as plain data, with the
 * `customers` accounts from the config. Only inquiries are ranked; other kinds get null.
 */
import type { CustomerAccount } from '../../config/sales-rules.ts';
import { type CustomerTier, INQUIRY_KINDS } from '../../domain/types.ts';
import type { InquiryKind, RankInput, RankResult } from '../../rank/priority.ts';
import { rankInquiry } from '../../rank/priority.ts';
import type { RankingConfig } from '../../rank/ranking-schema.ts';
import { emailDomain, isFreeMailDomain } from '../../understand/extract/domains.ts';
import type { Understanding } from '../../understand/understand.ts';

/** How the store knows a buyer: by address, or by platform id when the platform hides it. */
export interface BuyerKey {
  readonly email: string | null;
  readonly platform: string | null;
  readonly platformBuyerId: string | null;
}

/** What the store already knows about a buyer, looked up before the stage runs. */
export interface BuyerHistory {
  /** Inquiries stored from this buyer before this one. */
  readonly earlierInquiries: number;
  /** Set when the store knows the buyer's company as a customer (tier or past orders). */
  readonly customer: { readonly tier: CustomerTier | null } | null;
}

export const NO_HISTORY: BuyerHistory = Object.freeze({ earlierInquiries: 0, customer: null });

export interface RankContext {
  readonly ranking: RankingConfig;
  /** Existing customers from the config (`customers.accounts`). */
  readonly accounts: readonly CustomerAccount[];
  readonly history: (buyer: BuyerKey) => BuyerHistory;
}

/** The `priority` object of `trademail parse --json`. */
export interface PriorityJson {
  score: number;
  tier: string;
  slaHours: number;
  reasons: string[];
}

export function isInquiryKind(kind: string): kind is InquiryKind {
  return (INQUIRY_KINDS as readonly string[]).includes(kind);
}

export function buyerKeyOf(u: Understanding): BuyerKey | null {
  const email = u.lead?.email?.toLowerCase() ?? null;
  const platform = u.extras.platform;
  const platformBuyerId = u.extras.platformBuyerId;
  if (email === null && (platform === null || platformBuyerId === null)) return null;
  return { email, platform, platformBuyerId };
}

/** The config account a buyer belongs to: its exact address, else its mail domain or a parent domain. */
export function matchAccount(
  email: string | null,
  accounts: readonly CustomerAccount[],
): CustomerAccount | null {
  if (email === null) return null;
  const address = email.toLowerCase();
  const byEmail = accounts.find((a) => a.email === address);
  if (byEmail !== undefined) return byEmail;
  const domain = emailDomain(address);
  if (domain === null) return null;
  return (
    accounts.find(
      (a) => a.domain !== undefined && (domain === a.domain || domain.endsWith(`.${a.domain}`)),
    ) ?? null
  );
}

/** How fully the buyer identified themselves: name, title, company, phone, country. */
function identification(u: Understanding): number {
  const l = u.lead;
  if (l === null) return 0;
  const fields = [l.name, l.title, l.company, l.phone, l.country];
  return fields.filter((f) => f !== null && f !== '').length / fields.length;
}

/**
 * An existing customer, from the config or the store. Any inquiry from one counts as a reorder:
 * they have bought before, and the users put repeat business at the top of the queue.
 */
function customerOf(account: CustomerAccount | null, history: BuyerHistory): RankInput['customer'] {
  if (account === null && history.customer === null) return null;
  return { tier: account?.tier ?? history.customer?.tier ?? null, isReorder: true };
}

export function toRankInput(
  u: Understanding,
  kind: InquiryKind,
  history: BuyerHistory,
  accounts: readonly CustomerAccount[],
): RankInput {
  const email = u.lead?.email?.toLowerCase() ?? null;
  const domain = email === null ? null : emailDomain(email);
  const i = u.inquiry;
  return {
    kind,
    grade: u.grade,
    detailScore: Math.min(1, Math.max(0, u.extras.detailScore ?? 0)),
    genericRequest: u.extras.genericRequest,
    quantity: i?.quantity ?? null,
    unit: i?.unit ?? null,
    targetPrice: i?.targetPrice ?? null,
    currency: i?.currency ?? null,
    products: i?.products ?? [],
    certifications: i?.certifications ?? [],
    sampleRequest: i?.sampleRequest ?? false,
    urgency: u.extras.urgency ?? 'normal',
    buyer: {
      email,
      domainIsFreeMail: domain !== null && isFreeMailDomain(domain),
      hasWebsite: (u.lead?.website ?? null) !== null,
      signatureCompleteness: identification(u),
      country: u.lead?.country ?? null,
    },
    customer: customerOf(matchAccount(email, accounts), history),
    repeatInquiryCount: history.earlierInquiries,
    platform: u.extras.platform,
    spamSignals: u.extras.spamSignals,
  };
}

/** The priority of an inquiry; null for every other kind of message. */
export function rankStage(u: Understanding, ctx: RankContext): RankResult | null {
  if (!isInquiryKind(u.kind)) return null;
  const key = buyerKeyOf(u);
  const history = key === null ? NO_HISTORY : ctx.history(key);
  return rankInquiry(toRankInput(u, u.kind, history, ctx.accounts), ctx.ranking);
}

export function priorityJson(result: RankResult | null): PriorityJson | null {
  if (result === null) return null;
  return { score: result.score, tier: result.tier, slaHours: result.slaHours, reasons: [...result.reasons] };
}
