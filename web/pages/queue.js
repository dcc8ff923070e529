/**
 * The inquiry queue: open inquiries in the order the server ranks them (deadline first, then
 * score), each with a live SLA countdown and the reasons behind its priority. The list is
 * fetched again every few seconds; the countdowns tick every second against the server's clock.
 */
import { get, query, serverNow } from '../lib/api.js';
import { h, replace } from '../lib/dom.js';
import { country, dateTime, duration, label, quantity } from '../lib/format.js';

const POLL_MS = 5000;

function buyerName(item) {
  return item.lead?.name || item.lead?.email || item.company?.name || 'Unknown buyer';
}

/** Text and state of a countdown at `nowMs`. */
export function clockFace(item, nowMs) {
  if (item.answeredAt) {
    return {
      state: item.slaState === 'answered_late' ? 'late' : 'met',
      text: label('slaState', item.slaState),
    };
  }
  const left = Date.parse(item.deadlineAt) - nowMs;
  if (left <= 0) return { state: 'overdue', text: `Overdue ${duration(left)}` };
  const budget = (item.slaHours ?? 24) * 3600_000;
  const state = left < Math.min(3600_000, budget * 0.25) ? 'soon' : 'ok';
  return { state, text: duration(left) };
}

function chip(text, cls = '') {
  return h('span', { class: `chip ${cls}`.trim() }, text);
}

function inquiryRow(item, openReasons) {
  const face = clockFace(item, serverNow());
  const clock = h('span', { class: 'countdown', 'data-role': 'countdown' }, face.text);
  const tier = item.priorityTier ?? '—';
  const reasons = Array.isArray(item.reasons) ? item.reasons : [];
  const details = h(
    'details',
    { class: 'why', open: openReasons.has(item.id), 'data-inquiry-id': item.id },
    h('summary', null, item.explain || (reasons.length ? 'Why this priority' : 'Not ranked yet')),
    reasons.length
      ? h(
          'ul',
          null,
          reasons.map((r) => h('li', null, r)),
        )
      : h('p', { class: 'muted' }, 'No ranking reasons recorded; the standard SLA applies.'),
  );
  return h(
    'li',
    {
      class: `inq tier-${tier} clock-${face.state}`,
      'data-inquiry-id': item.id,
      'data-deadline': item.deadlineAt,
    },
    h(
      'div',
      { class: 'clock' },
      clock,
      h(
        'span',
        { class: 'due' },
        item.answeredAt ? `answered ${dateTime(item.answeredAt)}` : `due ${dateTime(item.deadlineAt)}`,
      ),
      item.deadlineEstimated ? h('span', { class: 'muted small' }, 'standard SLA (not ranked)') : null,
    ),
    h(
      'div',
      { class: 'rank' },
      h('span', { class: `tier tier-${tier}`, title: `priority ${tier}` }, tier),
      item.score === null || item.score === undefined
        ? null
        : h('span', { class: 'score' }, `score ${item.score}`),
      item.grade
        ? h('span', { class: `grade grade-${item.grade}`, title: 'inquiry grade' }, `grade ${item.grade}`)
        : null,
    ),
    h(
      'div',
      { class: 'buyer' },
      h('a', { href: `#/leads/${item.lead.id}`, class: 'lead-link' }, buyerName(item)),
      item.company?.name ? h('span', { class: 'company' }, item.company.name) : null,
      item.country ? h('span', { class: 'country' }, country(item.country)) : null,
    ),
    h(
      'div',
      { class: 'what' },
      h('span', { class: 'subject' }, item.subject || '(no subject)'),
      h(
        'span',
        { class: 'chips' },
        chip(label('kind', item.kind), 'kind'),
        (item.products ?? []).map((p) => chip(p, 'product')),
        quantity(item.quantity, item.unit) ? chip(quantity(item.quantity, item.unit), 'qty') : null,
        item.sampleRequest ? chip('samples', 'sample') : null,
      ),
    ),
    h('div', { class: 'owner' }, item.owner?.name ?? h('span', { class: 'muted' }, 'unassigned')),
    details,
  );
}

export async function renderQueue(ctx) {
  const status = ctx.query.get('status') ?? 'open';
  const tier = ctx.query.get('tier') ?? '';
  const overdueOnly = ctx.query.get('overdue') === '1';
  const setQuery = (changes) => {
    const q = new URLSearchParams(ctx.query);
    for (const [k, v] of Object.entries(changes)) {
      if (v) q.set(k, v);
      else q.delete(k);
    }
    location.hash = `#/queue${q.toString() ? `?${q}` : ''}`;
  };

  const list = h('ol', {
    class: 'queue',
    'aria-label': 'Inquiry queue, soonest deadline first',
    'aria-live': 'off',
  });
  const summary = h('p', { class: 'summary', 'aria-live': 'polite' });
  const updated = h('span', { class: 'muted small updated' });
  const toolbar = h(
    'div',
    { class: 'toolbar' },
    h(
      'div',
      { class: 'segmented', role: 'group', 'aria-label': 'Status' },
      ['open', 'answered', 'all'].map((s) =>
        h(
          'button',
          {
            type: 'button',
            'aria-pressed': String(s === status),
            onClick: () => setQuery({ status: s === 'open' ? '' : s }),
          },
          s,
        ),
      ),
    ),
    h(
      'label',
      { class: 'inline' },
      'Priority ',
      h(
        'select',
        { onChange: (e) => setQuery({ tier: e.target.value }) },
        ['', 'P1', 'P2', 'P3'].map((t) => h('option', { value: t, selected: t === tier }, t || 'all')),
      ),
    ),
    h(
      'label',
      { class: 'inline' },
      h('input', {
        type: 'checkbox',
        checked: overdueOnly,
        onChange: (e) => setQuery({ overdue: e.target.checked ? '1' : '' }),
      }),
      ' overdue only',
    ),
    updated,
  );
  replace(ctx.main, h('h1', null, 'Inquiry queue'), toolbar, summary, list);

  let items = [];
  let fetchedAt = 0;
  const draw = () => {
    const open = new Set(
      [...list.querySelectorAll('details[open]')].map((d) => Number(d.getAttribute('data-inquiry-id'))),
    );
    const now = serverNow();
    const shown = overdueOnly ? items.filter((i) => !i.answeredAt && Date.parse(i.deadlineAt) <= now) : items;
    const overdue = items.filter((i) => !i.answeredAt && Date.parse(i.deadlineAt) <= now).length;
    summary.textContent =
      `${shown.length} inquir${shown.length === 1 ? 'y' : 'ies'} shown` +
      (status === 'open' ? `, ${overdue} overdue` : '');
    replace(
      list,
      shown.length === 0
        ? h(
            'li',
            { class: 'empty' },
            status === 'open' ? 'Nothing waiting: every inquiry has an answer.' : 'No inquiries.',
          )
        : shown.map((i) => inquiryRow(i, open)),
    );
  };
  const load = async () => {
    const answer = await get(`/api/inquiries${query({ status, priorityTier: tier, limit: 500 })}`);
    if (!ctx.alive) return;
    items = answer.items ?? [];
    fetchedAt = Date.now();
    draw();
  };
  const tick = () => {
    const now = serverNow();
    const byId = new Map(items.map((i) => [String(i.id), i]));
    for (const li of list.querySelectorAll('li.inq')) {
      const item = byId.get(li.getAttribute('data-inquiry-id'));
      if (!item) continue;
      const face = clockFace(item, now);
      li.querySelector('[data-role="countdown"]').textContent = face.text;
      li.classList.remove('clock-ok', 'clock-soon', 'clock-overdue', 'clock-met', 'clock-late');
      li.classList.add(`clock-${face.state}`);
    }
    if (fetchedAt) updated.textContent = `updated ${duration(Date.now() - fetchedAt)} ago`;
  };

  await load();
  ctx.every(1000, tick);
  ctx.every(POLL_MS, () => {
    load().catch((err) => ctx.toast(`Queue not refreshed: ${err.message}`, 'error'));
  });
}
