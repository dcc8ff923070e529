/** Mailbox sync health and the quarantine: for managers (read-only users see them redacted). */
import type { FastifyInstance } from 'fastify';
import { processPending } from '../../ingest/processor.ts';
import { listQuarantine } from '../../store/ingest/quarantine.ts';
import { requireRole } from '../access.ts';
import { mailboxHealth } from '../queries/mailboxes.ts';
import { objectSchema } from '../schemas.ts';
import { type ApiContext, actorOf } from '../server.ts';

export function registerOperationsRoutes(app: FastifyInstance, ctx: ApiContext): void {
  app.get(
    '/api/mailboxes',
    {
      schema: {
        summary: 'Mailboxes and their folders: last sync, lag, state, errors, counts',
        tags: ['operations'],
        response: {
          200: {
            type: 'object',
            properties: { now: { type: 'string' }, mailboxes: { type: 'array', items: objectSchema } },
          },
        },
      },
    },
    async (request) => {
      requireRole(actorOf(request), ['manager', 'readonly'], 'mailbox health');
      return mailboxHealth(ctx.db, ctx.config, ctx.now());
    },
  );

  app.get<{ Querystring: { all?: boolean } }>(
    '/api/quarantine',
    {
      schema: {
        summary: 'Messages whose processing failed, with stage and reason',
        tags: ['operations'],
        querystring: {
          type: 'object',
          properties: { all: { type: 'boolean', default: false, description: 'include resolved entries' } },
          additionalProperties: false,
        },
        response: { 200: { type: 'object', properties: { items: { type: 'array', items: objectSchema } } } },
      },
    },
    async (request) => {
      requireRole(actorOf(request), ['manager', 'readonly'], 'the quarantine');
      return { items: await listQuarantine(ctx.db, { includeResolved: request.query.all === true }) };
    },
  );

  app.post<{ Body: { ids?: number[] } }>(
    '/api/quarantine/reprocess',
    {
      config: {
        audit: {
          action: 'quarantine.reprocess',
          target: (request) => {
            const ids = (request.body as { ids?: number[] } | undefined)?.ids;
            return ids && ids.length > 0 ? `messages:${ids.join(',')}` : 'quarantine:all';
          },
        },
      },
      schema: {
        summary: 'Run quarantined messages (or the given message ids) through the pipeline again',
        tags: ['operations'],
        body: {
          type: 'object',
          properties: { ids: { type: 'array', items: { type: 'integer', minimum: 1 }, maxItems: 1000 } },
          additionalProperties: false,
        },
        response: {
          200: {
            type: 'object',
            properties: {
              processed: { type: 'integer' },
              quarantined: { type: 'integer' },
              alreadyProcessed: { type: 'integer' },
            },
          },
        },
      },
    },
    async (request) => {
      requireRole(actorOf(request), ['manager'], 'reprocessing');
      const ids = request.body?.ids;
      return processPending(
        { db: ctx.db, config: ctx.config, log: ctx.log, now: ctx.now },
        { stages: ['quarantined', 'received'], ...(ids && ids.length > 0 ? { ids } : {}) },
      );
    },
  );
}
