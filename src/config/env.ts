/**
 * `${VAR}` references in config string values are replaced from the environment, so secrets
 * stay out of the file. `$${` escapes a literal `${`. A missing variable is an error naming
 * the field and the variable.
 */
import { TrademailError } from '../errors.ts';

const REF = /\$\$\{|\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

export function interpolateEnv(value: unknown, env: NodeJS.ProcessEnv, path: string[] = []): unknown {
  if (typeof value === 'string') {
    return value.replace(REF, (match, name: string | undefined) => {
      if (match === '$${') return '${';
      const v = env[name!];
      if (v === undefined || v === '') {
        throw new TrademailError(
          'CONFIG_ENV_MISSING',
          `${path.join('.') || '(top level)'}: refers to \${${name}}, which is not set in the environment. Fix: export ${name}=... before starting trademail (or put the value in the file).`,
          { details: { field: path.join('.'), variable: name } },
        );
      }
      return v;
    });
  }
  if (Array.isArray(value)) return value.map((v, i) => interpolateEnv(v, env, [...path, String(i)]));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, interpolateEnv(v, env, [...path, k])]),
    );
  }
  return value;
}
