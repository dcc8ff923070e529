/**
 * Pure scheduling: when a step may go out for a buyer (send window, holidays, jitter) and when a
 * mailbox may send (daily cap, spacing). No I/O; the clock and randomness are parameters.
 */

export { hasHolidayData, publicHolidayDates } from '../../time/holidays.ts';
export type { LocalDate, LocalDateTime, Weekday } from '../../time/local-time.ts';
export { fromLocal, isValidTimeZone, toLocal, WEEKDAYS } from '../../time/local-time.ts';
export type { Delay } from './delay.ts';
export { delayRangeMinutes, delayRangeMs } from './delay.ts';
export type { HolidayCalendar } from './holidays.ts';
export { noHolidays, publicHolidays } from './holidays.ts';
export type { PlanInput } from './plan.ts';
export { planSendTime } from './plan.ts';
export type { DueStep, ThrottleDecision, ThrottleInput, ThrottleReason } from './throttle.ts';
export { orderDueSteps, takeWithinCap, throttleDecision } from './throttle.ts';
export { localWeekend } from './weekend.ts';
export type { HolidayOption, SendWindow, SlotOptions } from './window.ts';
export { DEFAULT_SEND_WINDOW, isInSendWindow, nextSendSlot } from './window.ts';
export type { BuyerLocation } from './zone.ts';
export { FALLBACK_TIME_ZONE, primaryTimeZone, resolveTimeZone } from './zone.ts';
