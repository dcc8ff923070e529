/**
 * Sequences (their steps and how many leads are in each state) and the enrollments, filterable
 * by state and sequence, each with why it stopped or paused and the actions allowed.
 */
import { get, query } from '../lib/api.js';
import { h, replace } from '../lib/dom.js';
import { enrollmentActions, stateBadge, stateLine } from '../lib/enrollments.js';
import { delayRange } from '../lib/format.js';

const STATES = ['active', 'paused', 'stopped', 'completed'];

function sequenceCard(seq, setFilter) {
  return h(
    'li',
    { class: 'card sequence', 'data-sequence': seq.name },
    h(
      'div',
      { class: 'card-head' },
      h('h3', null, seq.name),
      h('span', { class: 'muted small' }, `v${seq.version ?? 1}`),
    ),
    seq.description ? h('p', { class: 'small' }, seq.description) : null,
    h(
      'ol',
      { class: 'steps' },
      seq.steps.map((st) =>
        h(
          'li',
          null,
          h('span', { class: 'step-delay' }, delayRange(st.minDelayMinutes, st.maxDelayMinutes)),
          ' ',
          h('span', null, st.stepKey),
        ),
      ),
    ),
    h(
      'p',
      { class: 'counts' },
      STATES.map((state) =>
        h(
          'button',
          {
            type: 'button',
            class: `count state-${state}`,
            onClick: () => setFilter({ sequence: seq.name, state }),
          },
          `${seq.enrollments?.[state] ?? 0} ${state}`,
        ),
      ),
    ),
  );
}

function enrollmentRow(e, ctx, onChanged) {
  return h(
    'tr',
    { 'data-enrollment-id': e.id, class: `state-${e.state}` },
    h(
      'td',
      { 'data-label': 'Lead' },
      h('a', { href: `#/leads/${e.leadId}` }, e.lead?.name || e.lead?.email || `lead ${e.leadId}`),
    ),
    h('td', { 'data-label': 'Sequence' }, e.sequence?.name),
    h('td', { 'data-label': 'State' }, stateBadge(e.state)),
    h('td', { 'data-label': 'Details', 'data-role': 'state-line' }, stateLine(e)),
    h('td', { 'data-label': 'Actions' }, enrollmentActions(e, { me: ctx.me, toast: ctx.toast, onChanged })),
  );
}

export async function renderSequences(ctx) {
  const state = ctx.query.get('state') ?? '';
  const sequence = ctx.query.get('sequence') ?? '';
  const setFilter = (f) => {
    const q = new URLSearchParams();
    if (f.state) q.set('state', f.state);
    if (f.sequence) q.set('sequence', f.sequence);
    location.hash = `#/sequences${q.toString() ? `?${q}` : ''}`;
  };
  const [{ sequences }, enrollments] = await Promise.all([
    get('/api/sequences'),
    get(`/api/enrollments${query({ state, sequence, limit: 500 })}`),
  ]);
  if (!ctx.alive) return;

  const body = h('tbody');
  let items = enrollments.items ?? [];
  const draw = () => {
    replace(
      body,
      items.length === 0
        ? h('tr', null, h('td', { colspan: 5, class: 'muted' }, 'No enrollments match.'))
        : items.map((e) =>
            enrollmentRow(e, ctx, (updated) => {
              items = items.map((x) => (x.id === updated.id ? { ...x, ...updated } : x));
              draw();
            }),
          ),
    );
  };
  draw();

  replace(
    ctx.main,
    h('h1', null, 'Sequences'),
    h(
      'ul',
      { class: 'cards sequences' },
      sequences.map((s) => sequenceCard(s, setFilter)),
    ),
    h('h2', { id: 'enrollments' }, 'Enrollments'),
    h(
      'div',
      { class: 'toolbar' },
      h(
        'label',
        { class: 'inline' },
        'State ',
        h(
          'select',
          { name: 'state', onChange: (e) => setFilter({ state: e.target.value, sequence }) },
          ['', ...STATES].map((s) => h('option', { value: s, selected: s === state }, s || 'all')),
        ),
      ),
      h(
        'label',
        { class: 'inline' },
        'Sequence ',
        h(
          'select',
          { name: 'sequence', onChange: (e) => setFilter({ state, sequence: e.target.value }) },
          ['', ...sequences.map((s) => s.name)].map((s) =>
            h('option', { value: s, selected: s === sequence }, s || 'all'),
          ),
        ),
      ),
      h(
        'span',
        { class: 'muted small' },
        `${enrollments.total ?? items.length} enrollment${(enrollments.total ?? items.length) === 1 ? '' : 's'}`,
      ),
    ),
    h(
      'table',
      { class: 'table enrollments' },
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          ['Lead', 'Sequence', 'State', 'Details', 'Actions'].map((c) => h('th', null, c)),
        ),
      ),
      body,
    ),
  );
}
