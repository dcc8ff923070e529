/**
 * Sequences, enrollments and the mails they send. The moves (enroll, pause, resume, stop) are
 * the sequence engine's own functions, so the API follows the same state machine, timeline
 * notes and outbox cancellation as the command line; each is audited.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { enroll, pause, resume, stop } from '../../sequences/engine/index.ts';
import { requireWriter } from '../access.ts';
import {
  type EnrollmentFilter,
  enrollmentDetail,
  formattedEnrollment,
  listEnrollments,
  visibleEnrollment,
} from '../queries/enrollments.ts';
import { visibleLead } from '../queries/leads.ts';
import { outboundDetail } from '../queries/outbound.ts';
import { listSequences } from '../queries/sequences.ts';
import { enrollmentSchema, idParams, listOf, objectSchema, paging } from '../schemas.ts';
import { type ApiContext, actorOf } from '../server.ts';

const enrollmentTarget = (request: FastifyRequest) => `enrollment:${(request.params as { id: number }).id}`;
const oneEnrollment = { 200: { type: 'object', properties: { enrollment: enrollmentSchema } } } as const;

export function registerEnrollmentRoutes(app: FastifyInstance, ctx: ApiContext): void {
  app.get(
    '/api/sequences',
    {
      schema: {
        summary: 'Sequences with their steps and enrollment counts per state',
        tags: ['sequences'],
        response: {
          200: { type: 'object', properties: { sequences: { type: 'array', items: objectSchema } } },
        },
      },
    },
    async (request) => listSequences(ctx.db, actorOf(request)),
  );

  app.get<{ Querystring: EnrollmentFilter }>(
    '/api/enrollments',
    {
      schema: {
        summary: 'Enrollments of the visible leads, newest first',
        tags: ['sequences'],
        querystring: {
          type: 'object',
          properties: {
            state: { type: 'string', enum: ['active', 'paused', 'stopped', 'completed'] },
            leadId: { type: 'integer', minimum: 1 },
            sequence: { type: 'string', minLength: 1 },
            ...paging,
          },
          additionalProperties: false,
        },
        response: { 200: listOf(enrollmentSchema) },
      },
    },
    async (request) => listEnrollments(ctx.db, actorOf(request), request.query),
  );

  app.get<{ Params: { id: number } }>(
    '/api/enrollments/:id',
    {
      schema: {
        summary: 'One enrollment with its outbound mails',
        tags: ['sequences'],
        params: idParams,
        response: oneEnrollment,
      },
    },
    async (request) => enrollmentDetail(ctx.db, actorOf(request), request.params.id),
  );

  app.get<{ Params: { id: number } }>(
    '/api/outbound/:id',
    {
      schema: {
        summary: 'One mail trademail sent or will send: its outbox state, the server answer and the mail',
        description:
          "The ids are those of an enrollment's outbound list and of outbound timeline entries (outboundMailId).",
        tags: ['sequences'],
        params: idParams,
        response: { 200: { type: 'object', properties: { outbound: objectSchema } } },
      },
    },
    async (request) => outboundDetail(ctx.db, actorOf(request), request.params.id),
  );

  app.post<{ Body: { leadId: number; sequence: string; priority?: number } }>(
    '/api/enrollments',
    {
      config: {
        audit: {
          action: 'enrollment.enroll',
          target: (request) => `lead:${(request.body as { leadId?: unknown } | undefined)?.leadId ?? '?'}`,
        },
      },
      schema: {
        summary: 'Enroll a lead in a sequence',
        description:
          'Refused with 409 ALREADY_ENROLLED while the lead is live in that sequence, 422 NOT_MAILABLE when it cannot be mailed.',
        tags: ['sequences'],
        body: {
          type: 'object',
          required: ['leadId', 'sequence'],
          properties: {
            leadId: { type: 'integer', minimum: 1 },
            sequence: { type: 'string', minLength: 1, maxLength: 100 },
            priority: { type: 'integer', minimum: -100, maximum: 100 },
          },
          additionalProperties: false,
        },
        response: { 201: { type: 'object', properties: { enrollment: enrollmentSchema } } },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      await visibleLead(ctx.db, actor, request.body.leadId);
      requireWriter(actor);
      const row = await enroll(ctx.db, {
        leadId: request.body.leadId,
        sequenceName: request.body.sequence,
        now: ctx.now(),
        ...(request.body.priority === undefined ? {} : { priority: request.body.priority }),
      });
      return reply.status(201).send({ enrollment: await formattedEnrollment(ctx.db, row.id) });
    },
  );

  app.post<{ Params: { id: number }; Body: { reason?: string; until?: string } }>(
    '/api/enrollments/:id/pause',
    {
      config: { audit: { action: 'enrollment.pause', target: enrollmentTarget } },
      schema: {
        summary: 'Pause an active enrollment (until a time, or until resumed)',
        tags: ['sequences'],
        params: idParams,
        body: {
          type: 'object',
          properties: {
            reason: { type: 'string', minLength: 1, maxLength: 200 },
            until: { type: 'string', format: 'date-time' },
          },
          additionalProperties: false,
        },
        response: oneEnrollment,
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await visibleEnrollment(ctx.db, actor, request.params.id);
      requireWriter(actor);
      const body = request.body ?? {};
      const until = body.until === undefined ? null : new Date(body.until);
      await pause(ctx.db, request.params.id, body.reason ?? 'manual', ctx.now(), until);
      return { enrollment: await formattedEnrollment(ctx.db, request.params.id) };
    },
  );

  // Resume and stop take the same request and differ only in the engine call.
  const simpleActions = [
    { name: 'resume', summary: 'Resume a paused enrollment', run: resume },
    { name: 'stop', summary: 'Stop an enrollment for good; its queued mails are cancelled', run: stop },
  ] as const;
  for (const action of simpleActions) {
    app.post<{ Params: { id: number }; Body: { reason?: string } }>(
      `/api/enrollments/:id/${action.name}`,
      {
        config: { audit: { action: `enrollment.${action.name}`, target: enrollmentTarget } },
        schema: {
          summary: action.summary,
          tags: ['sequences'],
          params: idParams,
          body: {
            type: 'object',
            properties: { reason: { type: 'string', minLength: 1, maxLength: 200 } },
            additionalProperties: false,
          },
          response: oneEnrollment,
        },
      },
      async (request) => {
        const actor = actorOf(request);
        await visibleEnrollment(ctx.db, actor, request.params.id);
        requireWriter(actor);
        await action.run(ctx.db, request.params.id, request.body?.reason ?? 'manual', ctx.now());
        return { enrollment: await formattedEnrollment(ctx.db, request.params.id) };
      },
    );
  }
}
