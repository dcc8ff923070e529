import { Command } from 'commander';
import { previewContext } from '../../api/queries/preview-context.ts';
import { TrademailError } from '../../errors.ts';
import { SHIPPED_TEMPLATES_DIR } from '../../paths.ts';
import {
  lintTemplates,
  loadTemplates,
  renderTemplate,
  SAMPLE_CONTEXT,
  selectLanguage,
  type TemplateContext,
  templateLanguages,
} from '../../templates/index.ts';
import type { CommandFactory } from '../main.ts';

export const templateCommand: CommandFactory = (ctx) =>
  new Command('template')
    .description('check and preview the mail templates')
    .addCommand(
      new Command('lint')
        .description('load every template and report problems (subject length, capitals, missing parts...)')
        .option('--dir <dir>', 'templates folder', SHIPPED_TEMPLATES_DIR)
        .action((opts: { dir: string }) => {
          const c = ctx();
          // Loading already refuses templates with errors, naming each problem.
          const set = loadTemplates(opts.dir);
          const problems = lintTemplates(set, SAMPLE_CONTEXT as unknown as TemplateContext);
          for (const p of problems) {
            c.out(
              `${p.severity.toUpperCase()} ${p.template}${p.lang ? `/${p.lang}` : ''}${p.part ? ` ${p.part}` : ''}: ${p.code}: ${p.message}`,
            );
          }
          const errors = problems.filter((p) => p.severity === 'error').length;
          c.out(`${set.templates.size} templates, ${errors} errors, ${problems.length - errors} warnings`);
          if (errors > 0) throw new TrademailError('TEMPLATE_INVALID', `template lint: ${errors} errors`);
        }),
    )
    .addCommand(
      new Command('preview')
        .description("render a template with a lead's data")
        .argument('<template>', 'template name, e.g. prospecting-first')
        .requiredOption('--lead <email>', "the lead's email address")
        .option('--lang <lang>', 'language variant (default: chosen from the lead)')
        .action(async (name: string, opts: { lead: string; lang?: string }) => {
          const c = ctx();
          const { db } = await c.store();
          const lead = await db.lead.findUnique({ where: { email: opts.lead.toLowerCase() } });
          if (!lead) throw new TrademailError('NOT_FOUND', `--lead: no lead with the address ${opts.lead}`);
          const set = loadTemplates(SHIPPED_TEMPLATES_DIR);
          if (!set.templates.has(name)) {
            throw new TrademailError(
              'NOT_FOUND',
              `no template named "${name}" (have ${[...set.templates.keys()].join(', ')})`,
            );
          }
          const context = await previewContext(db, c.config(), lead.id);
          const lang = opts.lang ?? selectLanguage(context.lead, templateLanguages(set, name));
          const mail = renderTemplate(set, name, lang, context as unknown as TemplateContext);
          c.out(`Subject: ${mail.subject}`);
          for (const [k, v] of Object.entries(mail.headers)) c.out(`${k}: ${v}`);
          c.out('');
          c.out(mail.text);
          for (const w of mail.warnings) c.out(`warning: ${typeof w === 'string' ? w : JSON.stringify(w)}`);
        }),
    );
