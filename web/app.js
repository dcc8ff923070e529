/**
 * The dashboard shell: sign-in, navigation and a hash router (#/queue, #/leads/12, ...). Each
 * page renders into <main> and may register timers and pollers through its context; they are
 * all stopped when the user navigates away, so a page never updates the DOM of another.
 */
import { ApiError, get, setToken, token, whenUnauthorized } from './lib/api.js';
import { h, replace } from './lib/dom.js';
import { useTimeZone } from './lib/format.js';
import { renderLead } from './pages/lead.js';
import { renderMailboxes } from './pages/mailboxes.js';
import { renderMessage } from './pages/message.js';
import { renderQueue } from './pages/queue.js';
import { renderReports } from './pages/reports.js';
import { renderSequences } from './pages/sequences.js';
import { renderSignIn } from './pages/signin.js';

const main = document.getElementById('main');
const nav = document.getElementById('nav');
const who = document.getElementById('who');
const toastBox = document.getElementById('toast');

const SECTIONS = [
  { path: '/queue', label: 'Queue', roles: null },
  { path: '/sequences', label: 'Sequences', roles: null },
  { path: '/mailboxes', label: 'Mailboxes', roles: ['manager', 'readonly'] },
  { path: '/reports', label: 'Reports', roles: null },
];

const ROUTES = [
  { pattern: /^\/queue$/, section: '/queue', render: renderQueue },
  { pattern: /^\/leads\/(\d+)$/, section: '/queue', render: renderLead },
  { pattern: /^\/messages\/(\d+)$/, section: '/queue', render: renderMessage },
  { pattern: /^\/sequences$/, section: '/sequences', render: renderSequences },
  { pattern: /^\/mailboxes$/, section: '/mailboxes', render: renderMailboxes },
  { pattern: /^\/reports$/, section: '/reports', render: renderReports },
];

let me = null;
let current = null;

function toast(message, kind = 'info') {
  toastBox.hidden = false;
  toastBox.className = `toast ${kind}`;
  toastBox.textContent = message;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => {
    toastBox.hidden = true;
  }, 4000);
}

function renderShell() {
  replace(
    nav,
    me === null
      ? []
      : SECTIONS.filter((s) => s.roles === null || s.roles.includes(me.role)).map((s) =>
          h('a', { href: `#${s.path}`, 'data-section': s.path }, s.label),
        ),
  );
  replace(
    who,
    me === null
      ? []
      : [
          h('span', { class: 'who-name' }, me.name),
          h('span', { class: `role role-${me.role}` }, me.role),
          h('button', { type: 'button', class: 'link', onClick: signOut }, 'Sign out'),
        ],
  );
}

function markSection(section) {
  for (const a of nav.querySelectorAll('a')) {
    if (a.dataset.section === section) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
}

/** What a page gets: where to render, its route parameters, and timers that die with it. */
function pageContext(params) {
  const timers = [];
  let alive = true;
  return {
    main,
    params,
    me,
    toast,
    get alive() {
      return alive;
    },
    every(ms, fn) {
      timers.push(setInterval(() => alive && fn(), ms));
    },
    leave() {
      alive = false;
      for (const t of timers) clearInterval(t);
    },
  };
}

function parseHash() {
  const raw = location.hash.replace(/^#/, '') || '/queue';
  const [path, search = ''] = raw.split('?');
  return { path, query: new URLSearchParams(search) };
}

async function route() {
  current?.leave();
  current = null;
  if (me === null) {
    markSection(null);
    return renderSignIn({ main, onSignedIn });
  }
  const { path, query } = parseHash();
  const match = ROUTES.map((r) => ({ r, m: r.pattern.exec(path) })).find((x) => x.m !== null);
  if (match === undefined) {
    location.hash = '#/queue';
    return;
  }
  markSection(match.r.section);
  const ctx = pageContext(match.m.slice(1));
  ctx.query = query;
  current = ctx;
  try {
    await match.r.render(ctx);
  } catch (err) {
    if (ctx.alive) showError(err);
  }
  main.focus({ preventScroll: true });
}

export function showError(err) {
  const message = err instanceof ApiError ? `${err.message} (${err.code})` : String(err?.message ?? err);
  replace(
    main,
    h(
      'div',
      { class: 'panel error', role: 'alert' },
      h('h1', null, 'Something went wrong'),
      h('p', null, message),
    ),
  );
}

async function onSignedIn(user) {
  me = user;
  useTimeZone(me.timeZone);
  renderShell();
  if (!location.hash || location.hash === '#/signin') location.hash = '#/queue';
  else await route();
}

function signOut() {
  setToken(null);
  me = null;
  renderShell();
  location.hash = '#/signin';
  route();
}

whenUnauthorized(() => {
  setToken(null);
  me = null;
  renderShell();
  toast('Your token was refused: sign in again.', 'error');
  route();
});

window.addEventListener('hashchange', () => {
  route();
});

async function start() {
  if (token()) {
    try {
      const answer = await get('/api/me');
      me = answer.user ?? answer;
      useTimeZone(me.timeZone);
    } catch (err) {
      if (!(err instanceof ApiError && err.status === 401)) toast(err.message, 'error');
      me = null;
    }
  }
  renderShell();
  await route();
}

start();
