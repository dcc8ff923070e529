/** Mail templates: the list, and a preview rendered with one lead's data. */
import type { FastifyInstance } from 'fastify';
import { TrademailError } from '../../errors.ts';
import {
  renderTemplate,
  selectLanguage,
  type TemplateContext,
  templateLanguages,
} from '../../templates/index.ts';
import { notFound } from '../access.ts';
import { visibleLead } from '../queries/leads.ts';
import { previewContext } from '../queries/preview-context.ts';
import { objectSchema } from '../schemas.ts';
import { type ApiContext, actorOf } from '../server.ts';

/** Templates whose data is not a lead's (the weekly report is previewed at /api/reports/weekly). */
const NOT_ABOUT_A_LEAD = new Set(['weekly-report']);

export function registerTemplateRoutes(app: FastifyInstance, ctx: ApiContext): void {
  app.get(
    '/api/templates',
    {
      schema: {
        summary: 'Mail templates with their kind and languages',
        tags: ['templates'],
        response: {
          200: { type: 'object', properties: { templates: { type: 'array', items: objectSchema } } },
        },
      },
    },
    async (request) => {
      actorOf(request);
      const set = ctx.templates();
      return {
        templates: [...set.templates.values()]
          .sort((a, b) => a.name.localeCompare(b.name))
          .map((t) => ({
            name: t.name,
            kind: t.meta.kind,
            description: t.meta.description,
            urgent: t.meta.urgent,
            languages: templateLanguages(set, t.name),
          })),
      };
    },
  );

  app.get<{ Params: { name: string }; Querystring: { leadId: number; lang?: string } }>(
    '/api/templates/:name/preview',
    {
      schema: {
        summary: "A template rendered with one lead's data",
        description:
          "The language is the lead's (or its country's) among the template's languages unless `lang` is given. Lint warnings come back in `warnings`; lint errors are 422 TEMPLATE_INVALID.",
        tags: ['templates'],
        params: {
          type: 'object',
          required: ['name'],
          properties: { name: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]*$' } },
          additionalProperties: false,
        },
        querystring: {
          type: 'object',
          required: ['leadId'],
          properties: {
            leadId: { type: 'integer', minimum: 1 },
            lang: { type: 'string', pattern: '^[a-z]{2}$' },
          },
          additionalProperties: false,
        },
        response: {
          200: {
            type: 'object',
            properties: {
              template: { type: 'string' },
              lang: { type: 'string' },
              subject: { type: 'string' },
              text: { type: ['string', 'null'] },
              html: { type: ['string', 'null'] },
              headers: objectSchema,
              warnings: { type: 'array', items: objectSchema },
              lead: objectSchema,
            },
          },
        },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { name } = request.params;
      const lead = await visibleLead(ctx.db, actor, request.query.leadId);
      const set = ctx.templates();
      const def = set.templates.get(name);
      if (def === undefined) throw notFound('template', name);
      if (NOT_ABOUT_A_LEAD.has(name)) {
        throw new TrademailError('USAGE', `${name} is not about a lead; see /api/reports/weekly?format=html`);
      }
      const context = await previewContext(ctx.db, ctx.config, lead.id);
      if (def.meta.kind === 'internal' && context.sla === null) {
        throw new TrademailError(
          'TEMPLATE_MISSING_VARIABLE',
          `lead ${lead.id} has no inquiry; ${name} speaks about one (sla.*)`,
        );
      }
      const languages = templateLanguages(set, name);
      const lang = request.query.lang ?? selectLanguage(context.lead, languages);
      if (!languages.includes(lang)) {
        throw new TrademailError(
          'NOT_FOUND',
          `template ${name} has no "${lang}" variant (has ${languages.join(', ')})`,
        );
      }
      const mail = renderTemplate(set, name, lang, context as unknown as TemplateContext);
      return {
        template: name,
        lang: mail.lang,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        headers: mail.headers,
        warnings: mail.warnings,
        lead: { id: lead.id, name: lead.name, email: lead.email },
      };
    },
  );
}
