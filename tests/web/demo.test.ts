/**
 * `trademail demo` as a new user runs it: one command in an empty folder, no config and no
 * mail account. It must print the URL and a token within a minute, and what it serves must be
 * populated: ranked inquiries, enrollments stopped for each reason the sample mailbox tells,
 * and the sequence mail as .eml files.
 */
import { type ChildProcessByStdio, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../src/paths.ts';

const BIN = join(REPO_ROOT, 'bin', 'trademail.js');
const work = mkdtempSync(join(tmpdir(), 'tm-demo-'));
let child: ChildProcessByStdio<null, Readable, Readable>;
let stdout = '';
let stderr = '';
let readyMs = 0;
let url = '';
let token = '';

async function api<T>(path: string): Promise<T> {
  const r = await fetch(new URL(path, url), { headers: { authorization: `Bearer ${token}` } });
  expect(r.status, path).toBe(200);
  return (await r.json()) as T;
}

beforeAll(async () => {
  const started = Date.now();
  child = spawn(process.execPath, [BIN, 'demo', '--port', '0'], {
    cwd: work,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr.on('data', (d) => {
    stderr += d;
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no "Ready" within 60 s:\n${stdout}\n${stderr}`)),
      60_000,
    );
    child.stdout.on('data', (d) => {
      stdout += d;
      if (stdout.includes('Ready in')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => reject(new Error(`demo exited with ${code}:\n${stdout}\n${stderr}`)));
  });
  readyMs = Date.now() - started;
  url = /Dashboard: (http:\/\/\S+)/.exec(stdout)![1]!;
  token = /Token \([^)]*\): (tm_\S+)/.exec(stdout)![1]!;
}, 70_000);

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGINT');
    await exited;
  }
  rmSync(work, { recursive: true, force: true });
});

describe('trademail demo', () => {
  it('prints the dashboard URL and a manager token within a minute', async () => {
    console.info(`demo ready after ${(readyMs / 1000).toFixed(1)} s`);
    expect(readyMs).toBeLessThan(60_000);
    expect(stdout).toMatch(/\d+ mails imported \(1 quarantined\), \d+(\.\d)? days simulated/);
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<script type="module" src="/app.js">');
    expect((await api<{ user: { role: string } }>('/api/me')).user).toMatchObject({ role: 'manager' });
  });

  it('serves a ranked queue with reasons and live deadlines', async () => {
    const q = await api<{ items: Array<{ priorityTier: string | null; reasons: string[]; msLeft: number }> }>(
      '/api/inquiries?status=open&limit=500',
    );
    expect(q.items.length).toBeGreaterThanOrEqual(3);
    expect(q.items.every((i) => i.priorityTier !== null && i.reasons.length > 0)).toBe(true);
    // The newest sample mail arrived minutes before the demo started: its clock is still running.
    expect(q.items.some((i) => i.msLeft > 0)).toBe(true);
    expect(q.items.some((i) => i.msLeft <= 0)).toBe(true);
  });

  it('ran the engine over the story: replies, bounce, unsubscribe and pauses are recorded', async () => {
    const { items } = await api<{
      items: Array<{ state: string; stopReason: string | null; sequence: { name: string } }>;
    }>('/api/enrollments?limit=500');
    const reasons = new Set(items.map((e) => `${e.state}:${e.stopReason}`));
    for (const r of [
      'stopped:replied',
      'stopped:hard_bounce',
      'stopped:unsubscribed',
      'paused:manual_contact',
    ]) {
      expect(reasons, r).toContain(r);
    }
    expect(items.some((e) => e.state === 'completed')).toBe(true);
    expect(items.some((e) => e.state === 'active')).toBe(true);
    expect(new Set(items.map((e) => e.sequence.name))).toEqual(
      new Set(['prospecting', 'quotation-followup']),
    );
  });

  it('wrote every follow-up and SLA notice to ./demo-outbox as the mail its reader would get', async () => {
    const files = readdirSync(join(work, 'demo-outbox')).filter((f) => f.endsWith('.eml'));
    const counts = /(\d+) follow-ups and (\d+) SLA reminders\/escalations written to (\S+)/.exec(stdout)!;
    expect(counts[3]).toBe(join(work, 'demo-outbox'));
    const [followUps, notices] = [Number(counts[1]), Number(counts[2])];
    expect(followUps).toBeGreaterThan(20);
    expect(notices).toBeGreaterThan(0);
    expect(files.length).toBe(followUps + notices);
    const mails = await Promise.all(
      files.map((f) => simpleParser(readFileSync(join(work, 'demo-outbox', f)))),
    );
    for (const m of mails) {
      expect(m.from?.value[0]?.address).toMatch(/@brightlux-lighting\.com$/);
      expect(m.messageId).toMatch(/^<.+@brightlux-lighting\.com>$/);
      expect(m.text?.length ?? 0).toBeGreaterThan(50);
      expect(m.text).not.toMatch(/\{\{|undefined|null/);
    }
    // Notices go to our own people and say they are automatic (RFC 3834).
    const internal = mails.filter((m) =>
      [m.to ?? []].flat().some((a) => a.value.some((v) => v.address?.endsWith('@brightlux-lighting.com'))),
    );
    expect(internal).toHaveLength(notices);
    for (const m of internal) expect(m.headers.get('auto-submitted')).toBe('auto-generated');
    const buyerMail = mails.filter((m) => !internal.includes(m));
    expect(
      buyerMail.filter((m) => m.headerLines.some((h) => h.key === 'list-unsubscribe')).length,
    ).toBeGreaterThan(0);
    // Follow-ups go out in the thread of the first mail (RFC 5322 3.6.4).
    expect(buyerMail.some((m) => m.inReplyTo && /^Re: /.test(m.subject ?? ''))).toBe(true);
    const timeline = await api<{ items: Array<{ type: string }> }>('/api/activities?type=outbound&limit=500');
    expect(timeline.items.length).toBe(followUps);
  });

  it('stops on Ctrl+C', async () => {
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(stdout).toContain('trademail demo stopped');
  });
});
