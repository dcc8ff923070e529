/**
 * The enrollment state machine: one lead going through one sequence.
 *
 *   active ──pause──▶ paused ──resume──▶ active
 *   active | paused ──stop──▶ stopped        (reply, bounce, unsubscribe, manual stop ...)
 *   active ──complete──▶ completed           (last step queued, or the sequence's maximum age)
 *
 * `stopped` and `completed` are final: a lead that should get the sequence again is enrolled
 * anew (the unique liveKey allows it once the old enrollment has ended). The column
 * Enrollment.state holds these names; Enrollment.stateEnteredAt when it last changed.
 */
import { TrademailError } from '../errors.ts';

export const ENROLLMENT_STATES = ['active', 'paused', 'stopped', 'completed'] as const;
export type EnrollmentState = (typeof ENROLLMENT_STATES)[number];

/** States in which the enrollment holds its liveKey (at most one per lead and sequence). */
export const LIVE_ENROLLMENT_STATES: readonly EnrollmentState[] = ['active', 'paused'];

export const ENROLLMENT_TRANSITIONS: Readonly<Record<EnrollmentState, readonly EnrollmentState[]>> = {
  active: ['paused', 'stopped', 'completed'],
  paused: ['active', 'stopped'],
  stopped: [],
  completed: [],
};

export function isEnrollmentState(value: string): value is EnrollmentState {
  return (ENROLLMENT_STATES as readonly string[]).includes(value);
}

export function canTransitionEnrollment(from: EnrollmentState, to: EnrollmentState): boolean {
  return ENROLLMENT_TRANSITIONS[from].includes(to);
}

/**
 * Checks a move and returns the new state; an illegal move (or a state name that is not one of
 * ours, read from the database) throws ILLEGAL_TRANSITION.
 */
export function transitionEnrollment(from: string, to: EnrollmentState): EnrollmentState {
  if (!isEnrollmentState(from) || !canTransitionEnrollment(from, to)) {
    throw new TrademailError('ILLEGAL_TRANSITION', `enrollment cannot move from ${from} to ${to}`, {
      details: { machine: 'enrollment', from, to },
    });
  }
  return to;
}

export { transitionEnrollment as transition };
