/** Ranking and SLA clocks: the public surface of src/rank. */
export {
  type Absence,
  type AssignContext,
  type AssignInput,
  type Assignment,
  type AssignmentRules,
  assignLead,
  assignmentSchema,
} from './assign.ts';
export {
  customerTier,
  needsWakeUp,
  nextReviewAt,
  type PurchaseRecord,
  regradeDue,
  type TierDecision,
} from './customer-tier.ts';
export { explainLine } from './explain.ts';
export {
  DEFAULT_POOL_RULES,
  type PoolDecision,
  type PoolLead,
  type PoolRules,
  poolDecision,
  poolRulesSchema,
} from './pool.ts';
export { type Factor, type RankInput, type RankResult, rankInquiry } from './priority.ts';
export { DEFAULT_RANKING, type RankingConfig, rankingSchema } from './ranking-schema.ts';
export {
  dueEscalations,
  type EscalationLevel,
  type EscalationPlan,
  escalationTimes,
  isWithinRecipientHours,
  type SlaState,
  type SlaStatus,
  slaDeadline,
  slaStatus,
} from './sla.ts';
export {
  addWorkingTime,
  isWorkingTime,
  nextWorkingTime,
  parseWorkingCalendar,
  type WorkingCalendar,
  workingCalendarSchema,
  workingTimeBetween,
} from './working-hours.ts';
