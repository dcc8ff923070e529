/**
 * A private Dovecot IMAP server for integration tests: its own config, base_dir, passwd-file
 * users and Maildir storage under a short temp dir (/dev/shm/tmdc-XXXXXX, else /tmp/tmdc-XXXXXX),
 * listening on a free 127.0.0.1 port without TLS.
 *
 *   const dovecot = await startDovecot({ users: [{ name: 'sales', password: 'pw' }] });
 *   const client = await dovecot.connect('sales'); // logged-in ImapFlow
 *   ...
 *   await dovecot.stop();
 *
 * Every user has INBOX plus Sent, Drafts, Junk and Trash (RFC 6154 SPECIAL-USE, auto-subscribed).
 * Dovecot delays IDLE notifications by a fixed 0.5 s after a change.
 */
import { existsSync, readFileSync } from 'node:fs';
import { chmod, chown, mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ImapFlow, type ImapFlowOptions } from 'imapflow';
import { dovecotPaths, passwdLine, renderDovecotConfig, renderOauth2Config } from './dovecot-config.ts';
import {
  type DovecotProcess,
  ensureDovecotInstalled,
  kickUser,
  type MailAccounts,
  resolveAccounts,
  spawnDovecot,
  stopDovecot,
  trackRoot,
  untrackRoot,
  waitForDovecot,
} from './dovecot-process.ts';
import { forgetFolderUids, type MaildirWriteOptions, writeMaildirFiles } from './maildir.ts';
import { freePort, LOOPBACK } from './net.ts';

export interface MailUser {
  name: string;
  password: string;
}

export interface DovecotOptions {
  /** Defaults to one user, alice / alice-secret. */
  users?: MailUser[];
  /** false: CAPABILITY omits IDLE (RFC 2177), to exercise a client's polling fallback. */
  idle?: boolean;
  /** Raw Dovecot 2.3 settings appended to the generated config. */
  extraConfig?: string;
  /** Accept OAuth2 bearer tokens, checked at this introspection endpoint (dovecot-config.ts). */
  oauth2IntrospectionUrl?: string;
  startTimeoutMs?: number;
}

export interface AppendResult {
  uid: number;
  uidValidity: bigint;
}

export interface DovecotHost {
  readonly host: string;
  readonly port: number;
  /** Live list: addUser() appends to it. */
  readonly users: readonly MailUser[];
  /** The instance directory (config, log, homes). */
  readonly root: string;
  readonly idle: boolean;
  /** Options for `new ImapFlow(...)` logging in as this user (no TLS, logger off). */
  clientOptions(user: string): ImapFlowOptions;
  /** A connected, logged-in client; the caller logs it out. */
  connect(user: string): Promise<ImapFlow>;
  addUser(name: string, password: string): Promise<void>;
  /** Stops the server and deletes its storage. Safe to call twice. */
  stop(): Promise<void>;
  /** Stops and starts again on the same port with the same storage; open connections drop. */
  restart(): Promise<void>;
  /** IMAP APPEND as the user; creates a missing folder first. */
  appendMessage(
    user: string,
    folder: string,
    raw: Buffer | string,
    flags?: string[],
    internalDate?: Date,
  ): Promise<AppendResult>;
  /**
   * Bulk seeding: writes message files straight into the folder's Maildir (new/, or cur/ when
   * flags are given). Dovecot indexes them, assigning UIDs in array order, on the next access.
   */
  writeMaildirMessages(
    user: string,
    folder: string,
    raws: readonly (Buffer | string)[],
    options?: Omit<MaildirWriteOptions, 'owner'>,
  ): Promise<void>;
  /**
   * Replaces the folder by a new one holding the same messages: new UIDVALIDITY, UIDs from 1.
   * Disconnects the user's open sessions first (as a server does when a mailbox is recreated
   * under them). Throws if the UIDVALIDITY did not change.
   */
  recreateFolder(user: string, folder: string): Promise<{ before: bigint; after: bigint }>;
  /** Directory of the folder's Maildir. */
  folderPath(user: string, folder: string): string;
}

/**
 * tmpfs when the machine has one: seeding 10,000 Maildir files there takes a fraction of a
 * second, while on a busy shared disk it can take several. Either path keeps Dovecot's Unix
 * socket paths far below the ~100-byte limit of sockaddr_un.
 */
const TEMP_PARENT = existsSync('/dev/shm') ? '/dev/shm' : '/tmp';

const USER_NAME = /^[a-z0-9][a-z0-9._+-]*$/;
const FOLDER_SEGMENT = /^[A-Za-z0-9][A-Za-z0-9 ._-]*$/;
const MAILDIR_SUBDIRS = new Set(['cur', 'new', 'tmp']);

function isInbox(folder: string): boolean {
  return folder.toUpperCase() === 'INBOX';
}

export async function startDovecot(options: DovecotOptions = {}): Promise<DovecotHost> {
  await ensureDovecotInstalled();
  const accounts = await resolveAccounts();
  const root = await mkdtemp(`${TEMP_PARENT}/tmdc-`);
  trackRoot(root);
  try {
    return await createHost(root, accounts, options);
  } catch (err) {
    untrackRoot(root);
    await rm(root, { recursive: true, force: true });
    throw err;
  }
}

async function createHost(
  root: string,
  accounts: MailAccounts,
  options: DovecotOptions,
): Promise<DovecotHost> {
  const paths = dovecotPaths(root);
  const owner = accounts.privileged ? { uid: accounts.mailUid, gid: accounts.mailGid } : undefined;
  const idle = options.idle ?? true;
  const users: MailUser[] = [];
  const port = await freePort();
  let proc: DovecotProcess | undefined;
  let stopped = false;

  // Dovecot's unprivileged services (auth as `dovecot`, logins as `dovenull`) must traverse it.
  await chmod(root, 0o755);
  await mkdir(paths.stateDir, { mode: 0o755 });
  await mkdir(paths.homes, { mode: 0o755 });
  await mkdir(paths.usersDir, { mode: 0o755 });
  const config = renderDovecotConfig({
    root,
    port,
    ...accounts,
    idle,
    extraConfig: options.extraConfig,
    oauth2IntrospectionUrl: options.oauth2IntrospectionUrl,
  });
  await writeFile(paths.config, config, { mode: 0o644 });
  if (options.oauth2IntrospectionUrl)
    await writeFile(paths.oauth2Config, renderOauth2Config(options.oauth2IntrospectionUrl), { mode: 0o644 });

  const home = (user: string) => path.join(paths.homes, user);
  const maildirRoot = (user: string) => path.join(home(user), 'Maildir');

  const writeUserFile = async (user: MailUser) => {
    const file = path.join(paths.usersDir, user.name);
    const line = passwdLine(user.name, user.password, accounts.mailUid, accounts.mailGid, home(user.name));
    // Write then rename: the auth process must never read a half-written file.
    await writeFile(`${file}.tmp`, `${line}\n`, { mode: 0o644 });
    await rename(`${file}.tmp`, file);
  };

  const addUser = async (name: string, password: string) => {
    if (!USER_NAME.test(name)) throw new Error(`user name ${JSON.stringify(name)} must match ${USER_NAME}`);
    if (/[:\r\n]/.test(password) || password === '')
      throw new Error(`password of ${name} must be non-empty, no ':'`);
    if (users.some((u) => u.name === name)) throw new Error(`user ${name} already exists`);
    await mkdir(home(name), { mode: 0o700 });
    if (owner) await chown(home(name), owner.uid, owner.gid);
    await writeUserFile({ name, password });
    users.push({ name, password });
  };

  const passwordOf = (user: string) => {
    const found = users.find((u) => u.name === user);
    if (!found) throw new Error(`no such test mail user: ${user}`);
    return found.password;
  };

  const clientOptions = (user: string): ImapFlowOptions => ({
    host: LOOPBACK,
    port,
    secure: false,
    doSTARTTLS: false,
    auth: { user, pass: passwordOf(user) },
    logger: false,
  });

  const connect = async (user: string) => {
    const client = new ImapFlow(clientOptions(user));
    await client.connect();
    return client;
  };

  const withClient = async <T>(user: string, fn: (client: ImapFlow) => Promise<T>): Promise<T> => {
    const client = await connect(user);
    try {
      const result = await fn(client);
      await client.logout();
      return result;
    } catch (err) {
      client.close();
      throw err;
    }
  };

  const folderPath = (user: string, folder: string) => {
    passwordOf(user);
    if (isInbox(folder)) return path.join(maildirRoot(user), 'INBOX');
    const segments = folder.split('/');
    for (const segment of segments) {
      if (!FOLDER_SEGMENT.test(segment) || MAILDIR_SUBDIRS.has(segment)) {
        throw new Error(
          `folder ${JSON.stringify(folder)}: only ASCII names without cur/new/tmp segments are supported`,
        );
      }
    }
    return path.join(maildirRoot(user), ...segments);
  };

  /** Makes Dovecot create the folder (or INBOX) so it owns and lists it. */
  const ensureFolder = async (client: ImapFlow, folder: string) => {
    if (!isInbox(folder)) await client.mailboxCreate(folder);
    // STATUS opens the mailbox, which makes Dovecot create auto-created folders on disk.
    if ((await client.status(folder, { uidValidity: true })) === false) {
      throw new Error(`STATUS ${folder} failed after CREATE`);
    }
  };

  const uidValidityOf = (client: ImapFlow, folder: string) =>
    client.status(folder, { uidValidity: true }).then((status) => {
      if (status === false || status.uidValidity === undefined)
        throw new Error(`no UIDVALIDITY for ${folder}`);
      return status.uidValidity;
    });

  // Synchronous on purpose: only used to decorate a start-up failure.
  const readLogTail = () =>
    existsSync(paths.log) ? `\n${paths.log}:\n${readFileSync(paths.log, 'utf8').slice(-4000)}` : '';

  const startProcess = async () => {
    proc = spawnDovecot(paths.config, root);
    try {
      await waitForDovecot(proc, port, options.startTimeoutMs ?? 10_000, readLogTail);
    } catch (err) {
      await stopDovecot(proc, port);
      proc = undefined;
      throw err;
    }
  };

  const stopProcess = async () => {
    if (!proc) return;
    const current = proc;
    proc = undefined;
    await stopDovecot(current, port);
  };

  for (const user of options.users ?? [{ name: 'alice', password: 'alice-secret' }]) {
    await addUser(user.name, user.password);
  }
  await startProcess();

  return {
    host: LOOPBACK,
    port,
    users,
    root,
    idle,
    clientOptions,
    connect,
    addUser,
    folderPath,
    async stop() {
      if (stopped) return;
      stopped = true;
      await stopProcess();
      untrackRoot(root);
      await rm(root, { recursive: true, force: true });
    },
    async restart() {
      if (stopped) throw new Error('restart() after stop(): the storage is gone');
      await stopProcess();
      await startProcess();
    },
    async appendMessage(user, folder, raw, flags, internalDate) {
      return withClient(user, async (client) => {
        if (!isInbox(folder)) await client.mailboxCreate(folder);
        const res = await client.append(folder, raw, flags, internalDate);
        if (res === false || res.uid === undefined || res.uidValidity === undefined) {
          throw new Error(`APPEND to ${user}/${folder} returned no APPENDUID (RFC 4315)`);
        }
        return { uid: res.uid, uidValidity: res.uidValidity };
      });
    },
    async writeMaildirMessages(user, folder, raws, writeOptions = {}) {
      const dir = folderPath(user, folder);
      if (!existsSync(path.join(dir, 'new'))) {
        await withClient(user, (client) => ensureFolder(client, folder));
        if (!existsSync(path.join(dir, 'new'))) throw new Error(`Dovecot did not create ${dir}`);
      }
      await writeMaildirFiles(dir, raws, { ...writeOptions, owner });
    },
    async recreateFolder(user, folder) {
      const dir = folderPath(user, folder);
      const before = await withClient(user, (client) => uidValidityOf(client, folder));
      await kickUser(paths.config, user);
      await forgetFolderUids(maildirRoot(user), dir);
      const after = await withClient(user, (client) => uidValidityOf(client, folder));
      if (after === before)
        throw new Error(`UIDVALIDITY of ${user}/${folder} did not change (still ${before})`);
      return { before, after };
    },
  };
}
