/**
 * The outbound mail state machine (the outbox). A row is written with its final Message-ID in
 * `queued` before SMTP is ever called, so a crash can always be decided from the row:
 *
 *   queued ──claim──▶ sending ──250──▶ sent
 *                       │ ├──5xx──▶ failed          (recipient rejected: bounce handling)
 *                       │ ├──4xx──▶ queued          (retry later, capped exponential backoff)
 *                       │ └──no answer / crash──▶ uncertain
 *   uncertain ──found in Sent folder or submission log──▶ sent
 *   uncertain ──not found──▶ queued                (only now may it be sent again)
 *   queued ──cancel──▶ failed                      (enrollment stopped, address suppressed)
 *
 * `sent` and `failed` are final. The column OutboundMail.state holds these names.
 */
import { TrademailError } from '../errors.ts';

export const OUTBOUND_STATES = ['queued', 'sending', 'sent', 'failed', 'uncertain'] as const;
export type OutboundState = (typeof OUTBOUND_STATES)[number];

export const OUTBOUND_TRANSITIONS: Readonly<Record<OutboundState, readonly OutboundState[]>> = {
  queued: ['sending', 'failed'],
  sending: ['sent', 'failed', 'uncertain', 'queued'],
  uncertain: ['sent', 'queued'],
  sent: [],
  failed: [],
};

export function isOutboundState(value: string): value is OutboundState {
  return (OUTBOUND_STATES as readonly string[]).includes(value);
}

export function canTransitionOutbound(from: OutboundState, to: OutboundState): boolean {
  return OUTBOUND_TRANSITIONS[from].includes(to);
}

/** Checks a move and returns the new state; an illegal move throws ILLEGAL_TRANSITION. */
export function transitionOutbound(from: string, to: OutboundState): OutboundState {
  if (!isOutboundState(from) || !canTransitionOutbound(from, to)) {
    throw new TrademailError('ILLEGAL_TRANSITION', `outbound mail cannot move from ${from} to ${to}`, {
      details: { machine: 'outbound', from, to },
    });
  }
  return to;
}

export { transitionOutbound as transition };
