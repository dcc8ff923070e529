/** Health, the OpenAPI document, the caller's identity and the audit log. */
import type { FastifyInstance } from 'fastify';
import { requireRole } from '../access.ts';
import { listAudit } from '../audit.ts';
import { paging } from '../schemas.ts';
import { type ApiContext, actorOf } from '../server.ts';

export function registerSystemRoutes(app: FastifyInstance, ctx: ApiContext, document: () => unknown): void {
  app.get(
    '/api/health',
    {
      config: { public: true },
      schema: {
        summary: 'Liveness check',
        tags: ['system'],
        response: { 200: { type: 'object', properties: { ok: { type: 'boolean' } } } },
      },
    },
    async () => ({ ok: true }),
  );

  app.get(
    '/api/openapi.json',
    {
      config: { public: true },
      schema: { summary: 'This API as an OpenAPI 3.1 document', tags: ['system'] },
    },
    async () => document(),
  );

  app.get(
    '/api/me',
    {
      schema: {
        summary: 'The person the token belongs to',
        tags: ['system'],
        response: {
          200: {
            type: 'object',
            properties: {
              user: {
                type: 'object',
                properties: {
                  id: { type: 'integer' },
                  email: { type: ['string', 'null'] },
                  name: { type: 'string' },
                  role: { type: 'string', enum: ['salesperson', 'manager', 'readonly'] },
                  timeZone: { type: 'string' },
                },
              },
            },
          },
        },
      },
    },
    async (request) => {
      const a = actorOf(request);
      return { user: { id: a.id, email: a.email, name: a.name, role: a.role, timeZone: a.timeZone } };
    },
  );

  app.get<{ Querystring: { actor?: string; action?: string; limit: number; offset: number } }>(
    '/api/audit',
    {
      schema: {
        summary: 'The audit log, newest first (managers; read-only users redacted)',
        tags: ['system'],
        querystring: {
          type: 'object',
          properties: { actor: { type: 'string' }, action: { type: 'string' }, ...paging },
          additionalProperties: false,
        },
      },
    },
    async (request) => {
      requireRole(actorOf(request), ['manager', 'readonly'], 'the audit log');
      return listAudit(ctx.db, request.query);
    },
  );
}
