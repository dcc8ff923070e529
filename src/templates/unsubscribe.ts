import { TrademailError } from '../errors.ts';

/** Where a recipient can unsubscribe: an address for mail clients and an HTTPS one-click URL. */
export interface UnsubscribeTarget {
  /** e.g. 'unsubscribe@example.com' (or 'mailto:unsubscribe@example.com') */
  mailto: string;
  /** e.g. 'https://example.com/u/5f2c...': must identify the recipient, must be HTTPS */
  url: string;
}

export interface ListUnsubscribeHeaders {
  'List-Unsubscribe': string;
  'List-Unsubscribe-Post': string;
}

const ADDRESS = /^[^\s<>(),;:@"]+@[^\s<>(),;:@"]+\.[^\s<>(),;:@"]+$/;

function invalid(field: string, message: string): never {
  throw new TrademailError('TEMPLATE_INVALID', `unsubscribe.${field}: ${message}`, { details: { field } });
}

/**
 * Builds List-Unsubscribe (RFC 2369) with both a mailto and an HTTPS URI, plus
 * List-Unsubscribe-Post (RFC 8058) so mailbox providers can unsubscribe with one click by POSTing
 * "List-Unsubscribe=One-Click" to the URL. RFC 8058 requires the HTTPS URI; large providers now
 * require one-click on bulk mail. The headers must be covered by the DKIM signature (RFC 8058 s.4).
 */
export function buildListUnsubscribeHeaders(target: UnsubscribeTarget): ListUnsubscribeHeaders {
  const address = target.mailto.replace(/^mailto:/i, '').trim();
  if (!ADDRESS.test(address)) invalid('mailto', `"${target.mailto}" is not a plain email address`);
  let url: URL;
  try {
    url = new URL(target.url);
  } catch {
    return invalid('url', `"${target.url}" is not a URL`);
  }
  if (url.protocol !== 'https:') invalid('url', `"${target.url}" must use https (RFC 8058 one-click)`);
  // Inside <...> a comma or angle bracket would end the URI early (RFC 2369 s.2): escape them.
  const href = url.href.replace(/,/g, '%2C').replace(/</g, '%3C').replace(/>/g, '%3E');
  return {
    'List-Unsubscribe': `<mailto:${address}?subject=unsubscribe>, <${href}>`,
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
  };
}
