/** Sequence definitions: the YAML files under sequences/, validated into typed data. */
export type { CumulativeStep, StepFacts } from './cadence.ts';
export { conditionMet, cumulativeSchedule } from './cadence.ts';
export type { LoadSequencesOptions } from './load.ts';
export { loadSequences, parseSequenceFile } from './load.ts';
export type { SequenceProblem } from './problems.ts';
export type { SequenceDefinition, SequenceStepDefinition, StepCondition } from './schema.ts';
export { MAX_DELAY_DAYS } from './schema.ts';
