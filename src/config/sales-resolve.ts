/**
 * Cross-field checks and resolution of the ranking/SLA sections: each salesperson's calendar is
 * the company's with their own fields on top, in their time zone; the ranking takes the target
 * markets and SLA hours from `markets` and `sla`, so each setting is written in one place.
 */
import type { z } from 'zod';
import type { RankingConfig } from '../rank/ranking-schema.ts';
import type { WorkingCalendar } from '../rank/working-hours.ts';
import { assignmentUsers, calendarIssues, lowerCaseUsers, parseCalendar } from './sales-rules.ts';
import type { BaseConfig } from './schema.ts';

type Issue = { path: (string | number)[]; message: string };

function calendarInputs(cfg: BaseConfig): {
  company: Record<string, unknown>;
  people: Record<string, unknown>[];
} {
  const company = { ...cfg.workingHours };
  const people = cfg.salespeople.map((s) => {
    const own = s.workingHours ?? {};
    const timeZone = s.timeZone ?? own['timeZone'] ?? company['timeZone'];
    return { ...company, ...own, ...(timeZone === undefined ? {} : { timeZone }) };
  });
  return { company, people };
}

function calendarProblems(cfg: BaseConfig): Issue[] {
  const { company, people } = calendarInputs(cfg);
  const own = calendarIssues(company);
  // A bad company calendar would be reported again for every salesperson who inherits it.
  if (own.length > 0) {
    return own.map((i) => ({
      path: ['workingHours', ...(i.path as (string | number)[])],
      message: i.message,
    }));
  }
  const out: Issue[] = [];
  people.forEach((input, n) => {
    for (const i of calendarIssues(input)) {
      const path = i.path as (string | number)[];
      const fromTimeZone = path[0] === 'timeZone' && cfg.salespeople[n]?.timeZone !== undefined;
      out.push({
        path: fromTimeZone ? ['salespeople', n, 'timeZone'] : ['salespeople', n, 'workingHours', ...path],
        message: i.message,
      });
    }
  });
  return out;
}

function peopleProblems(cfg: BaseConfig): Issue[] {
  const emails = new Set(cfg.salespeople.map((s) => s.email));
  const known = [...emails].slice(0, 3).join(', ');
  const hint = emails.size > 0 ? `use one of ${known}` : 'add the person under salespeople first';
  const out: Issue[] = [];
  cfg.salespeople.forEach((s, i) => {
    if (s.manager !== undefined && !emails.has(s.manager)) {
      out.push({
        path: ['salespeople', i, 'manager'],
        message: `names manager ${s.manager}, who is not in salespeople; ${hint}`,
      });
    }
    (s.away ?? []).forEach((a, j) => {
      if (a.delegate !== undefined && !emails.has(a.delegate)) {
        out.push({
          path: ['salespeople', i, 'away', j, 'delegate'],
          message: `'${a.delegate}' is not in salespeople; ${hint}`,
        });
      }
    });
  });
  for (const { user, path } of assignmentUsers(cfg.assignment)) {
    if (typeof user === 'string' && !emails.has(user.toLowerCase())) {
      out.push({
        path,
        message: `'${user}' is not a salesperson; assignment names people by their email under salespeople (${hint})`,
      });
    }
  }
  return out;
}

export function checkSalesRules(cfg: BaseConfig, ctx: z.RefinementCtx): void {
  const issues = [...calendarProblems(cfg), ...peopleProblems(cfg)];
  const sender = cfg.notifications.mailbox;
  if (sender !== undefined) {
    const mailbox = cfg.mailboxes.find((m) => m.name === sender);
    if (mailbox === undefined || mailbox.smtp === undefined) {
      issues.push({
        path: ['notifications', 'mailbox'],
        message:
          mailbox === undefined
            ? `names mailbox "${sender}", which is not in mailboxes`
            : `mailbox "${sender}" has no smtp section, so it cannot send`,
      });
    }
  }
  if (cfg.sla.priorityHours > cfg.sla.standardHours) {
    issues.push({
      path: ['sla', 'priorityHours'],
      message: `priority inquiries cannot get longer than the standard ${cfg.sla.standardHours} h`,
    });
  }
  for (const issue of issues) ctx.addIssue({ code: 'custom', ...issue });
}

export function resolveSalesRules(cfg: BaseConfig) {
  const { company, people } = calendarInputs(cfg);
  const calendars: Record<string, WorkingCalendar> = {};
  const salespeople = cfg.salespeople.map((s, i) => {
    const calendar = parseCalendar(people[i]!);
    calendars[s.email] = calendar;
    return { ...s, timeZone: calendar.timeZone };
  });
  const ranking: RankingConfig = {
    ...cfg.ranking,
    targetMarkets: [...cfg.markets],
    slaHours: { P1: cfg.sla.priorityHours, P2: cfg.sla.standardHours, P3: cfg.sla.standardHours },
  };
  return {
    ...cfg,
    salespeople,
    /** The company's working calendar, for inquiries without an owner. */
    workingHours: parseCalendar(company),
    /** Each salesperson's working calendar, by email. */
    calendars: calendars as Readonly<Record<string, WorkingCalendar>>,
    ranking,
    assignment: lowerCaseUsers(cfg.assignment),
  };
}
