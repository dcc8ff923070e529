import type { TemplateDelegate } from 'handlebars';

/**
 * What a template is for, from its template.yaml:
 * - prospecting: unsolicited outreach (cold mail, trade-show and wake-up mails). Needs
 *   List-Unsubscribe headers (RFC 2369, one-click per RFC 8058), a greeting, a signature and a
 *   closing question.
 * - followup: mail in a conversation the buyer started (e.g. after a quotation). Greeting,
 *   signature and closing question; no unsubscribe headers.
 * - internal: notices to our own salespeople and managers (SLA reminders). Greeting only.
 */
export const TEMPLATE_KINDS = ['prospecting', 'followup', 'internal'] as const;
export type TemplateKind = (typeof TEMPLATE_KINDS)[number];

/** A template's front-matter (the template.yaml beside its language folders). */
export interface TemplateMeta {
  kind: TemplateKind;
  /** Allows URGENT / IMPORTANT / 紧急 in the subject. */
  urgent: boolean;
  description: string;
}

export type TemplatePart = 'subject' | 'html' | 'text';
export type RenderMode = 'html' | 'text';

export type LintCode =
  | 'SUBJECT_TOO_LONG'
  | 'SUBJECT_ALL_CAPS'
  | 'SUBJECT_MULTILINE'
  | 'EXCESS_PUNCTUATION'
  | 'URGENT_WORD'
  | 'MISSING_SUBJECT'
  | 'MISSING_HTML_PART'
  | 'MISSING_TEXT_PART'
  | 'MISSING_GREETING'
  | 'MISSING_QUESTION'
  | 'MISSING_SIGNATURE'
  | 'MISSING_META'
  | 'INVALID_META'
  | 'MISSING_DEFAULT_LANGUAGE'
  | 'INVALID_NAME'
  | 'SYNTAX'
  | 'UNKNOWN_HELPER'
  | 'UNKNOWN_PARTIAL'
  | 'FORBIDDEN_PROPERTY'
  | 'UNESCAPED_OUTPUT'
  | 'MISSING_VARIABLE'
  | 'RENDER_FAILED';

export interface LintProblem {
  code: LintCode;
  /** Errors block loading and sending; warnings are reported. */
  severity: 'error' | 'warning';
  /** Template name, or '_partials' for a partial. */
  template: string;
  lang: string | null;
  part: TemplatePart | null;
  message: string;
}

/** One compiled source: its text, its syntax tree (for lint) and the compiled function. */
export interface CompiledSource {
  /** e.g. 'prospecting-first/en/body.html.hbs' */
  file: string;
  source: string;
  ast: hbs.AST.Program;
  render: TemplateDelegate;
  /** Source position 'line:column' of every path -> the path as written, to name missing variables. */
  pathsAt: ReadonlyMap<string, string>;
}

export interface TemplateVariant {
  lang: string;
  subject: CompiledSource;
  html: CompiledSource;
  text: CompiledSource;
}

export interface TemplateDefinition {
  name: string;
  meta: TemplateMeta;
  variants: ReadonlyMap<string, TemplateVariant>;
}

/** A partial's two renderings; a language folder may override the default one. */
export interface PartialSources {
  html: CompiledSource | null;
  text: CompiledSource | null;
}

export interface PartialLibrary {
  /** name -> sources shared by all languages */
  common: ReadonlyMap<string, PartialSources>;
  /** lang -> name -> sources for that language */
  byLanguage: ReadonlyMap<string, ReadonlyMap<string, PartialSources>>;
}

/** Everything loaded from a templates folder, compiled in its own private Handlebars environment. */
export interface TemplateSet {
  dir: string;
  templates: ReadonlyMap<string, TemplateDefinition>;
  partials: PartialLibrary;
  /** Warnings found at load (e.g. a subject over 50 characters with the sample data). */
  warnings: readonly LintProblem[];
}

export interface RenderedMail {
  subject: string;
  html: string;
  text: string;
  /** Extra header fields to set on the message (List-Unsubscribe on prospecting mail). */
  headers: Record<string, string>;
  lang: string;
  warnings: LintProblem[];
}
