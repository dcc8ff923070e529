/**
 * The understand pool: worker threads give, message by message, what understandMessage gives
 * on the calling thread (Buffers and Dates included), a failed message is an outcome naming
 * its stage and code, a dying worker fails only the batches it held and is replaced, and
 * neither an open nor a closed pool keeps the process alive.
 */
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describeError, isTrademailError } from '../../../src/errors.ts';
import { lookupsFrom, pipelineContext } from '../../../src/ingest/context.ts';
import { StageError } from '../../../src/ingest/stages/types.ts';
import { understandMessage } from '../../../src/ingest/understand-message.ts';
import {
  asBuffer,
  failureError,
  type UnderstandBatchInput,
  type UnderstandOutcome,
} from '../../../src/ingest/workers/understand-batch.ts';
import {
  createUnderstandPool,
  type UnderstandPool,
  WORKER_YOUNG_GENERATION_MB,
} from '../../../src/ingest/workers/understand-pool.ts';
import { runNode } from '../../helpers/cli.ts';
import { inquiryMessage } from '../../helpers/messages.ts';
import { fixtureBatch } from './understand-pool-fixtures.ts';

const batch = fixtureBatch();
const input: UnderstandBatchInput = { context: batch.context, lookups: batch.lookups, items: batch.items };
const CRASHING = new URL('./crashing-understand-worker.mjs', import.meta.url);

/** understandMessage called directly, as processor.ts calls it. */
async function direct(): Promise<UnderstandOutcome[]> {
  const lookups = lookupsFrom(batch.lookups);
  const out: UnderstandOutcome[] = [];
  for (const item of batch.items) {
    const ctx = pipelineContext({ ...batch.context, ...lookups }, lookups, item.role, item.now);
    try {
      out.push({ ok: true, message: await understandMessage(asBuffer(item.raw), ctx) });
    } catch (err) {
      if (!(err instanceof StageError)) throw err;
      // processor.ts quarantines with describeError(err).
      out.push({ ok: false, stage: err.stage, code: err.code, message: describeError(err) });
    }
  }
  return out;
}

// Worker start-up is mostly loading the understanding modules (seconds): the pools are shared.
const pools: UnderstandPool[] = [];
function pool(size: number, workerEntry?: URL): UnderstandPool {
  const p = createUnderstandPool({ size, workerEntry });
  pools.push(p);
  return p;
}
const inline = pool(0);
const one = pool(1);
const two = pool(2);
afterAll(async () => {
  await Promise.all(pools.map((p) => p.close()));
});

const inquiries = (from: number, n: number, extra: string[] = []) => ({
  context: batch.context,
  lookups: { ourMessageIds: [], sentThreads: [] },
  items: [...Array.from({ length: n }, (_, i) => inquiryMessage(from + i)), ...extra].map((raw) => ({
    raw: Buffer.from(raw),
    role: 'inquiries' as const,
    now: new Date(Date.UTC(2026, 2, 1)),
  })),
});

describe('understand pool outcomes', () => {
  it('equal understandMessage called directly, message by message, for sizes 0, 1 and 2', async () => {
    const expected = await direct();
    expect(batch.items.length).toBeGreaterThanOrEqual(60);
    // The comparison must cover attachment bytes and parse failures, or it proves little.
    const attached = expected.filter((o) => o.ok && o.message.mail.attachments.some((a) => a.content));
    expect(attached.length).toBeGreaterThan(0);
    const sizes = [inline, one, two].map((p) => p.size);
    const results = await Promise.all([inline, one, two].map((p) => p.understand(input)));
    for (const [s, outcomes] of results.entries()) {
      expect(outcomes).toHaveLength(expected.length);
      for (const [i, outcome] of outcomes.entries()) {
        // toStrictEqual tells a Buffer from a Uint8Array and a Date from a string.
        expect(outcome, `size ${sizes[s]}: ${batch.ids[i]}`).toStrictEqual(expected[i]);
        // Key order too: the store stage saves the understanding as JSON.
        expect(JSON.stringify(outcome)).toBe(JSON.stringify(expected[i]));
      }
    }
  });

  it('reports a message that cannot be parsed with its stage and code, as processor.ts quarantines it', async () => {
    const outcomes = await one.understand(input);
    const broken = batch.ids.flatMap((id, i) => (id.startsWith('broken/') ? [outcomes[i]!] : []));
    expect(broken).toEqual([
      { ok: false, stage: 'parse', code: 'PARSE_FAILED', message: 'parse: empty message: no bytes to parse' },
      {
        ok: false,
        stage: 'parse',
        code: 'PARSE_FAILED',
        message: 'parse: no header fields: this is not an RFC 5322 message',
      },
    ]);
    const err = failureError(broken[0] as Extract<UnderstandOutcome, { ok: false }>);
    expect(err).toBeInstanceOf(StageError);
    expect([err.stage, err.code]).toEqual(['parse', 'PARSE_FAILED']);
  });

  it('leaves the caller raw bytes usable (they are copied, not transferred)', async () => {
    const sizes = batch.items.map((item) => item.raw.byteLength);
    await two.understand(input);
    expect(batch.items.map((item) => item.raw.byteLength)).toEqual(sizes);
    expect(asBuffer(batch.items[0]!.raw).toString('latin1')).toMatch(/^[\x20-\x7e]/);
  });

  it('keeps each caller context apart: a worker reuses its copy of a context, never another one', async () => {
    // The same buyer mail, once with the buyer's domain counted as ours.
    const theirs = inquiries(1, 1);
    const ours = {
      ...theirs,
      context: { ...batch.context, ourDomains: [...batch.context.ourDomains, 'importer1.com'] },
    };
    const kinds = async (p: UnderstandPool) => {
      const out = [];
      for (const b of [theirs, ours, theirs, ours]) out.push(...(await p.understand(b)));
      return out.map((o) => o.ok && o.message.understanding.kind);
    };
    const expected = await kinds(inline);
    expect(expected[0]).toBe('inquiry');
    expect(expected[1]).not.toBe('inquiry');
    expect(await kinds(one)).toEqual(expected);
  });

  it('answers batches sent ahead in the order they were sent, each as soon as it is done', async () => {
    // A long batch, then a one-mail batch. Run side by side, the short one would be answered
    // first (each parse awaits, so the two would interleave mail by mail) and the long one
    // last, when the processor, which applies batches in order, has long needed it.
    const answered: string[] = [];
    await Promise.all([
      one.understand(inquiries(1, 60)).then(() => answered.push('long')),
      one.understand(inquiries(100, 1)).then(() => answered.push('short')),
    ]);
    expect(answered).toEqual(['long', 'short']);
  });

  it('answers an empty batch with no outcomes', async () => {
    expect(await two.understand({ ...input, items: [] })).toEqual([]);
  });
});

describe('lookup data', () => {
  it('survives structured clone and gives the look-ups batchLookups gave', () => {
    const data = structuredClone({
      ourMessageIds: ['<a@brightlux-lighting.com>'],
      sentThreads: [
        ['buyer@x.example\nled panels', '<newest@brightlux-lighting.com>'],
        ['buyer@x.example\nled panels', '<older@brightlux-lighting.com>'],
      ] as [string, string][],
    });
    const lookups = lookupsFrom(data);
    expect(lookups.isOurMessageId('<a@brightlux-lighting.com>')).toBe(true);
    expect(lookups.isOurMessageId('<b@brightlux-lighting.com>')).toBe(false);
    // The buyer's address is matched lowercased; the first (newest) mail of a thread wins.
    expect(lookups.findSentThread('Buyer@X.example', 'led panels')).toBe('<newest@brightlux-lighting.com>');
    expect(lookups.findSentThread('buyer@x.example', 'other')).toBeNull();
  });
});

describe('a worker that dies', () => {
  it('fails the pending batch with WORKER_FAILED and is replaced for the next batch', async () => {
    const p = pool(1, CRASHING);
    const cases = [
      ['CRASH-EXIT', /^understand worker 0 exited with code 7; 1 batch\(es\) lost/],
      ['CRASH-THROW', /^understand worker 0 failed: boom in the worker; 1 batch\(es\) lost/],
      [
        'CRASH-POST',
        /^understand worker 0 failed: the outcomes cannot be sent back: the port refuses every message, nor the error: the port refuses every message; 1 batch\(es\) lost/,
      ],
    ] as const;
    for (const [how, message] of cases) {
      const err = await p.understand(inquiries(0, 3, [how])).catch((e: unknown) => e);
      expect(isTrademailError(err, 'WORKER_FAILED'), how).toBe(true);
      expect((err as Error).message).toMatch(message);
      const next = await p.understand(inquiries(10, 3));
      expect(next.map((o) => o.ok && o.message.understanding.kind)).toEqual([
        'inquiry',
        'inquiry',
        'inquiry',
      ]);
    }
  });

  it('fails a batch split over two workers when one of them dies, and the pool carries on', async () => {
    const p = pool(2, CRASHING);
    // Four messages split in two slices: the crash is in the second.
    const err = await p.understand(inquiries(0, 3, ['CRASH-EXIT'])).catch((e: unknown) => e);
    expect(isTrademailError(err, 'WORKER_FAILED')).toBe(true);
    const next = await p.understand(inquiries(20, 4));
    expect(next.filter((o) => o.ok)).toHaveLength(4);
  });

  it('close() fails batches still pending instead of leaving them waiting', async () => {
    const p = createUnderstandPool({ size: 1 });
    const pending = p.understand(inquiries(0, 20)).catch((e: unknown) => e);
    await p.close();
    const err = await pending;
    expect(isTrademailError(err, 'WORKER_FAILED')).toBe(true);
    expect((err as Error).message).toMatch(/closed/);
    await expect(p.understand(inquiries(0, 1))).rejects.toThrow(/closed/);
  });
});

describe("a worker's heap", () => {
  it("keeps its young generation within the pool's limit however much a batch allocates", async () => {
    const reporting = pool(1, new URL('./heap-reporting-worker.mjs', import.meta.url));
    const [outcome] = await reporting.understand(inquiries(0, 1));
    const youngBytes = Number(outcome?.ok === false ? outcome.message : Number.NaN);
    // Two semi-spaces of a third of the limit each; without the limit V8 grows them to 16 MB.
    expect(youngBytes).toBeGreaterThan(0);
    expect(youngBytes).toBeLessThanOrEqual(((2 * WORKER_YOUNG_GENERATION_MB) / 3) * 2 ** 20);
  });
});

describe('the process', () => {
  const child = path.join(import.meta.dirname, 'understand-pool-child.ts');
  const run = (args: string[]) =>
    // A process the pool kept alive is killed by the guard and fails below.
    runNode(args, { cwd: path.resolve(import.meta.dirname, '../../..'), timeoutMs: 50_000 });
  // As `node --import tsx` starts it, and as bin/trademail.js does (tsx registered from code).
  const viaImport = (mode: string) => ['--import', 'tsx', child, mode];
  const viaRegister = (mode: string) => [path.join(import.meta.dirname, 'understand-pool-child.mjs'), mode];

  it('ends on its own after close(), and with the pool left open and idle, however tsx was loaded', async () => {
    const results = await Promise.all([run(viaImport('close')), run(viaRegister('idle'))]);
    for (const r of results) {
      expect(r.stderr).toBe('');
      expect({ code: r.code, signal: r.signal, stdout: r.stdout.trim() }).toEqual({
        code: 0,
        signal: null,
        stdout: '["inquiry","inquiry","inquiry"]',
      });
    }
  });
});
