/**
 * A sender (and optionally scheduler) process for the multi-process suites. On start it recovers
 * what its previous incarnation left in `sending` (its worker name is stable), decides uncertain
 * mails from the Sent folder and the parent's submission log, reports 'ready', then works until
 * nothing is queued, due or uncertain, and reports 'done'. The parent may SIGKILL it at any point.
 */

import { mailboxDirectory } from '../../../src/sequences/engine/mailboxes.ts';
import type { SubmissionLog } from '../../../src/sequences/engine/recovery.ts';
import { recoverSending, resolveUncertain } from '../../../src/sequences/engine/recovery.ts';
import { sendDue } from '../../../src/sequences/engine/sender.ts';
import { openStore } from '../../../src/store/client.ts';
import {
  CHILD_CONFIG_ENV,
  type ChildConfig,
  type ChildMessage,
  type ParentMessage,
  type RecoveryStats,
} from './ipc.ts';

const config = JSON.parse(process.env[CHILD_CONFIG_ENV] ?? '') as ChildConfig;
const send = (m: ChildMessage) => process.send?.(m);
// The parent is gone (or has finished with us): never outlive it.
process.on('disconnect', () => process.exit(1));
const bootedAt = performance.now();
const clock = () => new Date(Date.parse(config.clockBase) + Math.round(performance.now() - bootedAt));

const pending = new Map<number, (found: boolean) => void>();
let nextLookup = 0;
let go: () => void = () => undefined;
const started = new Promise<void>((resolve) => {
  go = resolve;
});
process.on('message', (m: ParentMessage) => {
  if (m.type === 'go') go();
  if (m.type === 'lookup-result') {
    pending.get(m.id)?.(m.found);
    pending.delete(m.id);
  }
});
const submissionLog: SubmissionLog = {
  contains: (messageId) =>
    new Promise((resolve) => {
      const id = nextLookup++;
      pending.set(id, resolve);
      send({ type: 'lookup', id, messageId });
    }),
};

const store = await openStore(config.dbUrl, { migrate: false });
const db = store.db;
const mailboxes = mailboxDirectory([config.mailbox], {
  copyToSent: config.copyToSent,
  throttle: () => ({ dailyCap: 1_000_000, minGapMs: 0 }),
  maxConnections: 4,
});
const deps = { db, worker: config.worker, mailboxes, submissionLog, sendBatchSize: 50 };

const stats: RecoveryStats = { recovered: 0, bySentFolder: 0, bySubmissionLog: 0, requeued: 0 };
const resolve = async () => {
  const r = await resolveUncertain(deps, clock());
  stats.bySentFolder += r.sent.filter((s) => s.evidence === 'sent_folder').length;
  stats.bySubmissionLog += r.sent.filter((s) => s.evidence === 'submission_log').length;
  stats.requeued += r.requeued.length;
  return r;
};
stats.recovered = await recoverSending(db, { now: clock(), ownWorker: config.worker });
await resolve();

const schedule = config.schedule
  ? await (async () => {
      const { tick } = await import('../../../src/sequences/engine/scheduler.ts');
      const { plainRenderer, SENDER, timing } = await import('../fixtures.ts');
      const schedulerDeps = {
        db,
        worker: config.worker,
        render: plainRenderer,
        senders: () => SENDER,
        timing: timing(),
        batchSize: 50,
      };
      return (now: Date) => tick(schedulerDeps, now, 100);
    })()
  : null;

send({ type: 'ready', stats });
if (config.waitForGo) await started;

let queuedByMe = 0;
let sentByMe = 0;
const errors: string[] = [];
for (;;) {
  const now = clock();
  const queuedNow = schedule === null ? 0 : (await schedule(now)).outcomes.queued;
  queuedByMe += queuedNow;
  const report = await sendDue(deps, now);
  sentByMe += report.outcomes.sent;
  errors.push(...report.errors.map((e) => e.message));
  if (queuedNow + report.outcomes.sent + report.outcomes.lost > 0) continue;
  // This pass found nothing to do: finished, or waiting for another process' in-flight work.
  const [due, queued, inFlight] = await Promise.all([
    schedule === null ? 0 : db.enrollment.count({ where: { state: 'active', nextStepAt: { lte: now } } }),
    db.outboundMail.count({ where: { state: 'queued' } }),
    db.outboundMail.count({ where: { state: { in: ['sending', 'uncertain'] } } }),
  ]);
  if (due + queued + inFlight === 0) break;
  if (inFlight > 0) await resolve();
  await new Promise((r) => setTimeout(r, 20));
}
send({ type: 'done', queued: queuedByMe, sent: sentByMe, errors });
await mailboxes.close();
await store.close();
process.removeAllListeners('disconnect');
process.disconnect?.();
