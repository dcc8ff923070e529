/**
 * The reminder (to the owner) and the escalation (to the manager) of one inquiry, rendered
 * from the shipped internal templates sla-reminder / sla-escalation in the recipient's
 * language and time zone.
 */
import type { Config } from '../../config/schema.ts';
import type { Grade, PriorityTier } from '../../domain/types.ts';
import type { EscalationLevel } from '../../rank/sla.ts';
import type { InternalMailContext } from '../../templates/context.ts';
import { renderTemplate, templateLanguages } from '../../templates/render.ts';
import type { RenderedMail, TemplateSet } from '../../templates/types.ts';
import type { BuyerSummary } from '../buyer.ts';

export const TEMPLATE_OF: Record<EscalationLevel, string> = {
  reminder: 'sla-reminder',
  escalation: 'sla-escalation',
};

export interface NoticeInquiry {
  receivedAt: Date;
  deadlineAt: Date;
  subject: string;
  reasons: string[];
  products: string[];
  grade: string | null;
  priorityTier: string | null;
  buyer: BuyerSummary;
  owner: { name: string; email: string } | null;
}

export interface Recipient {
  name: string;
  email: string;
  timeZone: string;
  language: string | undefined;
}

const GRADES = new Set(['A', 'B', 'C', 'D']);
const TIERS = new Set(['P1', 'P2', 'P3']);

export function renderSlaNotice(
  templates: TemplateSet,
  level: EscalationLevel,
  inquiry: NoticeInquiry,
  to: Recipient,
): RenderedMail {
  const name = TEMPLATE_OF[level];
  const languages = templateLanguages(templates, name);
  const lang = to.language !== undefined && languages.includes(to.language) ? to.language : 'en';
  const context: InternalMailContext = {
    recipient: {
      name: to.name,
      lastName: null,
      salutation: null,
      email: to.email,
      country: null,
      timeZone: to.timeZone,
    },
    sla: {
      deadline: inquiry.deadlineAt,
      receivedAt: inquiry.receivedAt,
      subject: inquiry.subject,
      // The strongest few say why; the rest would bury them.
      reasons: inquiry.reasons.slice(0, 4),
      products: inquiry.products,
      grade: GRADES.has(inquiry.grade ?? '') ? (inquiry.grade as Grade) : null,
      priority: TIERS.has(inquiry.priorityTier ?? '') ? (inquiry.priorityTier as PriorityTier) : null,
      buyer: {
        name: inquiry.buyer.name,
        // Platforms such as Alibaba hide the address until one replies there.
        email:
          inquiry.buyer.email ?? `the buyer on ${inquiry.buyer.platform ?? 'the platform'} (address hidden)`,
        company: inquiry.buyer.company,
        country: inquiry.buyer.country,
      },
      owner: inquiry.owner ?? { name: 'No one', email: 'not assigned: the lead is in the shared pool' },
    },
  };
  return renderTemplate(templates, name, lang, context, { timeZone: to.timeZone });
}

export function recipientOf(config: Config, email: string): Recipient | null {
  const p = config.salespeople.find((s) => s.email === email);
  if (p === undefined) return null;
  return { name: p.name, email: p.email, timeZone: p.timeZone, language: p.language };
}
