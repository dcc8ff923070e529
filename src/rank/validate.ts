import type { z } from 'zod';
import { TrademailError } from '../errors.ts';

/** `hours.mon[1]` from a zod issue path, the way a user would point at the field in YAML. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '(root)' : out;
}

/** One line per issue: `field: what is wrong; how to fix it`. */
export function formatIssues(issues: readonly z.core.$ZodIssue[], prefix = ''): string[] {
  return issues.map((issue) => {
    const path = formatIssuePath([...(prefix === '' ? [] : [prefix]), ...issue.path]);
    return `${path}: ${issue.message}`;
  });
}

/**
 * Parses `input` with `schema`, or throws CONFIG_INVALID whose message lists every problem with
 * its field, so a user fixes the whole file in one pass.
 */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const lines = formatIssues(result.error.issues);
  throw new TrademailError('CONFIG_INVALID', `invalid ${what}:\n${lines.join('\n')}`, {
    cause: result.error,
    details: { issues: lines },
  });
}
