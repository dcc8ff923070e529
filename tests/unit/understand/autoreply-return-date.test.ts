import { describe, expect, it } from 'vitest';
import { findDates } from '../../../src/understand/autoreply/dates.ts';
import { returnDateOf } from '../../../src/understand/autoreply/return-date.ts';

const NOV_20 = new Date('2026-11-20T10:00:00Z');

describe('returnDateOf', () => {
  it.each([
    ['back on 5 December', '2026-12-05'],
    ['I will return on December 5th.', '2026-12-05'],
    ['returning Monday, 7 December 2026', '2026-12-07'],
    ['Ab dem 7.12. bin ich wieder im Büro.', '2026-12-07'],
    ['Ich bin vom 1.12. bis 4.12.2026 im Urlaub.', '2026-12-04'],
    ['absent jusqu’au 4 décembre, de retour le 7 décembre', '2026-12-07'],
    ['Estaré de vacaciones hasta el 4 de diciembre de 2026.', '2026-12-04'],
    ['Estarei ausente até 4 de dezembro.', '2026-12-04'],
    ['Буду отсутствовать с 1 по 4 декабря.', '2026-12-04'],
    ['我将于2026年12月7日回到办公室。', '2026-12-07'],
    ['12月1日至12月4日休假', '2026-12-04'],
    ['traveling for work on December 1-4', '2026-12-04'],
  ])('%s', (text, expected) => {
    expect(returnDateOf(text, NOV_20)).toBe(expected);
  });

  it('rolls a date without a year into the next year when it has passed', () => {
    expect(returnDateOf('back on 4 January', new Date('2026-12-20T08:00:00Z'))).toBe('2027-01-04');
  });

  it('cannot place a date without a year when the mail has no Date', () => {
    expect(returnDateOf('back on 4 January', null)).toBeNull();
    expect(returnDateOf('back on 4 January 2027', null)).toBe('2027-01-04');
  });

  it('reads an ambiguous numeric date the way that lies on or after the mail date', () => {
    // 05/07/2010 sent on 5 July 2010 is 5 July, not 7 May.
    expect(returnDateOf('I am away until 05/07/2010', new Date('2010-07-05T12:00:00Z'))).toBe('2010-07-05');
    expect(returnDateOf('I am away until 12/15/2026', NOV_20)).toBe('2026-12-15');
  });

  it('returns null when no date is written', () => {
    expect(returnDateOf('I am out of the office this week.', NOV_20)).toBeNull();
  });
});

describe('findDates', () => {
  it('does not read times, versions or bare day.month pairs as dates', () => {
    expect(findDates('Meeting at 10.30 Uhr, version 2.5.1, ratio 3/4 %', NOV_20)).toEqual([]);
  });
});
