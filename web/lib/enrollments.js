/**
 * An enrollment's state, why it stopped or paused, and the actions a person may take on it
 * (pause / resume / stop), with an inline reason field instead of a browser dialog.
 */
import { post } from './api.js';
import { h, replace } from './dom.js';
import { dateTime } from './format.js';

const STOP_WORDS = {
  replied: 'the buyer replied',
  company_replied: 'someone at the buyer’s company replied',
  hard_bounce: 'the address bounced',
  unsubscribed: 'the buyer unsubscribed',
  suppressed: 'the address is suppressed',
  undeliverable: 'the address is undeliverable',
  no_address: 'no email address',
  manual_contact: 'a salesperson wrote to the buyer',
  out_of_office: 'the buyer is out of office',
  manual: 'by hand',
  last_step: 'every step was sent',
  max_age: 'it reached its maximum age',
};

export function reasonText(reason) {
  if (!reason) return null;
  return STOP_WORDS[reason] ?? reason.replaceAll('_', ' ');
}

/** "stopped: the buyer replied", "paused until 3 Dec: out of office", "next step 4 Dec 09:00". */
export function stateLine(e) {
  if (e.state === 'stopped')
    return `stopped ${dateTime(e.stateEnteredAt)}${e.stopReason ? `: ${reasonText(e.stopReason)}` : ''}`;
  if (e.state === 'completed')
    return `completed ${dateTime(e.stateEnteredAt)}${e.stopReason ? `: ${reasonText(e.stopReason)}` : ''}`;
  if (e.state === 'paused') {
    const why = reasonText(e.stopReason);
    return `paused ${e.pausedUntil ? `until ${dateTime(e.pausedUntil)}` : 'until resumed'}${why ? `: ${why}` : ''}`;
  }
  return e.nextStepAt ? `next step (${e.nextPosition + 1}) ${dateTime(e.nextStepAt)}` : 'active';
}

export function stateBadge(state) {
  return h('span', { class: `badge state-${state}`, 'data-role': 'state' }, state);
}

/**
 * Buttons for the moves the enrollment's state allows. `onChanged(updated)` gets the enrollment
 * as the server answers after the move.
 */
export function enrollmentActions(e, { me, toast, onChanged }) {
  const box = h('div', { class: 'actions', 'data-enrollment-id': e.id });
  if (me.role === 'readonly' || e.state === 'stopped' || e.state === 'completed') return box;

  const run = async (action, body, button) => {
    button.disabled = true;
    try {
      const answer = await post(`/api/enrollments/${e.id}/${action}`, body);
      toast(
        `Enrollment ${e.id}: ${action === 'stop' ? 'stopped' : action === 'pause' ? 'paused' : 'resumed'}.`,
        'ok',
      );
      onChanged(answer.enrollment);
    } catch (err) {
      toast(`Could not ${action}: ${err.message}`, 'error');
      button.disabled = false;
    }
  };

  const ask = (action, verb) => {
    const reason = h('input', {
      type: 'text',
      name: 'reason',
      placeholder: 'reason (optional)',
      'aria-label': `Reason to ${action}`,
    });
    const confirm = h(
      'button',
      { type: 'submit', class: action === 'stop' ? 'danger' : 'primary' },
      `Confirm ${verb}`,
    );
    const form = h(
      'form',
      {
        class: 'confirm',
        onSubmit: (event) => {
          event.preventDefault();
          const text = reason.value.trim();
          run(action, text ? { reason: text.slice(0, 200) } : {}, confirm);
        },
      },
      reason,
      confirm,
      h('button', { type: 'button', class: 'link', onClick: () => replace(box, buttons()) }, 'Cancel'),
    );
    replace(box, form);
    reason.focus();
  };

  const buttons = () => [
    e.state === 'active'
      ? h('button', { type: 'button', 'data-action': 'pause', onClick: () => ask('pause', 'pause') }, 'Pause')
      : null,
    e.state === 'paused'
      ? h(
          'button',
          { type: 'button', 'data-action': 'resume', onClick: (ev) => run('resume', {}, ev.currentTarget) },
          'Resume',
        )
      : null,
    h(
      'button',
      { type: 'button', class: 'danger-outline', 'data-action': 'stop', onClick: () => ask('stop', 'stop') },
      'Stop',
    ),
  ];
  replace(box, buttons());
  return box;
}
