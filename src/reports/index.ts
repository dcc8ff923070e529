/** Reports: the weekly report (data, rendering, the Monday job) and the dashboard's chart data. */

export { FUNNEL_STAGES, QUOTATION_SUBJECT, SAMPLE_SUBJECT } from './charts/funnel.ts';
export { type ChartData, chartData } from './charts/index.ts';
export { isoWeekKey, isoWeekOf, type ReportPeriod, weekEnding, weeklySlot } from './period.ts';
export { leadWhere, reportScope, reportUser, type Scope } from './scope.ts';
export { effectiveDeadline, type SlaOutcome, slaOutcome, tallySla } from './sla.ts';
export { buildWeeklyReport } from './weekly/build.ts';
export {
  renderWeeklyMail,
  weeklyMailContext,
  weeklyMarkdown,
} from './weekly/render.ts';
export {
  type Submit,
  sendWeeklyReports,
  type WeeklySendDeps,
  type WeeklySendReport,
  weeklyKey,
} from './weekly/send.ts';
export type { KeyProspect, ReportScope, ReportUser, WeeklyReport } from './weekly/types.ts';
