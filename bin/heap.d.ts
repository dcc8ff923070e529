/** Types for heap.js (plain JavaScript, run before any TypeScript loader). */
export const SEMI_SPACE_MB: number;
export function tuneHeap(execArgv?: string[], nodeOptions?: string): void;
