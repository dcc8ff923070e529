/** Leads, the inquiry queue, the timeline and stored mail: read-only views, scoped by role. */
import type { FastifyInstance } from 'fastify';
import { listActivities } from '../queries/activities.ts';
import { inquiryDetail, inquiryQueue, type QueueFilter } from '../queries/inquiries.ts';
import { type LeadFilter, leadDetail, listLeads } from '../queries/leads.ts';
import { messageDetail } from '../queries/messages.ts';
import {
  activitySchema,
  companyRef,
  enrollmentSchema,
  idParams,
  inquirySchema,
  instant,
  leadSummary,
  listOf,
  objectSchema,
  paging,
  personRef,
} from '../schemas.ts';
import { type ApiContext, actorOf } from '../server.ts';

export function registerLeadRoutes(app: FastifyInstance, ctx: ApiContext): void {
  app.get<{ Querystring: LeadFilter }>(
    '/api/leads',
    {
      schema: {
        summary: 'Leads the caller may see, with filters',
        description: 'Ordered by the latest inquiry, newest first. A salesperson sees only leads they own.',
        tags: ['leads'],
        querystring: {
          type: 'object',
          properties: {
            q: {
              type: 'string',
              minLength: 1,
              maxLength: 200,
              description: 'part of the name, email or company name',
            },
            status: { type: 'string', enum: ['prospect', 'customer', 'pool'] },
            country: { type: 'string', pattern: '^[A-Za-z]{2}$' },
            ownerId: { type: 'integer', minimum: 1 },
            grade: {
              type: 'string',
              enum: ['A', 'B', 'C', 'D'],
              description: 'has an inquiry of this grade',
            },
            ...paging,
          },
          additionalProperties: false,
        },
        response: { 200: listOf(leadSummary) },
      },
    },
    async (request) => listLeads(ctx.db, actorOf(request), request.query),
  );

  app.get<{ Params: { id: number } }>(
    '/api/leads/:id',
    {
      schema: {
        summary: 'One lead: extracted fields, company, owner, inquiries, enrollments and timeline',
        tags: ['leads'],
        params: idParams,
        response: {
          200: {
            type: 'object',
            properties: {
              lead: leadSummary,
              fields: objectSchema,
              company: companyRef,
              owner: personRef,
              inquiries: { type: 'array', items: inquirySchema },
              enrollments: { type: 'array', items: enrollmentSchema },
              timeline: { type: 'array', items: activitySchema },
            },
          },
        },
      },
    },
    async (request) => leadDetail(ctx.db, actorOf(request), request.params.id, ctx.clock()),
  );

  app.get<{ Querystring: QueueFilter }>(
    '/api/inquiries',
    {
      schema: {
        summary: 'The inquiry queue: by deadline (soonest first), then score (highest first)',
        description:
          'msLeft is deadline minus the server clock `now`; a client counts down from it. Inquiries not ranked yet carry the standard SLA from their arrival (deadlineEstimated: true).',
        tags: ['inquiries'],
        querystring: {
          type: 'object',
          properties: {
            status: { type: 'string', enum: ['open', 'answered', 'closed', 'all'], default: 'open' },
            ownerId: { type: 'integer', minimum: 1 },
            grade: { type: 'string', enum: ['A', 'B', 'C', 'D'] },
            priorityTier: { type: 'string', enum: ['P1', 'P2', 'P3'] },
            ...paging,
          },
          additionalProperties: false,
        },
        response: {
          200: {
            type: 'object',
            properties: {
              now: instant,
              items: { type: 'array', items: inquirySchema },
              total: { type: 'integer' },
            },
          },
        },
      },
    },
    async (request) => inquiryQueue(ctx.db, actorOf(request), request.query, ctx.clock()),
  );

  app.get<{ Params: { id: number } }>(
    '/api/inquiries/:id',
    {
      schema: {
        summary: 'One inquiry with every extracted field',
        tags: ['inquiries'],
        params: idParams,
        response: { 200: { type: 'object', properties: { now: instant, inquiry: inquirySchema } } },
      },
    },
    async (request) => inquiryDetail(ctx.db, actorOf(request), request.params.id, ctx.clock()),
  );

  app.get<{
    Querystring: {
      leadId?: number;
      type?: string;
      since?: string;
      until?: string;
      limit: number;
      offset: number;
    };
  }>(
    '/api/activities',
    {
      schema: {
        summary: 'Timeline entries across the visible leads, newest first',
        tags: ['leads'],
        querystring: {
          type: 'object',
          properties: {
            leadId: { type: 'integer', minimum: 1 },
            type: {
              type: 'string',
              enum: [
                'inquiry',
                'reply',
                'bounce',
                'auto_reply',
                'unsubscribe',
                'outbound',
                'bcc_outbound',
                'note',
              ],
            },
            since: { type: 'string', format: 'date-time' },
            until: { type: 'string', format: 'date-time' },
            ...paging,
          },
          additionalProperties: false,
        },
        response: { 200: listOf(activitySchema) },
      },
    },
    async (request) => {
      const q = request.query;
      return listActivities(ctx.db, actorOf(request), {
        ...q,
        since: q.since === undefined ? undefined : new Date(q.since),
        until: q.until === undefined ? undefined : new Date(q.until),
      });
    },
  );

  app.get<{ Params: { id: number } }>(
    '/api/messages/:id',
    {
      schema: {
        summary: 'One stored mail, parsed from its raw bytes',
        description:
          'html is the body as received: untrusted. Render it in a sandboxed frame without scripts, or show text instead.',
        tags: ['leads'],
        params: idParams,
        response: { 200: { type: 'object', properties: { message: objectSchema } } },
      },
    },
    async (request) => messageDetail(ctx.db, actorOf(request), request.params.id),
  );
}
