/**
 * Existing customers: tiers and wake-up flags, on a schedule.
 *
 * - Tiers: a tier in the config (`customers.accounts`) wins; otherwise companies with order
 *   data are graded from it (A: over 30% of annual purchases and 2+ years; B: rising; C: the
 *   rest), again every six months (users' rule). Their leads are marked `customer`.
 * - Wake-up: a customer with no inquiry for `customers.wakeUpAfterMonths` (default 3) is
 *   flagged (Lead.wakeUpFlaggedAt and the reason) for the wake-up sequence; a new inquiry
 *   clears the flag (src/sla/open-inquiry.ts), so each silence is flagged once.
 */
import type { Config } from '../config/schema.ts';
import { customerTier, needsWakeUp, regradeDue } from '../rank/customer-tier.ts';
import type { Db } from '../store/client.ts';

export interface CustomersReport {
  graded: { companyId: number; tier: string; from: 'config' | 'orders' }[];
  markedCustomers: number;
  flagged: { leadId: number; reason: string }[];
}

const YEAR_MS = 365.25 * 86_400_000;

async function markLeads(db: Db, where: { companyId: number } | { email: string }): Promise<number> {
  const { count } = await db.lead.updateMany({
    where: { ...where, status: { not: 'customer' } },
    data: { status: 'customer' },
  });
  return count;
}

async function setTier(
  db: Db,
  companyId: number,
  current: string | null,
  tier: string,
  now: Date,
): Promise<boolean> {
  await db.company.update({
    where: { id: companyId },
    data: { tier, tierGradedAt: now, ...(current === tier ? {} : { tierSince: now }) },
  });
  return current !== tier;
}

async function configTiers(db: Db, config: Config, now: Date, report: CustomersReport): Promise<Set<number>> {
  const fixed = new Set<number>();
  for (const account of config.customers.accounts) {
    if (account.email !== undefined) {
      report.markedCustomers += await markLeads(db, { email: account.email });
      continue;
    }
    const company = await db.company.upsert({
      where: { domain: account.domain! },
      create: { domain: account.domain!, name: account.name ?? null },
      update: {},
    });
    report.markedCustomers += await markLeads(db, { companyId: company.id });
    if (account.tier === undefined) continue;
    fixed.add(company.id);
    if (await setTier(db, company.id, company.tier, account.tier, now)) {
      report.graded.push({ companyId: company.id, tier: account.tier, from: 'config' });
    }
  }
  return fixed;
}

async function orderTiers(
  db: Db,
  config: Config,
  fixed: Set<number>,
  now: Date,
  report: CustomersReport,
): Promise<void> {
  const rates = config.ranking.valueSignals.fxToUsd;
  const orders = await db.customerOrder.findMany({
    select: { companyId: true, orderedAt: true, amount: true, currency: true },
  });
  // An order in a currency without a rate cannot be sized, so it is left out of the shares.
  const usd = orders.flatMap((o) => {
    const rate = rates[o.currency.toUpperCase()];
    return rate === undefined ? [] : [{ ...o, usd: o.amount * rate }];
  });
  const yearAgo = now.getTime() - YEAR_MS;
  const annual = usd.filter((o) => o.orderedAt.getTime() > yearAgo).reduce((sum, o) => sum + o.usd, 0);
  const companies = await db.company.findMany({
    where: { orders: { some: {} } },
    select: { id: true, tier: true, tierGradedAt: true },
  });
  for (const company of companies) {
    report.markedCustomers += await markLeads(db, { companyId: company.id });
    if (fixed.has(company.id) || !regradeDue(company.tierGradedAt, now)) continue;
    const own = usd.filter((o) => o.companyId === company.id);
    const first = orders.filter((o) => o.companyId === company.id).map((o) => o.orderedAt.getTime());
    const lastYear = own.filter((o) => o.orderedAt.getTime() > yearAgo).reduce((sum, o) => sum + o.usd, 0);
    const decision = customerTier(
      {
        purchaseShare: annual > 0 ? lastYear / annual : null,
        customerSince: first.length === 0 ? null : new Date(Math.min(...first)),
        purchases: own.map((o) => ({ at: o.orderedAt, amount: o.usd })),
      },
      now,
    );
    if (await setTier(db, company.id, company.tier, decision.tier, now)) {
      report.graded.push({ companyId: company.id, tier: decision.tier, from: 'orders' });
    }
  }
}

async function wakeUps(db: Db, config: Config, now: Date, report: CustomersReport): Promise<void> {
  const customers = await db.lead.findMany({
    where: { status: 'customer', wakeUpFlaggedAt: null },
    select: { id: true, lastInquiryAt: true, createdAt: true },
  });
  for (const lead of customers) {
    const reason = needsWakeUp(lead.lastInquiryAt ?? lead.createdAt, now, config.customers.wakeUpAfterMonths);
    if (reason === null) continue;
    const { count } = await db.lead.updateMany({
      where: { id: lead.id, wakeUpFlaggedAt: null },
      data: { wakeUpFlaggedAt: now, wakeUpReason: reason },
    });
    if (count === 1) report.flagged.push({ leadId: lead.id, reason });
  }
}

export async function runCustomersJob(db: Db, config: Config, now: Date): Promise<CustomersReport> {
  const report: CustomersReport = { graded: [], markedCustomers: 0, flagged: [] };
  const fixed = await configTiers(db, config, now, report);
  await orderTiers(db, config, fixed, now, report);
  await wakeUps(db, config, now, report);
  return report;
}
