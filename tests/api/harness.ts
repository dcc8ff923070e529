/** A seeded store, the API server on it (in process, no port) and a token per person. */
import type { FastifyInstance } from 'fastify';
import { createToken } from '../../src/api/auth/tokens.ts';
import { createApiServer } from '../../src/api/server.ts';
import type { Config } from '../../src/config/schema.ts';
import { silentLogger } from '../../src/log/logger.ts';
import type { Store } from '../../src/store/client.ts';
import type { TestDatabase } from '../helpers/db.ts';
import { NOW, PEOPLE, type Seeded, seedConfig, seedWeek } from './seed.ts';

export type Who = keyof typeof PEOPLE;

export interface Answer {
  status: number;
  body: string;
  // biome-ignore lint/suspicious/noExplicitAny: the tests read answers field by field
  json: any;
  contentType: string;
}

export interface Harness {
  store: Store;
  config: Config;
  seeded: Seeded;
  app: FastifyInstance;
  tokens: Record<Who, string>;
  call(who: Who | null, method: 'GET' | 'POST', url: string, body?: unknown): Promise<Answer>;
  close(): Promise<void>;
}

export async function startHarness(database: TestDatabase, now: () => Date = () => NOW): Promise<Harness> {
  const store = await database.open();
  const config = seedConfig(database.url);
  const seeded = await seedWeek(store.db, config);
  const app = createApiServer({ db: store.db, config, log: silentLogger, now });
  const tokens = {} as Record<Who, string>;
  for (const who of Object.keys(PEOPLE) as Who[]) {
    tokens[who] = (await createToken(store.db, config, { email: PEOPLE[who].email, now: now() })).token;
  }
  return {
    store,
    config,
    seeded,
    app,
    tokens,
    async call(who, method, url, body) {
      const r = await app.inject({
        method,
        url,
        headers: who === null ? {} : { authorization: `Bearer ${tokens[who]}` },
        ...(body === undefined ? {} : { payload: body as object }),
      });
      const contentType = String(r.headers['content-type'] ?? '');
      return {
        status: r.statusCode,
        body: r.body,
        json: contentType.includes('application/json') ? JSON.parse(r.body) : null,
        contentType,
      };
    },
    async close() {
      await app.close();
      await store.close();
      await database.drop();
    },
  };
}
