/**
 * The HTTP API (JSON under /api; routes in routes/, the list in docs/api.md). One Fastify
 * instance with four cross-cutting hooks, so no route can forget them:
 * - onRequest: the bearer token -> request.actor (401 without one), except on public routes;
 * - preSerialization: answers to the read-only role go through redactContactDetails;
 * - onSend: every route with an `audit` spec writes its AuditLog row before the answer leaves;
 * - the error handler: `{ error: { code, message } }` with the code's status.
 * Nothing listens until the caller calls `listen()`.
 */
import type { FastifyError, FastifyInstance, FastifyRequest, FastifySchema } from 'fastify';
import type { Config } from '../config/schema.ts';
import { TrademailError } from '../errors.ts';
import { fastify } from '../lazy-packages.ts';
import type { Logger } from '../log/logger.ts';
import { packageVersion, SHIPPED_TEMPLATES_DIR } from '../paths.ts';
import { calendarOf } from '../sla/people.ts';
import type { Db } from '../store/client.ts';
import { loadTemplates, type TemplateSet } from '../templates/index.ts';
import type { Actor } from './access.ts';
import { writeAudit } from './audit.ts';
import { authenticate } from './auth/tokens.ts';
import { errorBody, errorHandler } from './errors.ts';
import { openApiDocument, type RouteDoc } from './openapi.ts';
import type { QueueClock } from './queries/inquiries.ts';
import { redactContactDetails } from './redact.ts';
import { registerEnrollmentRoutes } from './routes/enrollments.ts';
import { registerLeadRoutes } from './routes/leads.ts';
import { registerOperationsRoutes } from './routes/operations.ts';
import { registerReportRoutes } from './routes/reports.ts';
import { registerSystemRoutes } from './routes/system.ts';
import { registerTemplateRoutes } from './routes/templates.ts';

export interface AuditSpec {
  action: string;
  target: (request: FastifyRequest) => string;
}

declare module 'fastify' {
  /** Documentation read by openapi.ts; Ajv ignores these keys. */
  interface FastifySchema {
    summary?: string;
    description?: string;
    tags?: string[];
  }
  interface FastifyRequest {
    actor: Actor | null;
    /** The error code the answer carries, for the audit row. */
    errorCode: string | null;
  }
  interface FastifyContextConfig {
    /** Served without a token. */
    public?: boolean;
    /** Changes something: written to the audit log. */
    audit?: AuditSpec;
  }
}

export interface ApiDeps {
  db: Db;
  config: Config;
  log: Logger;
  now: () => Date;
  /** The mail templates folder for previews and the weekly report (default: the shipped templates/). */
  templatesDir?: string;
}

export interface ApiContext extends ApiDeps {
  templates(): TemplateSet;
  clock(): QueueClock;
}

const BEARER = /^Bearer\s+(\S+)\s*$/i;
const PACKAGE_VERSION = packageVersion();

/** The authenticated person; routes are only reached with one unless they are public. */
export function actorOf(request: FastifyRequest): Actor {
  if (request.actor === null) throw new TrademailError('UNAUTHORIZED', 'this route needs an API token');
  return request.actor;
}

export function createApiServer(deps: ApiDeps): FastifyInstance {
  const app = fastify().fastify({ logger: false, bodyLimit: 1_048_576 });
  let templateSet: TemplateSet | null = null;
  const ctx: ApiContext = {
    ...deps,
    templates() {
      templateSet ??= loadTemplates(deps.templatesDir ?? SHIPPED_TEMPLATES_DIR);
      return templateSet;
    },
    clock: () => ({
      now: deps.now(),
      standardHours: deps.config.sla.standardHours,
      calendarOf: (email) => calendarOf(deps.config, email),
    }),
  };
  const routes: RouteDoc[] = [];

  app.decorateRequest('actor', null);
  app.decorateRequest('errorCode', null);
  // Answers are written with JSON.stringify: response schemas document, they never filter.
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  const handleError = errorHandler(deps.log);
  app.setErrorHandler<FastifyError>((err, request, reply) => {
    request.errorCode =
      err instanceof TrademailError ? err.code : err.validation ? 'BAD_REQUEST' : 'INTERNAL';
    return handleError(err, request, reply);
  });
  app.setNotFoundHandler((request, reply) => {
    request.errorCode = 'NOT_FOUND';
    return reply
      .status(404)
      .send(errorBody('NOT_FOUND', `no route ${request.method} ${request.url.split('?')[0]}`));
  });

  app.addHook('onRoute', (route) => {
    if (route.method === 'HEAD' || (Array.isArray(route.method) && route.method.includes('HEAD'))) return;
    // The dashboard's files are mounted on the same instance; the document is about /api.
    if (!route.url.startsWith('/api/')) return;
    const schema = (route.schema ?? {}) as RouteDoc['schema'] & FastifySchema;
    routes.push({
      method: String(route.method),
      url: route.url,
      summary: schema.summary ?? route.url,
      ...(schema.description ? { description: schema.description } : {}),
      tags: schema.tags ?? [],
      isPublic: route.config?.public === true,
      schema,
    });
  });

  app.addHook('onRequest', async (request) => {
    // Public routes, and paths that match no route (they get the JSON 404, which reveals nothing).
    if (request.routeOptions.config?.public === true || request.routeOptions.url === undefined) return;
    const header = request.headers.authorization;
    const match = header === undefined ? null : BEARER.exec(header);
    if (match === null) {
      throw new TrademailError('UNAUTHORIZED', 'send the API token as "Authorization: Bearer <token>"');
    }
    request.actor = await authenticate(deps.db, match[1]!, deps.now());
  });

  app.addHook('preSerialization', async (request, _reply, payload) => {
    return request.actor?.role === 'readonly' ? redactContactDetails(payload) : payload;
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const spec = request.routeOptions.config?.audit;
    if (spec === undefined || request.actor === null) return payload;
    await writeAudit(deps.db, {
      actor: request.actor.email,
      action: spec.action,
      target: spec.target(request),
      details: {
        status: reply.statusCode,
        ...(request.errorCode === null ? {} : { error: request.errorCode }),
        params: request.params,
        body: request.body ?? null,
      },
      at: deps.now(),
    });
    return payload;
  });

  registerSystemRoutes(app, ctx, () =>
    openApiDocument(routes, { title: 'trademail API', version: PACKAGE_VERSION }),
  );
  registerLeadRoutes(app, ctx);
  registerEnrollmentRoutes(app, ctx);
  registerTemplateRoutes(app, ctx);
  registerOperationsRoutes(app, ctx);
  registerReportRoutes(app, ctx);
  return app;
}
