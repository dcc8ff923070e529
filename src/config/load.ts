/**
 * Reads trademail.config.yaml once, interpolates ${ENV} references, validates, and returns a
 * deeply frozen typed object. All errors are TrademailErrors whose message names the field,
 * the problem with the value, and the fix.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseDocument } from 'yaml';
import { TrademailError } from '../errors.ts';
import { interpolateEnv } from './env.ts';
import { explainIssue } from './hints.ts';
import { type Config, configSchema } from './schema.ts';

export const DEFAULT_CONFIG_FILE = 'trademail.config.yaml';

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** Validates an already-parsed document (used by tests and `init`). */
export function parseConfig(
  document: unknown,
  env: NodeJS.ProcessEnv = process.env,
  file = DEFAULT_CONFIG_FILE,
): Config {
  const withEnv = interpolateEnv(document ?? {}, env);
  const result = configSchema.safeParse(withEnv);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => explainIssue(issue, withEnv));
    throw new TrademailError(
      'CONFIG_INVALID',
      `${file} has ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n- ${problems.join('\n- ')}`,
      { details: { problems } },
    );
  }
  const cfg = result.data;
  // DATABASE_URL wins over the file so operators can point one config at another database.
  if (env.DATABASE_URL) cfg.database.url = env.DATABASE_URL;
  return deepFreeze(cfg);
}

export function parseConfigText(
  text: string,
  env: NodeJS.ProcessEnv = process.env,
  file = DEFAULT_CONFIG_FILE,
): Config {
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const first = doc.errors[0]!;
    const where = first.linePos?.[0] ? ` line ${first.linePos[0].line}, column ${first.linePos[0].col}` : '';
    throw new TrademailError(
      'CONFIG_PARSE',
      `${file}:${where}: not valid YAML (${first.message.split('\n')[0]}). Fix: check the indentation and quoting on that line.`,
    );
  }
  return parseConfig(doc.toJS(), env, file);
}

export function loadConfig(file = DEFAULT_CONFIG_FILE, env: NodeJS.ProcessEnv = process.env): Config {
  const path = resolve(file);
  if (!existsSync(path)) {
    throw new TrademailError(
      'CONFIG_NOT_FOUND',
      `${file}: no such file. Fix: run \`trademail init\` to write a starter config, or pass --config <path>.`,
    );
  }
  return parseConfigText(readFileSync(path, 'utf8'), env, file);
}

/** Secrets never reach logs: this copy replaces passwords and tokens. */
export function redactConfig(cfg: Config): unknown {
  return JSON.parse(
    JSON.stringify(cfg, (key, value) =>
      /password|accessToken|secret|token/i.test(key) ? '[redacted]' : value,
    ),
  );
}
