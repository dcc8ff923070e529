/**
 * Starts an engine child process (node + tsx) with an IPC channel; its submission-log lookups are
 * answered from the sink's record.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { CHILD_CONFIG_ENV, type ChildConfig, type ChildMessage, type ParentMessage } from './ipc.ts';
import type { RecordingSink } from './recording-sink.ts';

const CHILD = path.join(import.meta.dirname, 'engine-child.ts');

export interface EngineChild {
  process: ChildProcess;
  /** Resolves with the 'ready' message. */
  ready: Promise<Extract<ChildMessage, { type: 'ready' }>>;
  /** Resolves with 'done', or null when the process exited without it (killed). */
  finished: Promise<Extract<ChildMessage, { type: 'done' }> | null>;
  go(): void;
}

export function spawnEngineChild(config: ChildConfig, sink: RecordingSink): EngineChild {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, [CHILD_CONFIG_ENV]: JSON.stringify(config) },
  });
  let done: Extract<ChildMessage, { type: 'done' }> | null = null;
  const ready = new Promise<Extract<ChildMessage, { type: 'ready' }>>((resolve, reject) => {
    child.once('exit', (code, signal) => reject(new Error(`child exited before ready (${code ?? signal})`)));
    child.on('message', (m: ChildMessage) => {
      if (m.type === 'ready') resolve(m);
      if (m.type === 'done') done = m;
      if (m.type === 'lookup' && child.connected) {
        const reply: ParentMessage = {
          type: 'lookup-result',
          id: m.id,
          found: sink.messageIds().has(m.messageId),
        };
        child.send(reply);
      }
    });
  });
  ready.catch(() => undefined);
  const finished = new Promise<Extract<ChildMessage, { type: 'done' }> | null>((resolve) => {
    child.once('exit', () => resolve(done));
  });
  return {
    process: child,
    ready,
    finished,
    go: () => {
      if (child.connected) child.send({ type: 'go' } satisfies ParentMessage);
    },
  };
}
