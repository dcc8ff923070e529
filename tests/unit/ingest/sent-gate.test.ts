import { describe, expect, it } from 'vitest';
import { sentGate } from '../../../src/ingest/sync/sent-gate.ts';

/** Whether the promise has settled by the time queued reactions have run. */
async function settled(p: Promise<unknown>): Promise<boolean> {
  let done = false;
  void p.then(() => {
    done = true;
  });
  for (let i = 0; i < 10; i++) await Promise.resolve();
  return done;
}

function deferred() {
  let resolve!: () => void;
  let reject!: (err: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('sentGate', () => {
  it('opens once every named mailbox has arrived and each Sent first try has ended', async () => {
    const gate = sentGate(['shared', 'rita', 'anna']);
    const rita = deferred();
    gate.arrive('shared');
    gate.arrive('rita', rita.promise);
    expect(await settled(gate.opened)).toBe(false);
    gate.arrive('anna');
    expect(await settled(gate.opened)).toBe(false);
    rita.resolve();
    expect(await settled(gate.opened)).toBe(true);
  });

  it('opens on a failed first try as on a finished one', async () => {
    const gate = sentGate(['rita']);
    const rita = deferred();
    gate.arrive('rita', rita.promise);
    rita.reject(new Error('connection lost'));
    expect(await settled(gate.opened)).toBe(true);
  });

  it('counts a mailbox once: a retried mailbox does not stand in for one not yet arrived', async () => {
    const gate = sentGate(['shared', 'rita']);
    gate.arrive('shared');
    gate.arrive('shared');
    gate.arrive('someone-else');
    expect(await settled(gate.opened)).toBe(false);
    gate.arrive('rita');
    expect(await settled(gate.opened)).toBe(true);
  });

  it('is open from the start with no mailboxes', async () => {
    expect(await settled(sentGate([]).opened)).toBe(true);
  });
});
