/**
 * What the sequence engine does about newly processed mail: ingest's verdicts turned into the
 * engine's signals (reply -> stop, our own mail -> pause, bounce, unsubscribe, out-of-office)
 * and the enrollment rules (a P2/P3 inquiry with an address -> prospecting; a quotation we sent
 * -> quotation follow-up). The decision is a pure function of one message; `applyReactions`
 * walks the processed messages not yet reacted to and carries the decisions out, marking each
 * message (Message.reactedAt) so a restart neither repeats nor skips one.
 */
import { isTrademailError } from '../errors.ts';
import type { Db } from '../store/client.ts';
import {
  enroll,
  onHardBounce,
  onLeadReplied,
  onManualContact,
  onOutOfOffice,
  onUnsubscribe,
  type TimingOptions,
} from './engine/index.ts';
import { QUOTE_WORDS } from './step-context.ts';

export interface EnrollmentRules {
  /** Inquiries of these priority tiers are enrolled in `prospecting` (P1 gets a person within 2 h). */
  prospectTiers: readonly string[];
  /** Grades never enrolled automatically (D: asks only about products we do not make). */
  skipGrades: readonly string[];
  prospecting: string;
  /** Enrolled when our own mail to a buyer (BCC/Sent) carries a quotation. */
  quotationFollowUp: string;
  /** Stop the other leads of a company when one of them replies. */
  companyWideReplyStop: boolean;
}

export const DEFAULT_ENROLLMENT_RULES: EnrollmentRules = Object.freeze({
  prospectTiers: ['P2', 'P3'],
  skipGrades: ['D'],
  prospecting: 'prospecting',
  quotationFollowUp: 'quotation-followup',
  companyWideReplyStop: true,
});

export type Reaction =
  | { type: 'replied'; leadId: number }
  | { type: 'manual_contact'; leadId: number }
  | { type: 'hard_bounce'; address: string }
  | { type: 'unsubscribe'; address: string }
  | { type: 'out_of_office'; leadId: number; returnDate: Date | null }
  | { type: 'enroll'; leadId: number; sequence: string; priority: number };

export interface ProcessedMail {
  kind: string;
  leadId: number | null;
  subject: string;
  /** Understanding as stored: the parts the rules read. */
  understanding: {
    bounce?: { recipient: string | null; permanent: boolean } | null;
    autoReply?: { returnDate: string | null } | null;
    extras?: { unsubscribeAddress?: string | null; bodyText?: string };
  };
  fromAddress: string | null;
  inquiry: { priorityTier: string | null; grade: string | null } | null;
  lead: { email: string | null; liveEnrollments: number; sequencesEverEnrolled: readonly string[] } | null;
}

const INQUIRY = new Set(['inquiry', 'platform_inquiry', 'form_inquiry', 'forwarded_inquiry']);

export function reactionsFor(
  m: ProcessedMail,
  rules: EnrollmentRules = DEFAULT_ENROLLMENT_RULES,
): Reaction[] {
  const out: Reaction[] = [];
  const leadId = m.leadId;
  const u = m.understanding;
  if (m.kind === 'bounce') {
    if (u.bounce?.permanent && u.bounce.recipient)
      out.push({ type: 'hard_bounce', address: u.bounce.recipient });
    return out;
  }
  if (m.kind === 'unsubscribe') {
    const address = u.extras?.unsubscribeAddress ?? m.fromAddress;
    if (address) out.push({ type: 'unsubscribe', address });
    return out;
  }
  if (leadId === null || m.lead === null) return out;
  const never = (sequence: string) => !m.lead!.sequencesEverEnrolled.includes(sequence);
  if (m.kind === 'auto_reply') {
    const date = u.autoReply?.returnDate ? new Date(`${u.autoReply.returnDate}T00:00:00Z`) : null;
    out.push({
      type: 'out_of_office',
      leadId,
      returnDate: date && !Number.isNaN(date.getTime()) ? date : null,
    });
  } else if (m.kind === 'reply') {
    out.push({ type: 'replied', leadId });
  } else if (m.kind === 'bcc_outbound') {
    out.push({ type: 'manual_contact', leadId });
    const quoted = QUOTE_WORDS.test(m.subject) || QUOTE_WORDS.test(u.extras?.bodyText ?? '');
    if (quoted && m.lead.email && never(rules.quotationFollowUp)) {
      out.push({ type: 'enroll', leadId, sequence: rules.quotationFollowUp, priority: 1 });
    }
  } else if (INQUIRY.has(m.kind)) {
    // A buyer who writes again while a sequence runs has answered it.
    if (m.lead.liveEnrollments > 0) out.push({ type: 'replied', leadId });
    const tier = m.inquiry?.priorityTier ?? null;
    const grade = m.inquiry?.grade ?? null;
    if (
      m.lead.email &&
      tier !== null &&
      rules.prospectTiers.includes(tier) &&
      !(grade !== null && rules.skipGrades.includes(grade)) &&
      never(rules.prospecting)
    ) {
      out.push({ type: 'enroll', leadId, sequence: rules.prospecting, priority: tier === 'P2' ? 1 : 0 });
    }
  }
  return out;
}

export interface ReactionReport {
  messages: number;
  applied: Record<Reaction['type'], number>;
  /** Enrollments the engine refused (no address, suppressed, already enrolled), with its reason. */
  refused: string[];
}

async function describe(db: Db, id: number): Promise<ProcessedMail | null> {
  const m = await db.message.findUnique({
    where: { id },
    include: {
      inquiry: { select: { priorityTier: true, grade: true } },
      lead: {
        select: {
          email: true,
          enrollments: { select: { state: true, sequence: { select: { name: true } } } },
        },
      },
    },
  });
  if (m === null || m.kind === null) return null;
  return {
    kind: m.kind,
    leadId: m.leadId,
    subject: m.subject,
    fromAddress: m.fromAddress,
    understanding: m.understanding ? (JSON.parse(m.understanding) as ProcessedMail['understanding']) : {},
    inquiry: m.inquiry,
    lead:
      m.lead === null
        ? null
        : {
            email: m.lead.email,
            liveEnrollments: m.lead.enrollments.filter((e) => e.state === 'active' || e.state === 'paused')
              .length,
            sequencesEverEnrolled: m.lead.enrollments.map((e) => e.sequence.name),
          },
  };
}

/** Applies the reactions of every processed message not reacted to yet, in arrival order. */
export async function applyReactions(
  db: Db,
  now: Date,
  timing: TimingOptions,
  rules: EnrollmentRules = DEFAULT_ENROLLMENT_RULES,
): Promise<ReactionReport> {
  const report: ReactionReport = {
    messages: 0,
    applied: { replied: 0, manual_contact: 0, hard_bounce: 0, unsubscribe: 0, out_of_office: 0, enroll: 0 },
    refused: [],
  };
  const rows = await db.message.findMany({
    where: { stage: 'processed', reactedAt: null },
    orderBy: { id: 'asc' },
    select: { id: true },
  });
  for (const { id } of rows) {
    report.messages++;
    const mail = await describe(db, id);
    if (mail === null) continue;
    for (const r of reactionsFor(mail, rules)) {
      try {
        if (r.type === 'replied')
          await onLeadReplied(db, r.leadId, now, { companyWide: rules.companyWideReplyStop });
        else if (r.type === 'manual_contact') await onManualContact(db, r.leadId, now);
        else if (r.type === 'hard_bounce') await onHardBounce(db, r.address, now);
        else if (r.type === 'unsubscribe') await onUnsubscribe(db, r.address, now);
        else if (r.type === 'out_of_office') await onOutOfOffice(db, r.leadId, r.returnDate, now);
        else
          await enroll(db, { leadId: r.leadId, sequenceName: r.sequence, now, priority: r.priority }, timing);
        report.applied[r.type] += 1;
      } catch (err) {
        if (!isTrademailError(err, 'NOT_MAILABLE') && !isTrademailError(err, 'ALREADY_ENROLLED')) throw err;
        report.refused.push(err.message);
      }
    }
    // Each reaction is idempotent on its own except a pause; a crash between the reactions
    // and this mark repeats at most this one message's reactions.
    await db.message.update({ where: { id }, data: { reactedAt: now } });
  }
  return report;
}
