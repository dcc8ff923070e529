/**
 * Crash recovery for the outbox. A mail left in `sending` (the process died between SMTP and
 * the state write) first becomes `uncertain`; then its Message-ID is looked up in the mailbox's
 * Sent folder and in the submission log, if one is configured. Found: `sent`. Not found: back to
 * `queued`, and only then may it be sent again. With no place to look, it stays `uncertain` for
 * a person: a mail is never re-sent on a guess.
 */
import { describeError } from '../../errors.ts';
import type { Logger } from '../../log/logger.ts';
import { silentLogger } from '../../log/logger.ts';
import type { Db } from '../../store/client.ts';
import {
  claimUncertain,
  clearSentCopyError,
  markStuckSendingUncertain,
  moveOutbound,
  recordSent,
  releaseOutbound,
  selectMissingSentCopies,
  selectUncertain,
} from '../../store/sequences/outbox.ts';
import type { MailboxDirectory } from './mailboxes.ts';

/**
 * A record of what the submission server accepted (e.g. a relay's log). Consulted when the Sent
 * folder has no copy, which happens when the process died after SMTP's 250 and before the copy.
 */
export interface SubmissionLog {
  contains(messageId: string, mailboxName: string): Promise<boolean>;
}

/** A `sending` claim older than this is a dead process' (nodemailer gives up on a socket after 60 s). */
export const STALE_SENDING_MS = 5 * 60_000;

export interface RecoveryDeps {
  db: Db;
  worker: string;
  mailboxes: MailboxDirectory;
  submissionLog?: SubmissionLog | null;
  log?: Logger;
  staleSendingMs?: number;
}

/**
 * Marks interrupted sends `uncertain`: those of `ownWorker` (this process' own name from before a
 * restart, safe only when no other live process uses it) and any older than the stale limit.
 */
export async function recoverSending(
  db: Db,
  options: { now: Date; ownWorker?: string | null; staleSendingMs?: number },
): Promise<number> {
  const staleBefore = new Date(options.now.getTime() - (options.staleSendingMs ?? STALE_SENDING_MS));
  return markStuckSendingUncertain(db, {
    now: options.now,
    staleBefore,
    ownWorker: options.ownWorker ?? null,
  });
}

export type Evidence = 'sent_folder' | 'submission_log';

export interface ResolveReport {
  sent: Array<{ id: number; evidence: Evidence }>;
  requeued: number[];
  /** No place to look: left uncertain for a person. */
  undecidable: number[];
  errors: Array<{ id: number; message: string }>;
}

/** Decides uncertain mails from the Sent folder and the submission log. */
export async function resolveUncertain(deps: RecoveryDeps, now: Date, limit = 100): Promise<ResolveReport> {
  const { db, worker } = deps;
  const log = deps.log ?? silentLogger;
  const report: ResolveReport = { sent: [], requeued: [], undecidable: [], errors: [] };
  const staleBefore = new Date(now.getTime() - (deps.staleSendingMs ?? STALE_SENDING_MS));
  for (const mail of await selectUncertain(db, limit, staleBefore)) {
    if (!(await claimUncertain(db, mail.id, worker, now, staleBefore))) continue;
    try {
      const mailbox = mail.mailboxName === null ? null : deps.mailboxes.get(mail.mailboxName);
      const sentFolder = mailbox?.sentFolder ?? null;
      const submissionLog = deps.submissionLog ?? null;
      if (sentFolder === null && submissionLog === null) {
        report.undecidable.push(mail.id);
        await releaseOutbound(db, mail.id, worker);
        continue;
      }
      let evidence: Evidence | null = null;
      if (sentFolder !== null && (await sentFolder.contains(mail.messageId))) evidence = 'sent_folder';
      else if (
        submissionLog !== null &&
        (await submissionLog.contains(mail.messageId, mail.mailboxName ?? ''))
      ) {
        evidence = 'submission_log';
      }
      if (evidence === null) {
        await moveOutbound(db, mail.id, {
          from: 'uncertain',
          to: 'queued',
          worker,
          now,
          data: {
            notBefore: null,
            lastError: 'interrupted send not found in the Sent folder or submission log: sending again',
          },
        });
        report.requeued.push(mail.id);
        continue;
      }
      let lastError: string | null = null;
      if (
        evidence === 'submission_log' &&
        sentFolder !== null &&
        mailbox?.appendsToSent &&
        mail.raw !== null
      ) {
        try {
          await sentFolder.append(Buffer.from(mail.raw), now);
        } catch (err) {
          lastError = `copy to Sent failed: ${describeError(err)}`;
        }
      }
      const smtpResponse = `accepted (found in ${evidence === 'sent_folder' ? 'the Sent folder' : 'the submission log'} after an interrupted send)`;
      await recordSent(db, mail, { from: 'uncertain', worker, now, data: { smtpResponse, lastError } });
      report.sent.push({ id: mail.id, evidence });
    } catch (err) {
      // The lookup failed (IMAP down ...): the mail stays uncertain and is looked up again later.
      await releaseOutbound(db, mail.id, worker);
      report.errors.push({ id: mail.id, message: describeError(err) });
      log.error({ component: 'recovery', outboundId: mail.id, err }, 'could not decide an uncertain mail');
    }
  }
  return report;
}

/** Appends the Sent-folder copies that failed earlier (sent rows with lastError set), unless already there. */
export async function copyMissingToSent(
  deps: RecoveryDeps,
  now: Date,
  limit = 50,
): Promise<{ copied: number; errors: number }> {
  let copied = 0;
  let errors = 0;
  for (const mail of await selectMissingSentCopies(deps.db, limit)) {
    try {
      const mailbox = mail.mailboxName === null ? null : deps.mailboxes.get(mail.mailboxName);
      const folder = mailbox?.appendsToSent ? mailbox.sentFolder : null;
      if (folder === null) {
        await clearSentCopyError(deps.db, mail.id);
        continue;
      }
      if (!(await folder.contains(mail.messageId)) && mail.raw !== null)
        await folder.append(Buffer.from(mail.raw), now);
      await clearSentCopyError(deps.db, mail.id);
      copied += 1;
    } catch (err) {
      errors += 1;
      (deps.log ?? silentLogger).warn(
        { component: 'recovery', outboundId: mail.id, err },
        'copy to Sent still failing',
      );
    }
  }
  return { copied, errors };
}
