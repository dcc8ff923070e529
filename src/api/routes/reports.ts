/** The weekly report and the dashboard's chart data. */
import type { FastifyInstance } from 'fastify';
import {
  buildWeeklyReport,
  chartData,
  renderWeeklyMail,
  reportUser,
  type WeeklyReport,
  weeklyMarkdown,
} from '../../reports/index.ts';
import { forbidden, leadScope } from '../access.ts';
import { redactContactDetails } from '../redact.ts';
import { objectSchema } from '../schemas.ts';
import { type ApiContext, actorOf } from '../server.ts';

const DAY_MS = 86_400_000;

export function registerReportRoutes(app: FastifyInstance, ctx: ApiContext): void {
  app.get<{ Querystring: { user?: string; format: 'json' | 'html' | 'md' } }>(
    '/api/reports/weekly',
    {
      schema: {
        summary: "The weekly report for the week ending now in the person's own time zone",
        description:
          'user: whose report (default the caller); a salesperson may only ask for their own. format=html or md answers the document itself (text/html, text/markdown).',
        tags: ['reports'],
        querystring: {
          type: 'object',
          properties: {
            user: { type: 'string', minLength: 3, maxLength: 320 },
            format: { type: 'string', enum: ['json', 'html', 'md'], default: 'json' },
          },
          additionalProperties: false,
        },
        response: { 200: { ...objectSchema, description: 'the report (JSON), or the document for html/md' } },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const email = request.query.user?.trim().toLowerCase() ?? actor.email;
      if (actor.role === 'salesperson' && email !== actor.email) {
        throw forbidden('a salesperson can only read their own weekly report');
      }
      const user = await reportUser(ctx.db, email);
      const report = await buildWeeklyReport(ctx.db, ctx.config, user, ctx.now());
      if (request.query.format === 'json') return report;
      // The JSON answer is redacted on its way out; the documents are built from redacted data.
      const data: WeeklyReport = actor.role === 'readonly' ? redactContactDetails(report) : report;
      if (request.query.format === 'md') {
        return reply.type('text/markdown; charset=utf-8').send(weeklyMarkdown(data));
      }
      return reply.type('text/html; charset=utf-8').send(renderWeeklyMail(ctx.templates(), data).html);
    },
  );

  app.get<{ Querystring: { from?: string; to?: string } }>(
    '/api/reports/charts',
    {
      schema: {
        summary: 'Chart data: first response, SLA met %, reply rate per step, funnel, by country and product',
        description:
          'Over inquiries received in [from, to) (default the 30 days up to now); docs/api.md gives the counting rules.',
        tags: ['reports'],
        querystring: {
          type: 'object',
          properties: {
            from: { type: 'string', format: 'date-time' },
            to: { type: 'string', format: 'date-time' },
          },
          additionalProperties: false,
        },
        response: { 200: objectSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const now = ctx.now();
      const end = request.query.to === undefined ? now : new Date(request.query.to);
      const start =
        request.query.from === undefined
          ? new Date(end.getTime() - 30 * DAY_MS)
          : new Date(request.query.from);
      return chartData(ctx.db, ctx.config, { leads: leadScope(actor), start, end, now });
    },
  );
}
