// V8 heap settings for every trademail command, applied before the bundle loads. Both trade a
// little collection work for a much lower peak: a backfill allocates far more than it keeps.
// A setting given to node itself (on its command line or in NODE_OPTIONS) wins over ours.
import { PerformanceObserver } from 'node:perf_hooks';
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';

/** The young generation's semi-space is held at this size (V8 lets it grow to 16 MB). */
export const SEMI_SPACE_MB = 8;

export function tuneHeap(execArgv = process.execArgv, nodeOptions = process.env.NODE_OPTIONS ?? '') {
  const given = (flag) => execArgv.some((arg) => arg.startsWith(flag)) || nodeOptions.includes(flag);
  // V8 lets the old generation grow to several times what survives a full collection before it
  // collects again; a backfill leaves most of that growth as garbage. Growing by half instead
  // took the 10,000-message `sync --once` from 406 to 303 MB peak RSS at 700 against 719 msg/s
  // in the same run (bench/ingest-backfill.ts). It is a growth factor, not a cap: a process that
  // needs more memory still gets it.
  if (!given('--heap-growing-percent')) setFlagsFromString('--heap-growing-percent=50');
  if (!given('--max-semi-space-size') && !given('--semi-space-growth-factor')) {
    capSemiSpace(SEMI_SPACE_MB);
  }
}

/**
 * New objects are allocated in a semi-space that V8 doubles, up to 16 MB (twice that resident,
 * with its copy), while many of them survive a scavenge, as they do while a batch of mail is
 * in flight. --max-semi-space-size=8 saved 15-25 MB of the sync's peak at the same speed, but
 * node reads it only at start. The growth factor V8 reads at each growth, so after every
 * collection it is set to land the next growth on the cap at most, and to 1 once there. A
 * semi-space V8 shrinks while idle grows back the same way.
 *
 * V8's flags are per process, so a worker thread's semi-space grows under the same factor; the
 * understanding workers have a hard cap of their own (understand-pool.ts).
 */
function capSemiSpace(mb) {
  const cap = mb * 2 ** 20;
  // Set after every collection, not only when the factor changes: starting a worker thread
  // (sync.workers) puts V8's run-time flags back to node's, and the main thread's semi-space
  // then grew to 16 MB under the default factor. Setting the flag takes about 2 µs. It is set
  // again once a worker runs (by then its start has reset the flags) and when it ends, so the
  // main thread's next collection does not grow under the default. The reset happens on the
  // worker's thread at a moment this thread cannot see, so until the worker is online the
  // flag is also set every millisecond the event loop is free: a collection in between still
  // grew the semi-space in 6 of 83 runs of tests/cli/heap.test.ts's worker case without this,
  // in 1 of 80 with it.
  const adjust = () => {
    const young = getHeapSpaceStatistics().find((space) => space.space_name === 'new_space');
    if (!young) return;
    const semiSpace = young.space_used_size + young.space_available_size;
    const next = Math.max(1, Math.floor(cap / Math.max(semiSpace, 1)));
    setFlagsFromString(`--semi-space-growth-factor=${next}`);
  };
  adjust();
  new PerformanceObserver(adjust).observe({ entryTypes: ['gc'] });
  process.on('worker', (worker) => {
    adjust();
    const poll = setInterval(adjust, 1);
    poll.unref();
    const settle = () => {
      clearInterval(poll);
      adjust();
    };
    worker.once('online', settle);
    worker.once('exit', settle);
  });
}
