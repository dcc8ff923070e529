/**
 * The weekly report as mail (HTML + text through the weekly-report template, in the reader's
 * time zone) and as Markdown for the command line.
 */
import {
  type RenderedMail,
  renderTemplate,
  type TemplateContext,
  type TemplateSet,
  type WeeklyReportMailContext,
} from '../../templates/index.ts';
import type { WeeklyReport } from './types.ts';

export const WEEKLY_TEMPLATE = 'weekly-report';

const percent = (p: number | null) => (p === null ? null : `${p}%`);

function lastNameOf(name: string): string | null {
  const parts = name.trim().split(/\s+/);
  return parts.length >= 2 ? parts[parts.length - 1]! : null;
}

export function weeklyMailContext(report: WeeklyReport): WeeklyReportMailContext {
  const line = (l: {
    company: string | null;
    contact: string | null;
    email: string | null;
    phone: string | null;
  }) => ({
    company: l.company,
    contact: l.contact,
    email: l.email,
    phone: l.phone,
  });
  return {
    recipient: {
      name: report.user.name,
      lastName: lastNameOf(report.user.name),
      salutation: null,
      email: report.user.email,
      country: null,
      timeZone: report.user.timeZone,
    },
    report: {
      periodStart: new Date(report.period.start),
      periodEnd: new Date(report.period.end),
      scope: report.scope,
      keyProspects: report.keyProspects.map((p) => ({
        ...line(p),
        address: p.address,
        status: p.status,
        grade: p.grade,
        owner: p.owner,
      })),
      sla: {
        inquiries: report.sla.inquiries,
        answered: report.sla.answered,
        withinSla: report.sla.answeredWithinSla,
        percent: percent(report.sla.percent),
      },
      replies: {
        count: report.replies.count,
        items: report.replies.items.map((r) => ({ ...line(r), at: new Date(r.at), subject: r.subject })),
      },
      bounces: {
        count: report.bounces.count,
        hard: report.bounces.hard,
        items: report.bounces.items.map((b) => ({ ...line(b), at: new Date(b.at), permanent: b.permanent })),
      },
      overdue: {
        count: report.overdue.inquiries.length + report.overdue.followUps.length,
        inquiries: report.overdue.inquiries.map((i) => ({
          ...line(i),
          subject: i.subject,
          deadline: new Date(i.deadlineAt),
          owner: i.owner,
        })),
        followUps: report.overdue.followUps.map((f) => ({
          ...line(f),
          sequence: f.sequence,
          dueAt: new Date(f.dueAt),
        })),
      },
      perSalesperson: report.perSalesperson.map((s) => ({
        name: s.name,
        inquiries: s.inquiries,
        withinSla: s.answeredWithinSla,
        percent: percent(s.percent),
        replies: s.replies,
        bounces: s.bounces,
        overdue: s.overdue,
      })),
    },
  };
}

export function renderWeeklyMail(set: TemplateSet, report: WeeklyReport, lang = 'en'): RenderedMail {
  const context = weeklyMailContext(report) as unknown as TemplateContext;
  return renderTemplate(set, WEEKLY_TEMPLATE, lang, context, { timeZone: report.user.timeZone });
}

/** Markdown table cells: pipes and line breaks would break the table. */
function cell(value: string | number | null): string {
  return value === null || value === ''
    ? '-'
    : String(value)
        .replace(/\|/g, '\\|')
        .replace(/\s*\n\s*/g, ' ');
}

function localTime(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(iso));
}

export function weeklyMarkdown(report: WeeklyReport): string {
  const tz = report.user.timeZone;
  const at = (iso: string) => localTime(iso, tz);
  const who = (l: { company: string | null; contact: string | null; email: string | null }) =>
    [l.company ?? l.contact ?? '-', l.email ? `<${l.email}>` : ''].filter(Boolean).join(' ');
  const out: string[] = [
    `# Weekly report: ${report.user.name}`,
    '',
    `${report.period.label} (${tz}), scope: ${report.scope}`,
    '',
    '## Inquiries answered within SLA',
    '',
    `${report.sla.answeredWithinSla} of ${report.sla.inquiries} received` +
      (report.sla.percent === null ? '' : ` (${report.sla.percent}% of those due)`) +
      `; ${report.sla.answered} answered, ${report.sla.answeredLate} late, ${report.sla.breachedOpen} past the deadline unanswered.`,
    '',
    '## Key prospects and follow-ups',
    '',
  ];
  if (report.keyProspects.length === 0) out.push('No prospect was touched this week.');
  else {
    out.push(
      '| Company | Address | Main contact | Phone | Email | Status | Grade | Owner |',
      '|---|---|---|---|---|---|---|---|',
    );
    for (const p of report.keyProspects) {
      out.push(
        `| ${[p.company, p.address, p.contact, p.phone, p.email, p.status, p.grade, p.owner].map(cell).join(' | ')} |`,
      );
    }
  }
  out.push('', `## Replies: ${report.replies.count}`, '');
  for (const r of report.replies.items) out.push(`- ${at(r.at)} ${who(r)}: ${cell(r.subject)}`);
  out.push('', `## Bounces: ${report.bounces.count} (${report.bounces.hard} permanent)`, '');
  for (const b of report.bounces.items)
    out.push(`- ${at(b.at)} ${who(b)}${b.permanent ? ' (permanent)' : ''}`);
  const overdue = report.overdue.inquiries.length + report.overdue.followUps.length;
  out.push('', `## Overdue: ${overdue}`, '');
  for (const i of report.overdue.inquiries) {
    out.push(
      `- inquiry due ${at(i.deadlineAt)}: ${who(i)}, "${cell(i.subject)}"${i.owner ? ` (${i.owner})` : ''}`,
    );
  }
  for (const f of report.overdue.followUps)
    out.push(`- follow-up (${f.sequence}) due ${at(f.dueAt)}: ${who(f)}`);
  if (report.perSalesperson.length > 0) {
    out.push(
      '',
      '## By salesperson',
      '',
      '| Salesperson | Inquiries | Within SLA | % | Replies | Bounces | Overdue |',
      '|---|---|---|---|---|---|---|',
    );
    for (const s of report.perSalesperson) {
      out.push(
        `| ${[s.name, s.inquiries, s.answeredWithinSla, s.percent, s.replies, s.bounces, s.overdue].map(cell).join(' | ')} |`,
      );
    }
  }
  return `${out.join('\n')}\n`;
}
