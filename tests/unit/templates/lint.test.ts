import { describe, expect, it } from 'vitest';
import { TrademailError } from '../../../src/errors.ts';
import type { LintCode, LintProblem, TemplateMeta } from '../../../src/templates/index.ts';
import { lintTemplates, loadTemplates, renderTemplate } from '../../../src/templates/index.ts';
import { lintBody, lintSubject } from '../../../src/templates/lint.ts';
import { context, dirWith } from './fixtures.ts';

const META: TemplateMeta = { kind: 'prospecting', urgent: false, description: '' };
const AT = { template: 't', lang: 'en' };

function codes(problems: readonly LintProblem[]): string[] {
  return problems.map((p) => `${p.severity}:${p.code}`);
}

function loadError(changes: Record<string, string | null>): TrademailError {
  try {
    loadTemplates(dirWith(changes));
  } catch (err) {
    if (err instanceof TrademailError) return err;
    throw err;
  }
  throw new Error('expected loadTemplates to throw');
}

function problemsOf(err: TrademailError): LintProblem[] {
  return (err.details?.['problems'] ?? []) as LintProblem[];
}

function problemCodes(err: TrademailError): LintCode[] {
  return problemsOf(err).map((p) => p.code);
}

describe('subject rules', () => {
  it('allows 50 characters and flags 51: an error when sending, a warning at load', () => {
    expect(lintSubject('x'.repeat(50), META, AT, 'render')).toEqual([]);
    expect(codes(lintSubject('x'.repeat(51), META, AT, 'render'))).toEqual(['error:SUBJECT_TOO_LONG']);
    expect(codes(lintSubject('x'.repeat(51), META, AT, 'load'))).toEqual(['warning:SUBJECT_TOO_LONG']);
    // Characters, not bytes or UTF-16 units: 40 Chinese characters are fine.
    expect(lintSubject('报'.repeat(40), META, AT, 'render')).toEqual([]);
  });

  it('flags a subject in capitals, but not a few acronyms', () => {
    expect(codes(lintSubject('CHEAP LED PANELS FOR YOU', META, AT, 'render'))).toEqual([
      'error:SUBJECT_ALL_CAPS',
    ]);
    expect(codes(lintSubject('BEST PRICE for LED panels', META, AT, 'render'))).toEqual([]);
    expect(codes(lintSubject('FOB and CIF LED PANEL price', META, AT, 'render'))).toEqual([
      'error:SUBJECT_ALL_CAPS',
    ]);
    expect(lintSubject('LED FOB', META, AT, 'render')).toEqual([]);
    expect(lintSubject('FOB price for LED panels', META, AT, 'render')).toEqual([]);
    // Letters without case count too: a Chinese subject quoting a reference is not shouting.
    expect(lintSubject('报价单QUOTATION-2025的最后一次跟进', META, AT, 'render')).toEqual([]);
  });

  it.each(['Great offer!!', 'Save $$ on panels', 'Samples???', 'Ready?!?', '特价！！'])(
    'flags shouting punctuation in %s',
    (subject) => {
      expect(codes(lintSubject(subject, META, AT, 'render'))).toContain('error:EXCESS_PUNCTUATION');
    },
  );

  it('accepts a single question or exclamation mark', () => {
    expect(lintSubject('Samples of LED panels?', META, AT, 'render')).toEqual([]);
    expect(lintSubject('Thank you!', META, AT, 'render')).toEqual([]);
  });

  it.each([
    'URGENT: LED panels',
    'Important update on your order',
    'Urgente: cotización',
    '紧急：报价',
    'Срочно: цены',
  ])('flags false urgency in %s unless the template is marked urgent', (subject) => {
    expect(codes(lintSubject(subject, META, AT, 'render'))).toContain('error:URGENT_WORD');
    expect(codes(lintSubject(subject, { ...META, urgent: true }, AT, 'render'))).not.toContain(
      'error:URGENT_WORD',
    );
  });

  it('does not mistake longer words for urgency', () => {
    expect(lintSubject('Importantly, new panels', META, AT, 'render')).toEqual([]);
  });

  it('blocks sending when the rendered subject breaks a rule, naming the rule', () => {
    const set = loadTemplates(dirWith({}));
    const lead = {
      ...(context() as { lead: object }).lead,
      company: 'The Very Long Company Name Trading Corporation Ltd',
    };
    try {
      renderTemplate(set, 't', 'en', context({ lead }));
      expect.unreachable('should throw');
    } catch (err) {
      expect(err).toBeInstanceOf(TrademailError);
      expect((err as TrademailError).code).toBe('TEMPLATE_INVALID');
      expect((err as TrademailError).message).toContain('SUBJECT_TOO_LONG');
    }
  });

  it('only warns at load when the sample data makes the subject long', () => {
    const set = loadTemplates(
      dirWith({ 't/en/subject.hbs': 'A rather long subject line about {{list products}}\n' }),
    );
    expect(codes(set.warnings)).toEqual(['warning:SUBJECT_TOO_LONG']);
  });

  it('refuses a multi-line subject template', () => {
    expect(problemCodes(loadError({ 't/en/subject.hbs': 'Line one\nLine two\n' }))).toContain(
      'SUBJECT_MULTILINE',
    );
  });

  it('refuses capitals or urgency in a template at load', () => {
    expect(
      problemCodes(loadError({ 't/en/subject.hbs': 'BIG NEWS FOR YOUR {{lead.country}} TEAM\n' })),
    ).toContain('SUBJECT_ALL_CAPS');
    expect(problemCodes(loadError({ 't/en/subject.hbs': 'Urgent: {{lead.company}}\n' }))).toContain(
      'URGENT_WORD',
    );
    const marked = loadTemplates(
      dirWith({
        't/template.yaml': 'kind: prospecting\nurgent: true\n',
        't/en/subject.hbs': 'Urgent: {{lead.company}}\n',
      }),
    );
    expect(marked.templates.get('t')?.meta.urgent).toBe(true);
  });
});

describe('body rules', () => {
  it('warns when the body does not end with a question before the signature', () => {
    expect(lintBody('Hello,\n\nWe make panels.\n\nShall I send a catalogue?\n\n', META, AT)).toEqual([]);
    expect(lintBody('Hello,\n\n¿Le envío el catálogo?', META, AT)).toEqual([]);
    expect(lintBody('您好：\n\n需要我发目录给您吗？\n', META, AT)).toEqual([]);
    expect(codes(lintBody('Hello,\n\nShall I send it?\n\nWe make panels.\n', META, AT))).toEqual([
      'warning:MISSING_QUESTION',
    ]);
    expect(lintBody('Hello,\n\nA notice.\n', { ...META, kind: 'internal' }, AT)).toEqual([]);
  });

  it('reports the missing question as a warning at load and with the rendered mail', () => {
    const body = '{{greeting lead}}\n\nWe make {{list products}}.\n\n{{> signature}}\n';
    const set = loadTemplates(dirWith({ 't/en/body.txt.hbs': body }));
    expect(codes(set.warnings)).toEqual(['warning:MISSING_QUESTION']);
    const mail = renderTemplate(set, 't', 'en', context());
    expect(codes(mail.warnings)).toEqual(['warning:MISSING_QUESTION']);
  });

  it('warns about shouting punctuation in the body', () => {
    expect(codes(lintBody('Hello,\n\nBest prices!! Want some?', META, AT))).toEqual([
      'warning:EXCESS_PUNCTUATION',
    ]);
  });

  it('requires a plain-text part', () => {
    expect(problemCodes(loadError({ 't/en/body.txt.hbs': null }))).toEqual(['MISSING_TEXT_PART']);
  });

  it('requires a greeting in both parts', () => {
    const err = loadError({ 't/en/body.html.hbs': '<p>Hi.</p><p>Catalogue?</p>{{> signature}}' });
    expect(problemCodes(err)).toEqual(['MISSING_GREETING']);
    expect(problemsOf(err)[0]?.part).toBe('html');
  });

  it('requires the signature partial in buyer mail but not in internal notices', () => {
    const noSignature = '{{greeting lead}}\n\nCatalogue?\n';
    expect(problemCodes(loadError({ 't/en/body.txt.hbs': noSignature }))).toEqual(['MISSING_SIGNATURE']);
    const internal = loadTemplates(
      dirWith({
        't/template.yaml': 'kind: internal\n',
        't/en/body.txt.hbs': '{{greeting recipient}}\n\nA notice.\n',
        't/en/body.html.hbs': '<p>{{greeting recipient}}</p>',
      }),
    );
    expect(internal.warnings).toEqual([]);
  });
});

describe('structure rules', () => {
  it.each([
    [{ 't/en/body.txt.hbs': '{{greeting lead}}\n{{> nope}}\n{{> signature}}?' }, 'UNKNOWN_PARTIAL'],
    [{ 't/en/body.txt.hbs': '{{greeting lead}}\n{{#if lead.name}}\n{{> signature}}' }, 'SYNTAX'],
    [{ 't/en/subject.hbs': null }, 'MISSING_SUBJECT'],
    [{ 't/en/body.html.hbs': null }, 'MISSING_HTML_PART'],
    [{ 't/template.yaml': null }, 'MISSING_META'],
    [{ 't/template.yaml': 'kind: spam\n' }, 'INVALID_META'],
    [{ 't/template.yaml': 'kind: prospecting\ncolour: red\n' }, 'INVALID_META'],
    [{ 't/EN/subject.hbs': 'x' }, 'INVALID_NAME'],
    [{ 'Bad Name/template.yaml': 'kind: followup\n' }, 'INVALID_NAME'],
  ])('reports %o as %s', (changes, code) => {
    expect(problemCodes(loadError(changes))).toContain(code);
  });

  it('requires the default language', () => {
    const en = ['t/en/subject.hbs', 't/en/body.html.hbs', 't/en/body.txt.hbs'];
    const base = dirWith({});
    expect(base).toBeTruthy();
    const changes: Record<string, string | null> = Object.fromEntries(en.map((f) => [f, null]));
    changes['t/zh/subject.hbs'] = '给{{lead.company}}的LED面板\n';
    changes['t/zh/body.txt.hbs'] = '{{greeting lead}}\n\n需要目录吗？\n\n{{> signature}}\n';
    changes['t/zh/body.html.hbs'] = '<p>{{greeting lead}}</p><p>需要目录吗？</p>{{> signature}}';
    expect(problemCodes(loadError(changes))).toEqual(['MISSING_DEFAULT_LANGUAGE']);
  });

  it('lists every problem of every template in one error', () => {
    const err = loadError({
      't/en/body.txt.hbs': null,
      'u/template.yaml': 'kind: followup\n',
      'u/en/subject.hbs': 'URGENT!!\n',
      'u/en/body.html.hbs': '<p>x</p>',
      'u/en/body.txt.hbs': 'x',
    });
    expect(problemCodes(err).sort()).toEqual(
      [
        'MISSING_TEXT_PART',
        'MISSING_GREETING',
        'MISSING_GREETING',
        'MISSING_SIGNATURE',
        'MISSING_SIGNATURE',
      ].sort(),
    );
    expect(err.message.split('\n').length).toBe(6);
  });

  it('re-lints a loaded set against another sample', () => {
    const set = loadTemplates(dirWith({}));
    expect(lintTemplates(set, context())).toEqual([]);
    const lead = { ...(context() as { lead: object }).lead, company: 'ACME INTERNATIONAL TRADING' };
    expect(codes(lintTemplates(set, context({ lead })))).toEqual(['error:SUBJECT_ALL_CAPS']);
    const { lead: _l, ...noLead } = context() as Record<string, unknown>;
    expect(codes(lintTemplates(set, noLead))).toEqual(['error:MISSING_VARIABLE']);
  });
});
