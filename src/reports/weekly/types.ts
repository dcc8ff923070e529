/**
 * The weekly report (the users' own format: key prospects and follow-ups with company, address,
 * main contact, phone, email and status; inquiries answered within SLA; replies; bounces; what is
 * overdue). This shape is the `--format json` contract and the API's answer.
 */

export type ReportScope = 'own' | 'team' | 'all';

export interface ReportUser {
  id: number;
  email: string;
  name: string;
  role: string;
  timeZone: string;
}

export interface KeyProspect {
  leadId: number;
  company: string | null;
  /** What the store knows of where the buyer is: country and website (no street address is kept). */
  address: string | null;
  contact: string | null;
  phone: string | null;
  email: string | null;
  /** e.g. 'inquiry overdue', 'inquiry open', 'replied', 'following up: prospecting step 2', 'prospect' */
  status: string;
  grade: string | null;
  owner: string | null;
  lastActivityAt: string | null;
}

export interface LeadLine {
  leadId: number;
  company: string | null;
  contact: string | null;
  email: string | null;
  phone: string | null;
}

export interface WeeklyReport {
  user: ReportUser;
  scope: ReportScope;
  period: { start: string; end: string; timeZone: string; label: string };
  keyProspects: KeyProspect[];
  sla: {
    /** inquiries received in the period */
    inquiries: number;
    answered: number;
    answeredWithinSla: number;
    answeredLate: number;
    /** unanswered and past the deadline at the end of the period */
    breachedOpen: number;
    /** answeredWithinSla / (answered + breachedOpen) in %, one decimal; null when none is decided */
    percent: number | null;
  };
  replies: { count: number; items: Array<LeadLine & { at: string; subject: string }> };
  bounces: {
    count: number;
    hard: number;
    soft: number;
    items: Array<LeadLine & { at: string; permanent: boolean }>;
  };
  overdue: {
    inquiries: Array<
      LeadLine & { inquiryId: number; subject: string; deadlineAt: string; owner: string | null }
    >;
    followUps: Array<LeadLine & { enrollmentId: number; sequence: string; dueAt: string }>;
  };
  /** One line per salesperson in a team or company report; empty in a personal one. */
  perSalesperson: Array<{
    id: number;
    name: string;
    email: string;
    inquiries: number;
    answeredWithinSla: number;
    percent: number | null;
    replies: number;
    bounces: number;
    overdue: number;
  }>;
}
