/**
 * Headless Chromium for the browser tests: Debian's `chromium` driven by playwright-core. When it
 * is missing and the tests run as root with apt, it is installed; otherwise the suite fails with
 * the command to run.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];

function hasApt(): boolean {
  try {
    execFileSync('apt-get', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export function ensureChromium(): void {
  if (existsSync(CHROMIUM)) return;
  if (process.getuid?.() === 0 && hasApt()) {
    console.warn(`${CHROMIUM} not found: installing Debian's chromium (apt-get install -y chromium)`);
    execFileSync('apt-get', ['update'], { stdio: 'inherit', timeout: 300_000 });
    execFileSync('apt-get', ['install', '-y', 'chromium'], {
      stdio: 'inherit',
      timeout: 600_000,
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    if (existsSync(CHROMIUM)) return;
  }
  throw new Error(`${CHROMIUM} not found. Install it first: sudo apt-get install -y chromium`);
}

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** A browser with a fresh profile directory, removed on close. */
export async function launchBrowser(viewport = { width: 1280, height: 800 }): Promise<Browser> {
  ensureChromium();
  const profile = mkdtempSync(join(tmpdir(), 'tm-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
    headless: true,
    viewport,
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
