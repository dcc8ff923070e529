/**
 * Renders a step with the templates module: the language is chosen from the lead's language or
 * country among the template's variants, and lint errors on the result refuse the send
 * (renderTemplate throws TEMPLATE_INVALID / TEMPLATE_MISSING_VARIABLE).
 */
import type { TemplateContext, TemplateSet } from '../../templates/index.ts';
import { renderTemplate, selectLanguage, templateLanguages } from '../../templates/index.ts';
import type { RenderedStep, StepRenderer, StepToRender } from './types.ts';

/**
 * `contextFor` builds the template data (lead, sender signature, products, unsubscribe target)
 * for one step; it is where the caller's knowledge of the salesperson and the lead's inquiry lives.
 */
export function templateStepRenderer(
  set: TemplateSet,
  contextFor: (input: StepToRender) => TemplateContext | Promise<TemplateContext>,
): StepRenderer {
  return async (input): Promise<RenderedStep> => {
    const lang = selectLanguage(input.lead, templateLanguages(set, input.step.template));
    const mail = renderTemplate(set, input.step.template, lang, await contextFor(input));
    return { subject: mail.subject, text: mail.text, html: mail.html, headers: mail.headers };
  };
}
