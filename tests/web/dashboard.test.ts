/**
 * The dashboard in real headless Chromium against the real server and a seeded store: sign-in,
 * the queue in deadline order with live countdowns and polling, a lead page, stopping an
 * enrollment, and mail carrying script payloads shown as text with nothing executed. Each page
 * is photographed at laptop (1280x800) and phone (390x844) size into tests/.artifacts/screenshots.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '../../src/api/auth/tokens.ts';
import { REPO_ROOT } from '../../src/paths.ts';
import { type Browser, launchBrowser } from './chromium.ts';
import { PAYLOADS, type Seeded, seedDashboard } from './seed.ts';

const SHOTS = join(REPO_ROOT, 'tests', '.artifacts', 'screenshots');
const LAPTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

let seeded: Seeded;
let browser: Browser;
let page: Page;
const dialogs: string[] = [];
const pageErrors: string[] = [];

async function api<T>(path: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(new URL(path, seeded.web.url), {
    ...init,
    headers: { authorization: `Bearer ${seeded.token}`, 'content-type': 'application/json', ...init.headers },
  });
  expect(response.status, `${path}: ${response.status}`).toBeLessThan(300);
  return (await response.json()) as T;
}

async function shoot(name: string): Promise<void> {
  for (const [label, size] of [
    ['laptop', LAPTOP],
    ['phone', PHONE],
  ] as const) {
    await page.setViewportSize(size);
    await page.waitForTimeout(150);
    await page.screenshot({ path: join(SHOTS, `${name}-${label}.png`), fullPage: label === 'laptop' });
  }
  await page.setViewportSize(LAPTOP);
}

/** A full page load (a hash change alone would keep the page's data). */
async function go(hash: string, ready: string): Promise<void> {
  await page.goto('about:blank');
  await page.goto(new URL(`/#${hash}`, seeded.web.url).href);
  await page.waitForSelector(ready);
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  [seeded, browser] = await Promise.all([seedDashboard(), launchBrowser(LAPTOP)]);
  page = await browser.context.newPage();
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('pageerror', (e) => pageErrors.push(e.message));
});

afterAll(async () => {
  await browser?.close();
  await seeded?.close();
});

describe('dashboard in headless Chromium', () => {
  it('refuses a wrong token and signs in with a real one, kept in sessionStorage only', async () => {
    await page.goto(seeded.web.url);
    await page.waitForSelector('form.signin');
    await page.fill('#token', 'tm_not-a-real-token');
    await page.click('form.signin button[type=submit]');
    await expect.poll(() => page.textContent('.form-error')).toContain('not accepted');
    await shoot('sign-in');

    await page.fill('#token', seeded.token);
    await page.click('form.signin button[type=submit]');
    await page.waitForSelector('ol.queue li.inq');
    expect(await page.evaluate("sessionStorage.getItem('trademail.token')")).toBe(seeded.token);
    expect(await page.evaluate('localStorage.length')).toBe(0);
    expect(await page.textContent('#who')).toContain('David Wang');
  });

  it('lists the open inquiries by deadline, counts down live and picks up new mail by polling', async () => {
    const open = await api<{ total: number; items: Array<{ id: number }> }>(
      '/api/inquiries?status=open&limit=500',
    );
    // One inquiry due in 40 minutes, so its countdown shows seconds.
    const soon = open.items.at(-1)!.id;
    await seeded.store.db.inquiry.update({
      where: { id: soon },
      data: { deadlineAt: new Date(Date.now() + 40 * 60_000) },
    });
    await go('/queue', 'ol.queue li.inq');

    const deadlines = await page.$$eval('ol.queue li.inq', (rows) =>
      rows.map((r) => r.getAttribute('data-deadline')),
    );
    expect(deadlines.length).toBe(open.total);
    const times = deadlines.map((d) => Date.parse(d!));
    expect(times.every((t) => !Number.isNaN(t))).toBe(true);
    expect([...times].sort((a, b) => a - b)).toEqual(times);

    const row = `li.inq[data-inquiry-id="${soon}"] [data-role=countdown]`;
    const first = await page.textContent(row);
    expect(first).toMatch(/^(39|40) min \d\d s$/);
    await expect.poll(() => page.textContent(row), { timeout: 4000 }).not.toBe(first);
    // Reasons behind the priority are one click away.
    const why = page.locator('li.inq details.why').first();
    await why.locator('summary').click();
    expect(await why.locator('li').count()).toBeGreaterThan(0);
    await shoot('queue');

    const before = await page.locator('li.inq').count();
    const raw = readFileSync(join(REPO_ROOT, 'tests/fixtures/mails/inquiry/pl-tubes-unknown-charset.eml'));
    await seeded.importMail(raw, 'late-arrival');
    await expect.poll(() => page.locator('li.inq').count(), { timeout: 9000 }).toBe(before + 1);
  });

  it('opens a lead from the queue with its extracted fields and timeline', async () => {
    await go('/queue', 'ol.queue li.inq');
    const link = page.locator('li.inq a.lead-link').first();
    const name = (await link.textContent())!.trim();
    await link.click();
    await page.waitForSelector('.lead-head h1');
    expect((await page.textContent('.lead-head h1'))!.trim()).toBe(name);
    expect(await page.locator('dl.fields dt').count()).toBeGreaterThan(5);
    expect(await page.locator('ol.timeline li.touch').count()).toBeGreaterThan(0);
    await shoot('lead');
  });

  it('stops an enrollment from the lead page and shows the new state', async () => {
    const { items } = await api<{ items: Array<{ id: number; leadId: number }> }>(
      '/api/enrollments?state=active&limit=500',
    );
    const target = items[0]!;
    await go(`/leads/${target.leadId}`, '.lead-head h1');
    const card = page.locator(`li.enrollment[data-enrollment-id="${target.id}"]`);
    expect(await card.locator('[data-role=state]').textContent()).toBe('active');
    await card.locator('button[data-action=stop]').click();
    await card.locator('input[name=reason]').fill('buyer asked by phone to stop');
    await card.locator('button[type=submit]').click();
    await expect.poll(() => card.locator('[data-role=state]').textContent()).toBe('stopped');
    expect(await card.locator('[data-role=state-line]').textContent()).toContain(
      'buyer asked by phone to stop',
    );
    expect(await card.locator('button[data-action=stop]').count()).toBe(0);

    const { enrollment } = await api<{ enrollment: { state: string; stopReason: string } }>(
      `/api/enrollments/${target.id}`,
    );
    expect(enrollment).toMatchObject({ state: 'stopped', stopReason: 'buyer asked by phone to stop' });
    await go('/sequences?state=stopped', 'table.enrollments');
    expect(await page.locator(`tr[data-enrollment-id="${target.id}"] [data-role=state]`).textContent()).toBe(
      'stopped',
    );
    await shoot('sequences');
  });

  it('shows script, onerror and javascript: payloads as text and runs none of them', async () => {
    const { items } = await api<{ items: Array<{ id: number; subject: string; lead: { id: number } }> }>(
      '/api/inquiries?status=all&limit=500',
    );
    const evil = items.find((i) => i.subject.includes('<script>'))!;
    expect(evil).toBeDefined();
    const lead = await api<{ timeline: Array<{ messageId: number | null }> }>(`/api/leads/${evil.lead.id}`);
    const messageId = lead.timeline.find((t) => t.messageId !== null)!.messageId;

    await go('/queue?status=all', 'ol.queue li.inq');
    const row = page.locator(`li.inq[data-inquiry-id="${evil.id}"]`);
    expect(await row.locator('.subject').textContent()).toContain(PAYLOADS.script);
    await go(`/leads/${evil.lead.id}`, '.lead-head h1');
    await shoot('lead-with-payloads');
    await go(`/messages/${messageId}`, 'pre.mail-text');
    const text = (await page.textContent('pre.mail-text'))!;
    expect(text).toContain(PAYLOADS.script);
    expect(text).toContain(PAYLOADS.img);
    expect(text).toContain(PAYLOADS.js);
    expect(await page.textContent('h1.mail-subject')).toContain(PAYLOADS.script);
    await shoot('message-with-payloads');
    await page.waitForTimeout(500);

    // Evaluated in the page (a string: this file is type-checked without the DOM library).
    const dom = await page.evaluate(`({
      flag: window.__xss ?? null,
      scripts: [...document.scripts].map((s) => s.getAttribute('src')),
      images: document.querySelectorAll('main img, main iframe, main svg:not(.chart-svg)').length,
      handlers: [...document.querySelectorAll('*')].filter((el) =>
        [...el.attributes].some((a) => a.name.toLowerCase().startsWith('on')),
      ).length,
      badLinks: [...document.querySelectorAll('a[href]')]
        .map((a) => a.getAttribute('href'))
        .filter((h) => !h.startsWith('#/') && !/^https?:/i.test(h)),
    })`);
    expect(dom).toEqual({ flag: null, scripts: ['/app.js'], images: 0, handlers: 0, badLinks: [] });
    expect(dialogs).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it('renders the mailbox health, quarantine and report charts', async () => {
    await go('/mailboxes', 'li.mailbox');
    expect(await page.locator('li.mailbox').count()).toBe(seeded.config.mailboxes.length);
    expect(await page.locator('table.quarantine tr[data-quarantine-id]').count()).toBe(1);
    await shoot('mailboxes');
    await go('/reports', 'section.chart');
    expect(await page.locator('section.chart').count()).toBe(6);
    expect(await page.locator('section.chart svg.chart-svg').count()).toBeGreaterThanOrEqual(5);
    expect(await page.textContent('[data-kpi=sla-met]')).toMatch(/%$/);
    await shoot('reports');
    expect(pageErrors).toEqual([]);
    expect(dialogs).toEqual([]);
  });

  it('shows a read-only user the work without contact details and without actions', async () => {
    const intern = seeded.config.salespeople.find((s) => s.role === 'readonly')!;
    const { token } = await createToken(seeded.store.db, seeded.config, {
      email: intern.email,
      now: new Date(),
    });
    // A new tab: sessionStorage is per tab, so this one starts signed out.
    const tab = await browser.context.newPage();
    try {
      await tab.goto(seeded.web.url);
      await tab.fill('#token', token);
      await tab.click('form.signin button[type=submit]');
      await tab.waitForSelector('ol.queue li.inq');
      const email = /[\w.+-]+@[\w-]+\.[\w.-]+/;
      expect(await tab.textContent('main')).not.toMatch(email);
      expect(await tab.locator('#nav a[data-section="/mailboxes"]').count()).toBe(1);

      const { items } = await api<{ items: Array<{ leadId: number; state: string }> }>(
        '/api/enrollments?state=active&limit=1',
      );
      await tab.goto(new URL(`/#/leads/${items[0]!.leadId}`, seeded.web.url).href);
      await tab.waitForSelector('.lead-head h1');
      const main = (await tab.textContent('main'))!;
      expect(main).not.toMatch(email);
      expect(main).not.toMatch(/\+\d{8,}/);
      expect(main).toContain('hidden');
      expect(await tab.locator('button[data-action]').count()).toBe(0);
      await tab.screenshot({ path: join(SHOTS, 'lead-readonly-laptop.png'), fullPage: true });

      await tab.goto(new URL('/#/mailboxes', seeded.web.url).href);
      await tab.waitForSelector('table.quarantine');
      expect(await tab.locator('table.quarantine button').count()).toBe(0);
    } finally {
      await tab.close();
    }
  });
});
