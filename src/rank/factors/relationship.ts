/** Factors from what we already know about the buyer: existing customer, tier, reorder. */
import { type FactorRule, factor } from './types.ts';

export const customerFactor: FactorRule = (input, { weights }) => {
  const customer = input.customer;
  if (customer === null) return null;
  if (customer.tier === null) return factor('customer', weights.customerTier.untiered, 'Existing customer');
  return factor('customer', weights.customerTier[customer.tier], `Existing customer, tier ${customer.tier}`);
};

/** Reorders go to the top: the users' funnel ends in reorders, and a lost one is revenue already won. */
export const reorderFactor: FactorRule = (input, { weights }) =>
  input.customer?.isReorder === true
    ? factor('reorder', weights.reorder, 'Reorder from an existing customer')
    : null;
