/** Types for current-bundle.js (plain JavaScript, run before any TypeScript loader). */
export function currentBundle(root: string, env?: Record<string, string | undefined>): string | undefined;
