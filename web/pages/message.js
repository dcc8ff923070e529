/**
 * One stored mail, as plain text. The HTML part is never rendered: mail is untrusted, and the
 * text part (or the server's text version) says everything a salesperson needs.
 */
import { get } from '../lib/api.js';
import { h, replace } from '../lib/dom.js';
import { dateTime, label } from '../lib/format.js';

function person(p) {
  if (!p) return '—';
  if (p.name && p.address) return `${p.name} <${p.address}>`;
  return p.name || p.address || '—';
}

function people(list) {
  return Array.isArray(list) && list.length > 0 ? list.map(person).join(', ') : '—';
}

export async function renderMessage(ctx) {
  const id = Number(ctx.params[0]);
  const { message: m } = await get(`/api/messages/${id}`);
  if (!ctx.alive) return;
  const text = typeof m.text === 'string' ? m.text.trim() : '';
  replace(
    ctx.main,
    h(
      'p',
      { class: 'crumbs' },
      m.lead
        ? h('a', { href: `#/leads/${m.lead.id}` }, `← ${m.lead.name || m.lead.email || `lead ${m.lead.id}`}`)
        : h('a', { href: '#/queue' }, '← Queue'),
    ),
    h('h1', { class: 'mail-subject' }, m.subject || '(no subject)'),
    h(
      'dl',
      { class: 'fields mail-head' },
      h('dt', null, 'From'),
      h('dd', null, person(m.from)),
      h('dt', null, 'To'),
      h('dd', null, people(m.to)),
      m.cc?.length ? [h('dt', null, 'Cc'), h('dd', null, people(m.cc))] : null,
      m.replyTo?.length ? [h('dt', null, 'Reply-To'), h('dd', null, people(m.replyTo))] : null,
      h('dt', null, 'Date'),
      h('dd', null, dateTime(m.sentAt)),
      h('dt', null, 'Read as'),
      h('dd', null, `${label('kind', m.kind)} (${m.direction})`),
      m.attachments?.length
        ? [
            h('dt', null, 'Attachments'),
            h(
              'dd',
              null,
              m.attachments
                .map((a) => `${a.filename ?? 'unnamed'} (${a.contentType}, ${a.size} bytes)`)
                .join('; '),
            ),
          ]
        : null,
    ),
    h(
      'section',
      { class: 'panel' },
      h('h2', { class: 'visually-hidden' }, 'Message text'),
      text
        ? h('pre', { class: 'mail-text', 'data-role': 'mail-text' }, text)
        : h(
            'p',
            { class: 'muted' },
            m.text === null ? 'The text is hidden for your role.' : 'This mail has no text part.',
          ),
      m.html
        ? h(
            'p',
            { class: 'muted small' },
            'The HTML version of this mail is not shown: mail content is untrusted.',
          )
        : null,
    ),
  );
}
