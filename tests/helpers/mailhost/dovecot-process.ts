/**
 * Installs, runs and stops private Dovecot processes, and makes sure none outlives the test
 * process: each master runs in its own process group under a small shell watchdog that kills it
 * when our end of its stdin pipe closes, which also happens when this process dies by SIGKILL.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import { promisify } from 'node:util';
import { waitForPortClosed, waitForPortOpen, waitUntil } from './net.ts';

const run = promisify(execFile);

export const DOVECOT_BIN = '/usr/sbin/dovecot';
export const DOVEADM_BIN = '/usr/bin/doveadm';
export const INSTALL_COMMAND = 'apt-get update && apt-get install -y dovecot-imapd dovecot-lmtpd';
/** Mail owner when the tests run as root: Dovecot refuses to access mail as uid 0. */
export const MAIL_SYSTEM_USER = 'trademail-test';

const isRoot = () => process.getuid?.() === 0;

let installed: Promise<void> | undefined;

/** Installs Dovecot when possible (root with apt), otherwise fails with the command to run. */
export function ensureDovecotInstalled(): Promise<void> {
  installed ??= (async () => {
    // Process supervision reads /proc; Dovecot packages come from apt.
    if (process.platform !== 'linux') throw new Error('the test mail host runs on Linux only');
    if (!existsSync(DOVECOT_BIN)) {
      if (!isRoot() || !existsSync('/usr/bin/apt-get')) {
        throw new Error(
          `Dovecot is not installed (${DOVECOT_BIN} is missing); install it with: ${INSTALL_COMMAND}`,
        );
      }
      // Test files run in parallel processes; flock keeps a second apt-get off the dpkg lock.
      const script = `[ -x ${DOVECOT_BIN} ] || { ${INSTALL_COMMAND}; }`;
      const command = existsSync('/usr/bin/flock')
        ? ['/usr/bin/flock', '/tmp/trademail-dovecot-install.lock', '/bin/sh', '-c', script]
        : ['/bin/sh', '-c', script];
      await run(command[0]!, command.slice(1), {
        env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
        maxBuffer: 64 * 1024 * 1024,
      }).catch((err: unknown) => {
        throw new Error(`installing Dovecot failed: ${INSTALL_COMMAND}`, { cause: err });
      });
    }
    const { stdout } = await run(DOVECOT_BIN, ['--version']);
    // The generated configuration uses 2.3 syntax; 2.4 renamed and restructured many settings.
    if (!stdout.startsWith('2.3.')) {
      throw new Error(`the test mail host needs Dovecot 2.3.x, found ${stdout.trim()} at ${DOVECOT_BIN}`);
    }
  })();
  return installed;
}

export interface MailAccounts {
  mailUid: number;
  mailGid: number;
  internalUser: string;
  internalGroup: string;
  loginUser: string;
  /** Running as root: files we write must be handed to the mail owner, services may chroot. */
  privileged: boolean;
}

async function idOf(flag: '-u' | '-g', user: string): Promise<number> {
  const { stdout } = await run('id', [flag, user]);
  return Number(stdout.trim());
}

async function ensureSystemUser(name: string): Promise<void> {
  try {
    await idOf('-u', name);
    return;
  } catch {
    // Missing: create it below.
  }
  try {
    await run('useradd', [
      '--system',
      '--user-group',
      '--no-create-home',
      '--shell',
      '/usr/sbin/nologin',
      name,
    ]);
  } catch (err) {
    // Exit code 9: a parallel test worker created it first.
    if ((err as { code?: number }).code !== 9)
      throw new Error(`could not create system user ${name}`, { cause: err });
  }
}

let accounts: Promise<MailAccounts> | undefined;

export function resolveAccounts(): Promise<MailAccounts> {
  accounts ??= (async () => {
    if (!isRoot()) {
      // Unprivileged: every Dovecot service, and the mail, run as the current user.
      const me = os.userInfo();
      const { stdout } = await run('id', ['-gn']);
      return {
        mailUid: me.uid,
        mailGid: me.gid,
        internalUser: me.username,
        internalGroup: stdout.trim(),
        loginUser: me.username,
        privileged: false,
      };
    }
    await ensureSystemUser(MAIL_SYSTEM_USER);
    for (const user of ['dovecot', 'dovenull']) {
      await idOf('-u', user).catch((err) => {
        throw new Error(`system user ${user} is missing; reinstall with: ${INSTALL_COMMAND}`, { cause: err });
      });
    }
    return {
      mailUid: await idOf('-u', MAIL_SYSTEM_USER),
      mailGid: await idOf('-g', MAIL_SYSTEM_USER),
      internalUser: 'dovecot',
      internalGroup: 'dovecot',
      loginUser: 'dovenull',
      privileged: true,
    };
  })();
  return accounts;
}

/*
 * $1 = dovecot binary, $2 = config, $3 = instance directory. The master runs in the foreground
 * (-F) so it stays in our process group. The subshell waits on our stdin pipe (kept as fd 3,
 * because sh gives background jobs /dev/null as stdin) and then stops the master. A deliberate
 * stop writes "keep" first; plain EOF means the test process died (killed, so its exit hook
 * never ran), and the subshell then also removes the instance directory once the master is
 * gone. The shell reaps the master itself (looping because a trapped signal interrupts
 * `wait`), so no zombie is left for PID 1, and exits with its status, so a master that fails
 * at start-up ends it too.
 */
const WATCHDOG = [
  'exec 3<&0',
  '"$1" -F -c "$2" </dev/null 3<&- &',
  'pid=$!',
  'trap \'kill -TERM "$pid" 2>/dev/null\' TERM',
  '( read -r word <&3 || word=',
  '  kill -TERM "$pid" 2>/dev/null',
  '  if [ "$word" != keep ]; then',
  '    while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done',
  '    case "$3" in */tmdc-*) rm -rf "$3" ;; esac',
  '  fi ) &',
  'exec 3<&-',
  'code=0',
  'while kill -0 "$pid" 2>/dev/null; do wait "$pid"; code=$?; done',
  'exit "$code"',
].join('\n');

/** What stopDovecot writes to the watchdog: stop the master, keep the storage. */
const KEEP = 'keep\n';

export interface DovecotProcess {
  readonly pgid: number;
  readonly child: ChildProcess;
  /** Exit code of the watchdog shell (the master's exit code), set once it has exited. */
  exitCode(): number | null | undefined;
  stderr(): string;
  exited: Promise<void>;
}

const live = new Set<DovecotProcess>();
const liveRoots = new Set<string>();
let exitHookInstalled = false;

function killGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch (err) {
    // ESRCH: the group is already empty, which is the state we want.
    if ((err as NodeJS.ErrnoException).code !== 'ESRCH') throw err;
  }
}

/**
 * Running members of a process group. Zombies do not count: orphaned Dovecot children are
 * reparented to PID 1, which may reap them late, and kill(-pgid, 0) would still see them.
 */
function groupMembers(pgid: number): number[] {
  const members: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // The process exited while we listed /proc.
    }
    // "pid (comm) state ppid pgrp ...": comm may contain spaces and parentheses.
    const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(pgrp) === pgid && state !== 'Z') members.push(Number(entry));
  }
  return members;
}

function killPids(pids: readonly number[], signal: NodeJS.Signals): void {
  for (const pid of pids) {
    try {
      process.kill(pid, signal);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ESRCH') throw err;
    }
  }
}

function resolvesWithin(promise: Promise<void>, ms: number): Promise<boolean> {
  return Promise.race([
    promise.then(() => true),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(false), ms).unref()),
  ]);
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // 'exit' handlers must be synchronous: kill what is left and remove the temp directories.
  process.once('exit', () => {
    for (const proc of live) killGroup(proc.pgid, 'SIGKILL');
    for (const root of liveRoots) rmSync(root, { recursive: true, force: true });
  });
}

export function trackRoot(root: string): void {
  installExitHook();
  liveRoots.add(root);
}

export function untrackRoot(root: string): void {
  liveRoots.delete(root);
}

export function spawnDovecot(configPath: string, root: string): DovecotProcess {
  installExitHook();
  const child = spawn('/bin/sh', ['-c', WATCHDOG, 'sh', DOVECOT_BIN, configPath, root], {
    detached: true,
    stdio: ['pipe', 'ignore', 'pipe'],
  });
  if (child.pid === undefined) throw new Error(`could not spawn ${DOVECOT_BIN}`);
  let stderr = '';
  let code: number | null | undefined;
  child.stderr?.on('data', (chunk: Buffer) => {
    if (stderr.length < 16_384) stderr += chunk.toString('utf8');
  });
  const exited = new Promise<void>((resolve) => {
    child.once('exit', (exitCode) => {
      code = exitCode;
      resolve();
    });
  });
  // Neither the child nor its pipes may keep the test process alive; the exit hook cleans up.
  child.unref();
  (child.stdin as unknown as { unref(): void } | null)?.unref();
  (child.stderr as unknown as { unref(): void } | null)?.unref();
  const proc: DovecotProcess = { pgid: child.pid, child, exitCode: () => code, stderr: () => stderr, exited };
  live.add(proc);
  return proc;
}

export async function waitForDovecot(
  proc: DovecotProcess,
  port: number,
  timeoutMs: number,
  logTail: () => string,
) {
  await waitForPortOpen(port, timeoutMs, () =>
    proc.exitCode() === undefined
      ? undefined
      : new Error(
          `dovecot exited with code ${proc.exitCode()} during start-up:\n${proc.stderr()}${logTail()}`,
        ),
  );
}

/**
 * Stops the master and every process of its group, then waits until the port is released.
 * TERM goes to the whole group rather than to the master alone, because a master told to stop
 * waits for its services; a login process that is still talking to auth ignores TERM and would
 * hold the master up for seconds, so whatever is left after a short grace period gets KILL.
 * The watchdog shell itself is spared, so that it can reap the master.
 */
export async function stopDovecot(proc: DovecotProcess, port: number): Promise<void> {
  // Hold the event loop open until the group is gone (the child was unref'd at spawn).
  proc.child.ref();
  proc.child.stdin?.end(KEEP);
  killGroup(proc.pgid, 'SIGTERM');
  if (!(await resolvesWithin(proc.exited, 300))) {
    killPids(
      groupMembers(proc.pgid).filter((pid) => pid !== proc.pgid),
      'SIGKILL',
    );
    if (!(await resolvesWithin(proc.exited, 2000))) killGroup(proc.pgid, 'SIGKILL');
  }
  await proc.exited;
  try {
    await waitUntil(
      () => groupMembers(proc.pgid).length === 0,
      2000,
      `dovecot process group ${proc.pgid} to exit`,
    );
  } catch {
    killGroup(proc.pgid, 'SIGKILL');
    await waitUntil(
      () => groupMembers(proc.pgid).length === 0,
      2000,
      `dovecot process group ${proc.pgid} to die`,
    );
  }
  live.delete(proc);
  await waitForPortClosed(port, 3000);
}

/** Pids of a user's live IMAP sessions, from `doveadm who -1` (username proto pid ip). */
export async function sessionPids(configPath: string, user: string): Promise<number[]> {
  const { stdout } = await run(DOVEADM_BIN, ['-c', configPath, 'who', '-1', user]);
  return stdout
    .split('\n')
    .slice(1)
    .map((line) => line.trim().split(/\s+/))
    .filter((cols) => cols[0] === user)
    .map((cols) => Number(cols[2]))
    .filter((pid) => Number.isInteger(pid) && pid > 0);
}

/** Disconnects a user's sessions and waits until their processes are gone. */
export async function kickUser(configPath: string, user: string): Promise<void> {
  const pids = await sessionPids(configPath, user);
  if (pids.length === 0) return;
  await run(DOVEADM_BIN, ['-c', configPath, 'kick', user]);
  const alive = (pid: number) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  await waitUntil(() => !pids.some(alive), 3000, `imap sessions of ${user} to end`);
}
