/** Both state machines: every move the tables allow succeeds, every other move is refused. */
import { describe, expect, it } from 'vitest';
import { isTrademailError } from '../../../src/errors.ts';
import {
  ENROLLMENT_STATES,
  ENROLLMENT_TRANSITIONS,
  type EnrollmentState,
  transition as transitionEnrollment,
} from '../../../src/sequences/enrollment-state.ts';
import {
  OUTBOUND_STATES,
  OUTBOUND_TRANSITIONS,
  type OutboundState,
  transition as transitionOutbound,
} from '../../../src/sequences/outbound-state.ts';

function refused(fn: () => unknown): boolean {
  try {
    fn();
    return false;
  } catch (err) {
    return isTrademailError(err, 'ILLEGAL_TRANSITION');
  }
}

describe('enrollment state machine', () => {
  const allowed: Array<[EnrollmentState, EnrollmentState]> = [
    ['active', 'paused'],
    ['paused', 'active'],
    ['active', 'stopped'],
    ['paused', 'stopped'],
    ['active', 'completed'],
  ];

  it('allows exactly the documented moves', () => {
    const table = ENROLLMENT_STATES.flatMap((from) => ENROLLMENT_TRANSITIONS[from].map((to) => [from, to]));
    expect(table.sort()).toEqual([...allowed].sort());
    for (const [from, to] of allowed) expect(transitionEnrollment(from, to)).toBe(to);
  });

  it('refuses every other move, including staying put and leaving a final state', () => {
    let checked = 0;
    for (const from of ENROLLMENT_STATES) {
      for (const to of ENROLLMENT_STATES) {
        if (allowed.some(([f, t]) => f === from && t === to)) continue;
        expect(
          refused(() => transitionEnrollment(from, to)),
          `${from} -> ${to}`,
        ).toBe(true);
        checked += 1;
      }
    }
    expect(checked).toBe(16 - allowed.length);
  });

  it('refuses a state name that is not one of ours (a corrupt row)', () => {
    expect(refused(() => transitionEnrollment('running', 'stopped'))).toBe(true);
  });
});

describe('outbound mail state machine', () => {
  const allowed: Array<[OutboundState, OutboundState]> = [
    ['queued', 'sending'],
    ['queued', 'failed'],
    ['sending', 'sent'],
    ['sending', 'failed'],
    ['sending', 'uncertain'],
    ['sending', 'queued'],
    ['uncertain', 'sent'],
    ['uncertain', 'queued'],
  ];

  it('allows exactly the documented moves', () => {
    const table = OUTBOUND_STATES.flatMap((from) => OUTBOUND_TRANSITIONS[from].map((to) => [from, to]));
    expect(table.sort()).toEqual([...allowed].sort());
    for (const [from, to] of allowed) expect(transitionOutbound(from, to)).toBe(to);
  });

  it('refuses every other move: nothing leaves sent or failed, uncertain never goes straight to sending', () => {
    let checked = 0;
    for (const from of OUTBOUND_STATES) {
      for (const to of OUTBOUND_STATES) {
        if (allowed.some(([f, t]) => f === from && t === to)) continue;
        expect(
          refused(() => transitionOutbound(from, to)),
          `${from} -> ${to}`,
        ).toBe(true);
        checked += 1;
      }
    }
    expect(checked).toBe(25 - allowed.length);
    expect(refused(() => transitionOutbound('uncertain', 'sending'))).toBe(true);
    expect(refused(() => transitionOutbound('queued', 'sent'))).toBe(true);
  });

  it('refuses a state name that is not one of ours', () => {
    expect(refused(() => transitionOutbound('delivered', 'sent'))).toBe(true);
  });
});
