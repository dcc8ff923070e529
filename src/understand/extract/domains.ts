/**
 * Domain facts: free-mail providers (whose domain says nothing about the buyer's company),
 * country-code TLDs that do name a country, and website host normalisation.
 */
import freeMailDomains from 'email-providers/all.json' with { type: 'json' };
import { parse } from 'tldts';
import { isCountryCode } from './country-names.ts';

/** Chinese and regional providers missing from the email-providers list. */
const EXTRA_FREE_MAIL = ['sohu.com', '163.net', '139.com', '189.cn', 'wo.cn', 'vip.qq.com'];
const FREE_MAIL = new Set<string>([...(freeMailDomains as string[]), ...EXTRA_FREE_MAIL]);

/**
 * Country-code TLDs sold worldwide as generic names (.co for "company", .io for tech, .tv...):
 * a site on them says nothing about where the buyer is.
 */
const GENERIC_CCTLDS = new Set([
  'co',
  'io',
  'me',
  'tv',
  'ai',
  'ly',
  'fm',
  'cc',
  'ws',
  'to',
  'sh',
  'ac',
  'gg',
  'tk',
  'ml',
  'ga',
  'cf',
  'gq',
  'nu',
  'la',
  'am',
  'vc',
  'so',
]);

/** Hosts that are somebody else's platform, never the buyer's own website. */
const NOT_A_COMPANY_SITE = new Set([
  'linkedin.com',
  'facebook.com',
  'instagram.com',
  'twitter.com',
  'x.com',
  'youtube.com',
  'wa.me',
  'whatsapp.com',
  't.me',
  'wechat.com',
  'skype.com',
  'google.com',
  'goo.gl',
  'bit.ly',
  'alibaba.com',
  'made-in-china.com',
  'globalsources.com',
  'aliexpress.com',
  'amazon.com',
]);

/**
 * National free-mail providers on generic TLDs: their users are almost all in one country, so a
 * national-format phone number ("138 2654 7719") in such a mail is read as that country's.
 */
const PROVIDER_COUNTRY: Record<string, string> = {
  'qq.com': 'CN',
  'foxmail.com': 'CN',
  '163.com': 'CN',
  '126.com': 'CN',
  'yeah.net': 'CN',
  'sina.com': 'CN',
  'sohu.com': 'CN',
  'aliyun.com': 'CN',
  '139.com': 'CN',
  'tom.com': 'CN',
  '21cn.com': 'CN',
  'naver.com': 'KR',
  'daum.net': 'KR',
  'hanmail.net': 'KR',
};

export function providerCountry(domain: string): string | null {
  const d = domain.toLowerCase();
  return PROVIDER_COUNTRY[d] ?? PROVIDER_COUNTRY[parse(d).domain ?? ''] ?? null;
}

export function emailDomain(email: string): string | null {
  const at = email.lastIndexOf('@');
  if (at < 0) return null;
  const domain = email
    .slice(at + 1)
    .trim()
    .toLowerCase();
  return domain.length > 0 ? domain : null;
}

export function isFreeMailDomain(domain: string): boolean {
  const d = domain.toLowerCase();
  if (FREE_MAIL.has(d)) return true;
  const registrable = parse(d).domain;
  return registrable !== null && FREE_MAIL.has(registrable);
}

/** ISO alpha-2 country of a host's country-code TLD ("acme.co.uk" -> GB), or null. */
export function ccTldCountry(host: string): string | null {
  const suffix = parse(host.toLowerCase()).publicSuffix;
  if (!suffix) return null;
  const tld = suffix.slice(suffix.lastIndexOf('.') + 1);
  if (tld.length !== 2 || GENERIC_CCTLDS.has(tld)) return null;
  const code = tld === 'uk' ? 'GB' : tld.toUpperCase();
  return isCountryCode(code) ? code : null;
}

/**
 * "https://www.Acme-Trading.com/en/" -> "acme-trading.com". Null when the text is not a host on
 * a real public suffix or is a social/marketplace platform.
 */
export function normalizeWebsite(raw: string): string | null {
  const stripped = raw
    .trim()
    .replace(/^[a-z]+:\/\//i, '')
    .replace(/[/?#:].*$/, '')
    .replace(/\.$/, '')
    .toLowerCase();
  const info = parse(stripped);
  if (!info.domain || !info.isIcann || !info.hostname) return null;
  if (NOT_A_COMPANY_SITE.has(info.domain)) return null;
  return info.hostname.replace(/^www\d?\./, '');
}

/** The corporate site implied by an address (never a free-mail provider's). */
export function websiteFromEmail(email: string): string | null {
  const domain = emailDomain(email);
  if (!domain || isFreeMailDomain(domain)) return null;
  return normalizeWebsite(domain);
}
