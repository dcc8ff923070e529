/**
 * One lead: who the buyer is (the fields extracted from their mail), their inquiries with SLA
 * outcome, their enrollments with actions, and the timeline of every touch.
 */
import { get } from '../lib/api.js';
import { externalLink, h, replace } from '../lib/dom.js';
import { enrollmentActions, stateBadge, stateLine } from '../lib/enrollments.js';
import { country, dateTime, label, money, quantity } from '../lib/format.js';

function field(name, value) {
  const empty =
    value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
  return [
    h('dt', null, name),
    h('dd', empty ? { class: 'muted' } : null, empty ? '—' : Array.isArray(value) ? value.join(', ') : value),
  ];
}

function inquiryItem(i) {
  return h(
    'li',
    { class: 'card inquiry-card', 'data-inquiry-id': i.id },
    h(
      'div',
      { class: 'card-head' },
      h('span', { class: `tier tier-${i.priorityTier ?? '—'}` }, i.priorityTier ?? '—'),
      i.grade ? h('span', { class: `grade grade-${i.grade}` }, `grade ${i.grade}`) : null,
      h('span', { class: `badge sla-${i.slaState}` }, label('slaState', i.slaState)),
      h('span', { class: 'muted small' }, `${label('kind', i.kind)} · received ${dateTime(i.receivedAt)}`),
    ),
    h('p', { class: 'subject' }, i.subject || '(no subject)'),
    h(
      'p',
      { class: 'small' },
      i.answeredAt ? `Answered ${dateTime(i.answeredAt)}` : `Deadline ${dateTime(i.deadlineAt)}`,
      i.score === null || i.score === undefined ? '' : ` · score ${i.score}`,
    ),
    i.reasons?.length
      ? h(
          'details',
          { class: 'why' },
          h('summary', null, i.explain || 'Why this priority'),
          h(
            'ul',
            null,
            i.reasons.map((r) => h('li', null, r)),
          ),
        )
      : null,
  );
}

const ICONS = {
  inquiry: '✉',
  reply: '↩',
  bounce: '⚠',
  auto_reply: '⏱',
  unsubscribe: '⊘',
  outbound: '➜',
  bcc_outbound: '➜',
  note: '•',
};

function timelineItem(a) {
  return h(
    'li',
    { class: `touch touch-${a.type} dir-${a.direction}`, 'data-activity-id': a.id },
    h('span', { class: 'touch-icon', 'aria-hidden': 'true' }, ICONS[a.type] ?? '•'),
    h(
      'div',
      { class: 'touch-body' },
      h(
        'div',
        { class: 'touch-head' },
        h('strong', null, label('activity', a.type)),
        h('time', { datetime: a.occurredAt }, dateTime(a.occurredAt)),
      ),
      h('p', { class: 'touch-summary' }, a.summary || ''),
      a.messageId ? h('a', { href: `#/messages/${a.messageId}`, class: 'small' }, 'Read the mail') : null,
    ),
  );
}

export function enrollmentRow(e, ctx, onChanged) {
  return h(
    'li',
    { class: `card enrollment state-${e.state}`, 'data-enrollment-id': e.id },
    h(
      'div',
      { class: 'card-head' },
      h('strong', null, e.sequence?.name ?? 'sequence'),
      stateBadge(e.state),
      h('span', { class: 'muted small', 'data-role': 'state-line' }, stateLine(e)),
    ),
    enrollmentActions(e, { me: ctx.me, toast: ctx.toast, onChanged }),
  );
}

export async function renderLead(ctx) {
  const id = Number(ctx.params[0]);
  const answer = await get(`/api/leads/${id}`);
  if (!ctx.alive) return;
  const { lead, fields, company, owner } = answer;
  const latest = fields.latestInquiry;
  const title = lead.name || lead.email || company?.name || `Lead ${lead.id}`;

  const enrollments = h('ul', { class: 'cards', 'aria-label': 'Enrollments' });
  const drawEnrollments = (list) => {
    replace(
      enrollments,
      list.length === 0
        ? h('li', { class: 'muted' }, 'Not enrolled in any sequence.')
        : list.map((e) =>
            enrollmentRow(e, ctx, (updated) => {
              drawEnrollments(list.map((x) => (x.id === updated.id ? { ...x, ...updated } : x)));
            }),
          ),
    );
  };
  drawEnrollments(answer.enrollments ?? []);

  replace(
    ctx.main,
    h('p', { class: 'crumbs' }, h('a', { href: '#/queue' }, '← Queue')),
    h(
      'header',
      { class: 'lead-head' },
      h('h1', null, title),
      h(
        'p',
        { class: 'lead-sub' },
        [fields.title, company?.name, country(lead.country)].filter(Boolean).join(' · ') ||
          'No company details found',
      ),
      h(
        'p',
        { class: 'chips' },
        h('span', { class: 'chip' }, lead.status),
        lead.grade ? h('span', { class: `grade grade-${lead.grade}` }, `grade ${lead.grade}`) : null,
        lead.undeliverable ? h('span', { class: 'chip warn' }, 'undeliverable') : null,
        h('span', { class: 'chip' }, owner ? `owner ${owner.name}` : 'no owner'),
      ),
    ),
    h(
      'div',
      { class: 'lead-grid' },
      h(
        'section',
        { class: 'panel' },
        h('h2', null, 'Buyer'),
        h(
          'dl',
          { class: 'fields' },
          field('Email', fields.email ?? (ctx.me.role === 'readonly' ? 'hidden' : null)),
          field('Phone', fields.phone ?? (ctx.me.role === 'readonly' ? 'hidden' : null)),
          field('Title', fields.title),
          field('Company', company?.name),
          field('Website', externalLink(fields.website || company?.website)),
          field('Country', country(fields.country ?? lead.country)),
          field('Language', fields.language),
          field('Time zone', fields.timeZone),
          field('Source', [fields.source, fields.platform].filter(Boolean).join(' / ')),
          field('Soft bounces', fields.softBounces ? String(fields.softBounces) : null),
          field('Wake-up flag', fields.wakeUpReason),
        ),
      ),
      h(
        'section',
        { class: 'panel' },
        h('h2', null, 'Latest request'),
        latest
          ? h(
              'dl',
              { class: 'fields' },
              field('Products', latest.products),
              field('Quantity', quantity(latest.quantity, latest.unit)),
              field('Target price', money(latest.targetPrice, latest.currency)),
              field('Terms', [latest.incoterm, latest.incotermPlace].filter(Boolean).join(' ')),
              field('Certifications', latest.certifications),
              field('Payment', latest.paymentTerms),
              field('Samples', latest.sampleRequest ? 'asked for samples' : 'no'),
              field('Urgency', latest.urgency),
              field('Language', latest.language),
            )
          : h('p', { class: 'muted' }, 'No inquiry from this buyer yet.'),
      ),
    ),
    h('section', null, h('h2', null, 'Sequences'), enrollments),
    h(
      'section',
      null,
      h('h2', null, `Inquiries (${answer.inquiries.length})`),
      h('ul', { class: 'cards' }, answer.inquiries.map(inquiryItem)),
    ),
    h(
      'section',
      null,
      h('h2', null, 'Timeline'),
      answer.timeline.length === 0
        ? h('p', { class: 'muted' }, 'No activity yet.')
        : h(
            'ol',
            { class: 'timeline', 'aria-label': 'Every touch, newest first' },
            answer.timeline.map(timelineItem),
          ),
    ),
  );
}
