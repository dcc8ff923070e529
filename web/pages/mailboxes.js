/**
 * Mailbox sync health (last sync, lag, state, errors per folder) and the quarantine: messages
 * whose processing failed, with the stage and reason, and a way to run them again.
 */
import { get, post } from '../lib/api.js';
import { h, replace } from '../lib/dom.js';
import { dateTime, duration } from '../lib/format.js';

const LAG_WARN_SECONDS = 15 * 60;

function lagText(seconds) {
  return seconds === null || seconds === undefined ? 'never synced' : `${duration(seconds * 1000)} ago`;
}

function health(m) {
  if (m.errors > 0) return 'error';
  if (m.lagSeconds === null) return 'idle';
  return m.lagSeconds > LAG_WARN_SECONDS ? 'late' : 'ok';
}

function mailboxCard(m) {
  const state = health(m);
  return h(
    'li',
    { class: `card mailbox health-${state}`, 'data-mailbox': m.name },
    h(
      'div',
      { class: 'card-head' },
      h('h3', null, m.name),
      h('span', { class: `badge health-${state}` }, state === 'idle' ? 'no sync yet' : state),
      h('span', { class: 'muted small' }, [m.role, m.address].filter(Boolean).join(' · ')),
    ),
    h(
      'p',
      { class: 'small' },
      `Last sync ${m.lastSyncAt ? dateTime(m.lastSyncAt) : '—'} (${lagText(m.lagSeconds)})`,
      m.canSend ? ' · sends mail' : '',
      m.configured === false ? ' · no longer in the config' : '',
    ),
    m.folders.length === 0
      ? h(
          'p',
          { class: 'muted small' },
          'No folder synced yet. Mail imported from files does not go through a mailbox.',
        )
      : h(
          'table',
          { class: 'table folders' },
          h(
            'thead',
            null,
            h(
              'tr',
              null,
              ['Folder', 'State', 'Messages', 'Quarantined', 'Last sync', 'Last error'].map((c) =>
                h('th', null, c),
              ),
            ),
          ),
          h(
            'tbody',
            null,
            m.folders.map((f) =>
              h(
                'tr',
                { class: f.state === 'error' ? 'row-error' : null },
                h('td', { 'data-label': 'Folder' }, f.path, f.specialUse ? ` (${f.specialUse})` : ''),
                h('td', { 'data-label': 'State' }, f.state),
                h('td', { 'data-label': 'Messages' }, String(f.messages ?? 0)),
                h('td', { 'data-label': 'Quarantined' }, String(f.quarantined ?? 0)),
                h('td', { 'data-label': 'Last sync' }, lagText(f.lagSeconds)),
                h(
                  'td',
                  { 'data-label': 'Last error' },
                  f.lastError ? `${f.lastError} (${dateTime(f.lastErrorAt)})` : '—',
                ),
              ),
            ),
          ),
        ),
  );
}

export async function renderMailboxes(ctx) {
  await drawMailboxes(ctx);
  ctx.every(30_000, () => {
    drawMailboxes(ctx).catch((err) => ctx.toast(`Mailboxes not refreshed: ${err.message}`, 'error'));
  });
}

async function drawMailboxes(ctx) {
  const [mail, quarantine] = await Promise.all([get('/api/mailboxes'), get('/api/quarantine')]);
  if (!ctx.alive) return;
  const mailboxes = h('ul', { class: 'cards' }, mail.mailboxes.map(mailboxCard));
  const rows = h('tbody');
  const canReprocess = ctx.me.role === 'manager';

  const reprocess = async (ids, button) => {
    button.disabled = true;
    try {
      const r = await post('/api/quarantine/reprocess', ids ? { ids } : {});
      ctx.toast(
        `${r.processed} processed, ${r.quarantined} still quarantined.`,
        r.quarantined ? 'error' : 'ok',
      );
      await drawMailboxes(ctx);
    } catch (err) {
      ctx.toast(`Reprocess failed: ${err.message}`, 'error');
      button.disabled = false;
    }
  };

  replace(
    rows,
    quarantine.items.length === 0
      ? h('tr', null, h('td', { colspan: 5, class: 'muted' }, 'Nothing in quarantine.'))
      : quarantine.items.map((q) =>
          h(
            'tr',
            { 'data-quarantine-id': q.id },
            h('td', { 'data-label': 'When' }, dateTime(q.createdAt)),
            h('td', { 'data-label': 'Stage' }, q.stage),
            h('td', { 'data-label': 'Reason' }, h('code', null, q.errorCode), ' ', q.errorMessage),
            h('td', { 'data-label': 'Tries' }, `${q.attempts} · ${q.size} bytes`),
            h(
              'td',
              { 'data-label': '' },
              canReprocess && q.messageRowId
                ? h(
                    'button',
                    { type: 'button', onClick: (e) => reprocess([q.messageRowId], e.currentTarget) },
                    'Reprocess',
                  )
                : null,
            ),
          ),
        ),
  );

  replace(
    ctx.main,
    h('h1', null, 'Mailboxes'),
    mailboxes,
    h(
      'div',
      { class: 'section-head' },
      h('h2', null, `Quarantine (${quarantine.items.length})`),
      canReprocess && quarantine.items.length > 0
        ? h('button', { type: 'button', onClick: (e) => reprocess(null, e.currentTarget) }, 'Reprocess all')
        : null,
    ),
    h(
      'table',
      { class: 'table quarantine' },
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          ['When', 'Stage', 'Reason', 'Tries', ''].map((c) => h('th', null, c)),
        ),
      ),
      rows,
    ),
  );
}
