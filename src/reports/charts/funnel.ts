/**
 * The sales funnel inquiry -> quotation -> sample -> order over the leads with an inquiry in
 * the period. The store has no quotation or sample table, so each stage is read from what the
 * timeline shows after the lead's first inquiry of the period (docs/api.md lists the rules).
 * A lead counts at the furthest stage it reached and at every stage before it: a buyer who
 * ordered went through a quotation even when that mail was not logged.
 */

export const FUNNEL_STAGES = ['inquiry', 'quotation', 'sample', 'order'] as const;
export type FunnelStage = (typeof FUNNEL_STAGES)[number];

/** Subjects of our mail that carry a quotation (English, common abbreviations, Chinese 报价). */
export const QUOTATION_SUBJECT = /\b(quot(e|es|ed|ation|ations)|price\s*list|pro\s*-?\s*forma|PI)\b|报价/i;
/** Subjects that speak of samples (English, Spanish muestra, Chinese 样品). */
export const SAMPLE_SUBJECT = /\bsamples?\b|\bmuestras?\b|样品/i;

export interface FunnelLead {
  leadId: number;
  /** first inquiry in the period */
  firstInquiryAt: Date;
  enrolledInQuotationAt: Date[];
  /** our mails (sent by us or logged by BCC): subject and time */
  outbound: Array<{ subject: string; at: Date }>;
  /** all mail with the lead, either way: subject and time */
  mail: Array<{ subject: string; at: Date }>;
  askedForSamples: boolean;
  orderDates: Date[];
}

export function furthestStage(l: FunnelLead): FunnelStage {
  const after = (d: Date) => d.getTime() >= l.firstInquiryAt.getTime();
  if (l.orderDates.some(after)) return 'order';
  if (l.askedForSamples || l.mail.some((m) => after(m.at) && SAMPLE_SUBJECT.test(m.subject))) return 'sample';
  if (
    l.enrolledInQuotationAt.some(after) ||
    l.outbound.some((m) => after(m.at) && QUOTATION_SUBJECT.test(m.subject))
  ) {
    return 'quotation';
  }
  return 'inquiry';
}

export function funnelChart(leads: readonly FunnelLead[]): Array<{ stage: FunnelStage; leads: number }> {
  const reached = FUNNEL_STAGES.map(() => 0);
  for (const l of leads) {
    const furthest = FUNNEL_STAGES.indexOf(furthestStage(l));
    for (let s = 0; s <= furthest; s++) reached[s]!++;
  }
  return FUNNEL_STAGES.map((stage, i) => ({ stage, leads: reached[i]! }));
}
