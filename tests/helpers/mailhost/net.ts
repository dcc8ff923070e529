/** Loopback port helpers shared by the test mail servers. */
import net from 'node:net';

export const LOOPBACK = '127.0.0.1';

/** A port the kernel reports free right now: bind port 0, read the port, release it. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, LOOPBACK, () => resolve());
  });
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('could not read a free loopback port');
  return address.port;
}

/** 'open' when a TCP connection is accepted, otherwise the error code (ECONNREFUSED, ...). */
export function probePort(port: number): Promise<'open' | string> {
  return new Promise((resolve) => {
    const socket = net.connect(port, LOOPBACK);
    socket.once('connect', () => {
      socket.destroy();
      resolve('open');
    });
    socket.once('error', (err: NodeJS.ErrnoException) => {
      socket.destroy();
      resolve(err.code ?? err.message);
    });
  });
}

const PROBE_INTERVAL_MS = 10;

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Resolves once the port accepts connections. A server process gives no readiness event, so this
 * probes; `failed()` lets the caller abort early (the process died) with its own error.
 */
export async function waitForPortOpen(port: number, timeoutMs: number, failed: () => Error | undefined) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const early = failed();
    if (early) throw early;
    const state = await probePort(port);
    if (state === 'open') return;
    if (Date.now() > deadline) {
      throw new Error(`port ${port} did not accept connections within ${timeoutMs} ms (last: ${state})`);
    }
    await sleep(PROBE_INTERVAL_MS);
  }
}

/** Resolves once connections to the port are refused, i.e. no process still holds the listener. */
export async function waitForPortClosed(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const state = await probePort(port);
    if (state !== 'open') return;
    if (Date.now() > deadline)
      throw new Error(`port ${port} still accepts connections after ${timeoutMs} ms`);
    await sleep(PROBE_INTERVAL_MS);
  }
}

/** Polls a condition that has no event to wait on (another process exiting). */
export async function waitUntil(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(PROBE_INTERVAL_MS);
  }
}
