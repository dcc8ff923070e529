/**
 * Charts over the inquiries received in a period: first-response time distribution, SLA met %,
 * inquiries by country and by product. Pure functions over the rows the index query loads.
 */
import { type SlaInquiry, type SlaTally, tallySla } from '../sla.ts';

export interface ChartInquiry extends SlaInquiry {
  country: string | null;
  products: string[];
}

const MINUTE_MS = 60_000;

/** Upper bounds in minutes; the last bucket is open-ended. */
export const RESPONSE_BUCKETS: ReadonlyArray<{ label: string; below: number }> = [
  { label: '< 1 h', below: 60 },
  { label: '1-2 h', below: 120 },
  { label: '2-4 h', below: 240 },
  { label: '4-8 h', below: 480 },
  { label: '8-24 h', below: 1440 },
  { label: '24-48 h', below: 2880 },
  { label: '> 48 h', below: Number.POSITIVE_INFINITY },
];

export interface FirstResponseChart {
  buckets: Array<{ label: string; count: number }>;
  answered: number;
  unanswered: number;
  medianMinutes: number | null;
}

export function firstResponseChart(inquiries: readonly ChartInquiry[]): FirstResponseChart {
  const minutes = inquiries
    .filter((i) => i.answeredAt !== null)
    .map((i) => Math.max(0, (i.answeredAt!.getTime() - i.receivedAt.getTime()) / MINUTE_MS))
    .sort((a, b) => a - b);
  const buckets = RESPONSE_BUCKETS.map((b) => ({ label: b.label, count: 0 }));
  for (const m of minutes) buckets[RESPONSE_BUCKETS.findIndex((b) => m < b.below)]!.count++;
  let median: number | null = null;
  if (minutes.length > 0) {
    const mid = Math.floor(minutes.length / 2);
    median = minutes.length % 2 === 1 ? minutes[mid]! : (minutes[mid - 1]! + minutes[mid]!) / 2;
    median = Math.round(median);
  }
  return {
    buckets,
    answered: minutes.length,
    unanswered: inquiries.length - minutes.length,
    medianMinutes: median,
  };
}

export function slaChart(inquiries: readonly ChartInquiry[], standardHours: number, now: Date): SlaTally {
  return tallySla(inquiries, standardHours, now);
}

function ranked<K>(counts: Map<K, number>): Array<[K, number]> {
  return [...counts].sort((a, b) => b[1] - a[1] || String(a[0]).localeCompare(String(b[0])));
}

export function byCountryChart(
  inquiries: readonly ChartInquiry[],
): Array<{ country: string | null; count: number }> {
  const counts = new Map<string | null, number>();
  for (const i of inquiries) counts.set(i.country, (counts.get(i.country) ?? 0) + 1);
  return ranked(counts).map(([country, count]) => ({ country, count }));
}

export function byProductChart(
  inquiries: readonly ChartInquiry[],
  top = 20,
): Array<{ product: string; count: number }> {
  const counts = new Map<string, number>();
  for (const i of inquiries) {
    for (const p of new Set(i.products)) counts.set(p, (counts.get(p) ?? 0) + 1);
  }
  return ranked(counts)
    .slice(0, top)
    .map(([product, count]) => ({ product, count }));
}
