/**
 * Turns zod issues into sentences that name the field, say what is wrong with the value, and
 * say how to fix it. Field-specific fixes first; a generic fix from the issue kind otherwise.
 */
import type { z } from 'zod';

const FIELD_FIXES: [RegExp, string][] = [
  [
    /^database\.url$/,
    'use file:./data/trademail.db for SQLite or postgresql://user@host:5432/db for PostgreSQL',
  ],
  [/^company\.domains/, 'list the mail domains your company sends from, e.g. [example-lighting.com]'],
  [/^company\.name$/, 'set company.name to your company name, e.g. "Example Lighting Co., Ltd."'],
  [/^company$/, 'add a company section with name and domains (see trademail.example.yaml)'],
  [/\.imap\.port$/, 'use 993 for IMAP over TLS (secure: true) or 143 with STARTTLS (secure: false)'],
  [/\.smtp\.port$/, 'use 465 for SMTP over TLS (secure: true) or 587 with STARTTLS (secure: false)'],
  [/\.imap\.host$|\.smtp\.host$/, 'set the server name from your mail provider, e.g. imap.gmail.com'],
  [
    /\.auth\.oauth2/,
    'give auth.oauth2 { provider: google or microsoft (or tokenUrl), clientId, clientSecret, refreshToken }',
  ],
  [
    /\.auth/,
    'give auth: { user, password }, or for Gmail / Microsoft 365 auth: { user, oauth2: { provider, clientId, clientSecret, refreshToken } }',
  ],
  [/^mailboxes\.\d+\.role$/, 'use one of inquiries, dropbox, salesperson'],
  [/^mailboxes\.\d+\.name$/, 'give each mailbox a unique short name such as inquiries or sales-anna'],
  [/\.since$/, 'write a date such as 2026-01-01'],
  [/^markets/, 'use two-letter country codes such as US, DE, AE'],
  [/^salespeople\.\d+\.mailbox$/, 'use the name of one of the mailboxes above'],
  [/timeZone$/, 'use an IANA time zone name such as Asia/Shanghai or Europe/Berlin'],
  [/^logging\.level$/, 'use one of fatal, error, warn, info, debug, trace, silent'],
  [/^sla\./, 'give a number of hours, e.g. priorityHours: 2 and standardHours: 24'],
];

function describeValue(value: unknown): string {
  if (value === undefined) return 'it is missing';
  const shown = typeof value === 'string' ? `"${value}"` : JSON.stringify(value);
  return `got ${shown && shown.length > 60 ? `${shown.slice(0, 57)}...` : shown}`;
}

function genericFix(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return `write a ${issue.expected} here`;
    case 'unrecognized_keys':
      return `remove or correct ${issue.keys.map((k) => `"${k}"`).join(', ')} (check the spelling against trademail.example.yaml)`;
    case 'invalid_value':
      return `use one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'too_small':
      return `use a value of at least ${String(issue.minimum)}`;
    case 'too_big':
      return `use a value of at most ${String(issue.maximum)}`;
    default:
      return 'see trademail.example.yaml for a valid example';
  }
}

export function pathText(path: readonly PropertyKey[]): string {
  return path.length === 0 ? '(top level)' : path.map(String).join('.');
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let cur: unknown = root;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[key];
  }
  return cur;
}

/** "mailboxes.0.imap.port: Invalid input: expected number, received string (got "abc"). Fix: use 993 ..." */
export function explainIssue(union: z.core.$ZodIssue, input: unknown): string {
  const issue = chosenBranch(union);
  const field = pathText(issue.path);
  const fix = FIELD_FIXES.find(([re]) => re.test(field))?.[1] ?? genericFix(issue);
  const value = issue.code === 'unrecognized_keys' ? '' : ` (${describeValue(valueAt(input, issue.path))})`;
  return `${field}: ${issue.message}${value}. Fix: ${fix}.`;
}

/**
 * A value that matches none of a union's shapes (auth: a password, an access token or
 * oauth2) gets zod's bare "Invalid input". When only one shape takes the keys given, its own
 * first problem says more: "auth.oauth2.provider: Invalid option".
 */
function chosenBranch(issue: z.core.$ZodIssue): z.core.$ZodIssue {
  if (issue.code !== 'invalid_union' || issue.errors.length === 0) return issue;
  const fitting = issue.errors.filter(
    (branch) => !branch.some((i) => i.code === 'unrecognized_keys' && i.path.length === 0),
  );
  const first = fitting.length === 1 ? fitting[0]![0] : undefined;
  return first === undefined ? issue : chosenBranch({ ...first, path: [...issue.path, ...first.path] });
}
