/**
 * Mail templates: Handlebars files under templates/ (layout in templates/README.md), compiled in a
 * private strict environment, linted against the users' writing rules, rendered per language.
 */
export { lintTemplates } from './check.ts';
export type {
  BuyerMailContext,
  InternalMailContext,
  LeadContext,
  PersonContext,
  ReportLeadLine,
  SenderContext,
  WeeklyReportMailContext,
} from './context.ts';
export { SAMPLE_CONTEXT } from './context.ts';
export { formatList, truncate } from './format.ts';
export type { GreetingPerson, Salutation } from './greeting.ts';
export { greetingFor } from './greeting.ts';
export {
  COUNTRY_LANGUAGES,
  DEFAULT_LANGUAGE,
  localeFor,
  normaliseLanguage,
  selectLanguage,
} from './languages.ts';
export { SUBJECT_MAX_CHARS } from './lint.ts';
export type { LoadTemplatesOptions } from './load.ts';
export { loadTemplates } from './load.ts';
export type { RenderOptions, TemplateContext } from './render.ts';
export { describeProblems, renderTemplate, templateLanguages } from './render.ts';
export type {
  LintCode,
  LintProblem,
  RenderedMail,
  TemplateKind,
  TemplateMeta,
  TemplateSet,
} from './types.ts';
export { TEMPLATE_KINDS } from './types.ts';
export type { ListUnsubscribeHeaders, UnsubscribeTarget } from './unsubscribe.ts';
export { buildListUnsubscribeHeaders } from './unsubscribe.ts';
