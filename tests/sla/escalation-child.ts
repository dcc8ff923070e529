/**
 * A separate process for the crash tests of the escalation job: runs one pass and stops dead
 * at a chosen point so the parent can kill it with SIGKILL there.
 *   before-smtp: after the notice rows are committed, before SMTP is called
 *   during-smtp: after the notice was handed to SMTP, before any reply
 * Env: CHILD_CONFIG (config document, JSON), CHILD_NOW (ISO instant), CHILD_MODE, CHILD_WORKER.
 */
import { writeSync } from 'node:fs';
import path from 'node:path';
import { parseConfig } from '../../src/config/load.ts';
import { silentLogger } from '../../src/log/logger.ts';
import { runEscalations } from '../../src/sla/escalation-job.ts';
import type { TransportFactory } from '../../src/sla/notify/transport.ts';
import { openStore } from '../../src/store/client.ts';
import { loadTemplates } from '../../src/templates/load.ts';

const config = parseConfig(JSON.parse(process.env.CHILD_CONFIG ?? '{}'), {});
const mode = process.env.CHILD_MODE;
const stopHere = (word: string): void => {
  writeSync(1, `${word}\n`);
  // Blocks the whole process: nothing else can run before the parent's SIGKILL arrives.
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60_000);
};
const transports: TransportFactory = () => {
  if (mode === 'before-smtp') stopHere('WRITTEN');
  return {
    sendMail: () => {
      stopHere('HANDOVER');
      return new Promise(() => undefined);
    },
    close: () => undefined,
  };
};
const store = await openStore(config.database.url);
await runEscalations(
  {
    db: store.db,
    config,
    log: silentLogger,
    templates: loadTemplates(path.resolve(import.meta.dirname, '../../templates')),
    transports,
    worker: process.env.CHILD_WORKER ?? 'sla-child',
  },
  new Date(process.env.CHILD_NOW ?? ''),
);
writeSync(1, 'DONE\n');
process.exit(0);
