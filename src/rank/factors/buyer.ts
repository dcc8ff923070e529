/** Factors about who is asking and where from: is the buyer real, in a market we want, through which channel. */
import { type FactorRule, factor, listShort, percent } from './types.ts';

export const domainFactor: FactorRule = (input, { weights }) => {
  const email = input.buyer.email;
  if (email === null) return null;
  const domain = email.slice(email.lastIndexOf('@') + 1).toLowerCase();
  return input.buyer.domainIsFreeMail
    ? factor('domain', weights.freeMailDomain, `Writes from a free-mail address (${domain})`)
    : factor('domain', weights.corporateDomain, `Company email domain (${domain})`);
};

export const websiteFactor: FactorRule = (input, { weights }) =>
  input.buyer.hasWebsite ? factor('website', weights.website, 'Company has a website') : null;

export const signatureFactor: FactorRule = (input, { weights }) =>
  factor(
    'signature',
    weights.signature * input.buyer.signatureCompleteness,
    `Signature ${percent(input.buyer.signatureCompleteness)} complete`,
  );

export const marketFactor: FactorRule = (input, { weights, targetMarkets }) => {
  const country = input.buyer.country?.toUpperCase() ?? null;
  if (country === null || targetMarkets.length === 0) return null;
  return targetMarkets.includes(country)
    ? factor('market', weights.targetMarket, `Buyer in a target market (${country})`)
    : factor('market', weights.outsideTargetMarket, `Buyer outside the target markets (${country})`);
};

const SOURCE_LABEL = {
  inquiry: 'Direct email',
  form_inquiry: 'Website contact form',
  forwarded_inquiry: 'Forwarded by a salesperson',
  platform_inquiry: 'B2B platform inquiry',
} as const;

export const sourceFactor: FactorRule = (input, { weights }) => {
  const platform = input.platform?.trim() ?? '';
  if (input.kind === 'platform_inquiry' && platform !== '') {
    const points = weights.platforms[platform.toLowerCase()] ?? weights.source.platform_inquiry;
    return factor('source', points, `${SOURCE_LABEL.platform_inquiry} via ${platform}`);
  }
  return factor('source', weights.source[input.kind], SOURCE_LABEL[input.kind]);
};

export const spamFactor: FactorRule = (input, { weights }) => {
  const n = input.spamSignals.length;
  if (n === 0) return null;
  const points = Math.max(weights.spamSignal * n, weights.spamMax);
  return factor('fraud', points, `Fraud/junk signals (${listShort(input.spamSignals)})`);
};
