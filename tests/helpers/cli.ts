/** Runs the real `trademail` command line in a child process, as a user would. */
import { spawn } from 'node:child_process';
import { join } from 'node:path';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'trademail.js');

export interface CliResult {
  code: number | null;
  /** The signal that ended the process, if one did (the timeout's SIGKILL, say). */
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Only a guard against a hung test run: the process is killed then and its result says so. */
  timeoutMs?: number;
  /** Told of the standard output so far, whenever more arrives (for a command that waits on us). */
  onStdout?: (soFar: string) => void;
}

/** Runs `node <args>` in a child process and collects its output and how it ended. */
export function runNode(args: string[], options: RunOptions = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
      options.onStdout?.(stdout);
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

export function runCli(args: string[], options: RunOptions = {}): Promise<CliResult> {
  return runNode([BIN, ...args], options);
}
