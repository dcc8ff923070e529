/**
 * The B2B platforms whose notices we parse, identified by the REGISTRABLE domain of the sender
 * (public-suffix aware, via tldts): "service.alibaba.com" is Alibaba, "alibaba.com.verify-login.xyz"
 * is verify-login.xyz. Lookalikes of a platform brand are a phishing signal, never a platform.
 */
import { getDomain, getHostname } from 'tldts';

export type PlatformId =
  | 'alibaba'
  | 'made-in-china'
  | 'globalsources'
  | 'dhgate'
  | 'ec21'
  | 'tradekey'
  | 'indiamart';

interface Platform {
  id: PlatformId;
  /** Registrable domains the platform really sends from. */
  domains: readonly string[];
  /** The brand as it appears inside lookalike hostnames, letters only. */
  brand: string;
}

export const PLATFORMS: readonly Platform[] = [
  { id: 'alibaba', domains: ['alibaba.com'], brand: 'alibaba' },
  { id: 'made-in-china', domains: ['made-in-china.com'], brand: 'madeinchina' },
  { id: 'globalsources', domains: ['globalsources.com'], brand: 'globalsources' },
  { id: 'dhgate', domains: ['dhgate.com'], brand: 'dhgate' },
  { id: 'ec21', domains: ['ec21.com'], brand: 'ec21' },
  { id: 'tradekey', domains: ['tradekey.com'], brand: 'tradekey' },
  { id: 'indiamart', domains: ['indiamart.com'], brand: 'indiamart' },
];

function registrableOf(addressOrHost: string): string | null {
  const host = addressOrHost.includes('@')
    ? addressOrHost.slice(addressOrHost.lastIndexOf('@') + 1)
    : addressOrHost;
  return getDomain(host.toLowerCase());
}

/** The platform that really owns this address's (or hostname's) domain, or null. */
export function platformOf(addressOrHost: string | null | undefined): PlatformId | null {
  if (!addressOrHost) return null;
  const domain = registrableOf(addressOrHost);
  if (!domain) return null;
  return PLATFORMS.find((p) => p.domains.includes(domain))?.id ?? null;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length]!;
}

/** Digits and letters that phishers swap for lookalikes ("a1ibaba", "globa1sources"). */
function unconfuse(s: string): string {
  return s.replace(/1/g, 'l').replace(/0/g, 'o').replace(/rn/g, 'm').replace(/vv/g, 'w');
}

/**
 * The platform this address or hostname imitates, or null. A domain imitates a brand when
 * it is not the platform's own and either carries the brand inside its hostname
 * ("alibaba-inquiry.com", "alibaba.com.verify-login.xyz") or its name is within two edits
 * of the brand ("made-in-chinaa.com", "a1ibaba.com").
 */
export function lookalikePlatform(addressOrHost: string | null | undefined): PlatformId | null {
  if (!addressOrHost) return null;
  const raw = addressOrHost.includes('@')
    ? addressOrHost.slice(addressOrHost.lastIndexOf('@') + 1)
    : (getHostname(addressOrHost) ?? addressOrHost);
  const host = raw.toLowerCase();
  const domain = getDomain(host);
  if (!domain || platformOf(host)) return null;
  const flatHost = unconfuse(host.replace(/[^a-z0-9]/g, ''));
  const label = unconfuse(domain.split('.')[0]!.replace(/[^a-z0-9]/g, ''));
  for (const p of PLATFORMS) {
    if (p.brand.length < 6) continue;
    if (flatHost.includes(p.brand)) return p.id;
    const edits = p.brand.length >= 9 ? 2 : 1;
    // Names that differ in length by more than that are further apart anyway, without the table.
    if (Math.abs(label.length - p.brand.length) > edits) continue;
    if (editDistance(label, p.brand) <= edits) return p.id;
  }
  return null;
}
