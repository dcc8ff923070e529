/**
 * The ranking and SLA sections of the config: the shipped example resolves to calendars,
 * ranking and assignment rules; each mistake is reported with the field and the fix.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseConfig, parseConfigText } from '../../src/config/load.ts';
import { TrademailError } from '../../src/errors.ts';
import { addWorkingTime } from '../../src/rank/working-hours.ts';
import { calendarOf } from '../../src/sla/people.ts';

const env = {
  INQUIRIES_IMAP_PASSWORD: 'imap-secret',
  GOOGLE_CLIENT_ID: 'app.apps.googleusercontent.com',
  GOOGLE_CLIENT_SECRET: 'GOCSPX-secret',
  ANNA_REFRESH_TOKEN: '1//refresh',
};
const company = { name: 'BrightLux', domains: ['brightlux-lighting.com'] };
const lily = { email: 'lily@brightlux-lighting.com', name: 'Lily Chen' };

function problems(doc: Record<string, unknown>): string[] {
  try {
    parseConfig({ company, ...doc }, {});
  } catch (err) {
    if (err instanceof TrademailError && err.code === 'CONFIG_INVALID')
      return err.details?.['problems'] as string[];
    throw err;
  }
  throw new Error('expected the config to be rejected');
}

describe('ranking and SLA config', () => {
  it('resolves the shipped example: calendars, ranking from markets and sla, assignment', () => {
    const cfg = parseConfigText(readFileSync('trademail.example.yaml', 'utf8'), env);
    expect(cfg.ranking.targetMarkets).toEqual(['US', 'DE', 'GB', 'AE', 'AU']);
    expect(cfg.ranking.slaHours).toEqual({ P1: 2, P2: 24, P3: 24 });
    expect(cfg.workingHours.holidayCountry).toBe('CN');
    expect(cfg.calendars['anna@brightlux-lighting.com']?.timeZone).toBe('Asia/Shanghai');
    expect(cfg.assignment.fallback).toEqual({ team: 'export' });
    expect(cfg.pool).toEqual({ returnAfterDays: 30, reminderDaysBefore: 3 });
    expect(cfg.customers.wakeUpAfterMonths).toBe(3);
    expect(Object.isFrozen(cfg.calendars)).toBe(true);
  });

  it("lays a salesperson's own hours over the company's, in their time zone", () => {
    const cfg = parseConfig(
      {
        company,
        workingHours: { timeZone: 'Asia/Shanghai', holidays: ['2026-05-01'] },
        salespeople: [
          { ...lily, workingHours: { hours: { mon: ['20:00-04:00'] } } },
          { email: 'nina@brightlux-lighting.com', name: 'Nina', timeZone: 'Europe/Berlin' },
          { email: 'li@brightlux-lighting.com', name: 'Li' },
        ],
      },
      {},
    );
    expect(cfg.calendars[lily.email]).toMatchObject({ timeZone: 'Asia/Shanghai', holidays: ['2026-05-01'] });
    expect(cfg.calendars[lily.email]?.hours.tue).toEqual([]);
    expect(cfg.salespeople.map((p) => p.timeZone)).toEqual([
      'Asia/Shanghai',
      'Europe/Berlin',
      'Asia/Shanghai',
    ]);
    // Nina keeps the company's weekday hours, in Berlin: Monday 09:00 Berlin + 1 h.
    const monday = new Date('2026-03-09T07:00:00Z');
    expect(
      addWorkingTime(calendarOf(cfg, 'nina@brightlux-lighting.com'), monday, 3_600_000).toISOString(),
    ).toBe('2026-03-09T09:00:00.000Z');
    expect(calendarOf(cfg, 'someone-else@brightlux-lighting.com')).toBe(cfg.workingHours);
  });

  it('names the field and the fix for each mistake', () => {
    expect(
      problems({
        salespeople: [
          {
            ...lily,
            timeZone: 'Mars/Base',
            manager: 'boss@brightlux-lighting.com',
            away: [{ from: '2026-05-05', to: '2026-05-01' }],
          },
          { email: 'bob@brightlux-lighting.com', name: 'Bob', workingHours: { hours: { mon: ['9-18'] } } },
        ],
        ranking: { weights: { grade: { AA: 80 } }, slaHours: { P1: 1 } },
        assignment: { rules: [{ when: { regions: ['EU'] }, assignTo: { user: 'lily' } }] },
        notifications: { mailbox: 'nowhere' },
        sla: { priorityHours: 30, standardHours: 24 },
      }),
    ).toEqual([
      'salespeople.0.away.0.to: from must not be after to (both days are included) (got "2026-05-01"). Fix: see trademail.example.yaml for a valid example.',
      "ranking.weights.grade.AA: unknown setting 'AA'; check the spelling against trademail.example.yaml (got 80). Fix: see trademail.example.yaml for a valid example.",
      'ranking.slaHours: set the SLA in sla.priorityHours (P1) and sla.standardHours (P2 and P3) (got {"P1":1}). Fix: see trademail.example.yaml for a valid example.',
      expect.stringMatching(
        /^salespeople\.0\.timeZone: 'Mars\/Base' is not an IANA time zone; write e\.g\. Asia\/Shanghai .*Fix: use an IANA time zone name/,
      ),
      expect.stringMatching(
        /^salespeople\.1\.workingHours\.hours\.mon\.0: '9-18' is not HH:MM-HH:MM; write e\.g\. 13:30-18:00/,
      ),
      expect.stringMatching(
        /^salespeople\.0\.manager: names manager boss@brightlux-lighting\.com, who is not in salespeople; use one of lily@brightlux-lighting\.com, bob@brightlux-lighting\.com/,
      ),
      expect.stringMatching(
        /^assignment\.rules\.0\.assignTo\.user: 'lily' is not a salesperson; assignment names people by their email under salespeople/,
      ),
      expect.stringMatching(/^notifications\.mailbox: names mailbox "nowhere", which is not in mailboxes/),
      expect.stringMatching(
        /^sla\.priorityHours: priority inquiries cannot get longer than the standard 24 h/,
      ),
    ]);
  });

  it('refuses an unknown assignment or pool setting instead of ignoring it', () => {
    expect(problems({ pool: { returnAfterDay: 20 } })).toEqual([
      "pool.returnAfterDay: unknown setting 'returnAfterDay'; check the spelling against trademail.example.yaml (got 20). Fix: see trademail.example.yaml for a valid example.",
    ]);
    expect(problems({ assignment: { sticky: false } })[0]).toMatch(
      /^assignment\.sticky: unknown setting 'sticky'/,
    );
  });
});
