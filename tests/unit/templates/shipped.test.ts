import { beforeAll, describe, expect, it } from 'vitest';
import type { TemplateSet } from '../../../src/templates/index.ts';
import {
  lintTemplates,
  loadTemplates,
  renderTemplate,
  SAMPLE_CONTEXT,
  SUBJECT_MAX_CHARS,
  templateLanguages,
} from '../../../src/templates/index.ts';
import { context, SHIPPED_TEMPLATES } from './fixtures.ts';

const BUYER_TEMPLATES = [
  'prospecting-first',
  'prospecting-followup-1',
  'prospecting-followup-2',
  'prospecting-followup-3',
  'prospecting-final',
  'quotation-followup-1',
  'quotation-followup-2',
  'quotation-followup-3',
  'quotation-final',
  'trade-show-thanks',
  'trade-show-followup-1',
  'trade-show-followup-2',
  'wake-up',
  'wake-up-followup',
];
const INTERNAL_TEMPLATES = ['sla-reminder', 'sla-escalation'];
const REPORT_TEMPLATES = ['weekly-report'];
const LANGS = ['en', 'es', 'zh'];
const COUNTRY: Record<string, string> = { en: 'US', es: 'MX', zh: 'CN' };

let set: TemplateSet;
beforeAll(() => {
  set = loadTemplates(SHIPPED_TEMPLATES);
});

const baseLead = SAMPLE_CONTEXT.lead;
const LONG = 'Internationale Beleuchtungs- und Elektrotechnik Handelsgesellschaft mbH';

/** Sample leads from the friendliest to the hardest data. */
function leads(lang: string) {
  return {
    sample: context(),
    'no name, no company, no products': context({
      lead: {
        ...baseLead,
        name: null,
        lastName: null,
        salutation: null,
        company: null,
        language: lang,
        country: COUNTRY[lang],
      },
      products: [],
      original: null,
    }),
    'very long names': context({
      lead: { ...baseLead, company: LONG, language: lang, country: COUNTRY[lang], timeZone: null },
      products: ['Explosion-proof LED high bay light fixture 200W with DALI dimming', 'LED tube'],
      show: { ...SAMPLE_CONTEXT.show, name: 'Light + Building Frankfurt International Trade Fair' },
      quote: { ...SAMPLE_CONTEXT.quote, reference: 'QUOTATION-2025-000000142-REV3' },
      sla: { ...SAMPLE_CONTEXT.sla, buyer: { ...SAMPLE_CONTEXT.sla.buyer, company: LONG } },
    }),
  };
}

function assertClean(output: string) {
  expect(output).not.toMatch(/undefined|\[object Object\]|\{\{|NaN|Invalid Date/);
  expect(output).not.toMatch(/\bnull\b/);
}

describe('shipped templates', () => {
  it('load without warnings, with every default template in English, Spanish and Chinese', () => {
    expect(set.warnings).toEqual([]);
    expect([...set.templates.keys()].sort()).toEqual(
      [...BUYER_TEMPLATES, ...INTERNAL_TEMPLATES, ...REPORT_TEMPLATES].sort(),
    );
    for (const name of set.templates.keys()) expect(templateLanguages(set, name)).toEqual(LANGS);
    expect(set.templates.get('prospecting-first')?.meta.kind).toBe('prospecting');
    expect(set.templates.get('quotation-followup-1')?.meta.kind).toBe('followup');
    expect(set.templates.get('sla-escalation')?.meta.kind).toBe('internal');
  });

  it('pass lint against the sample data', () => {
    expect(lintTemplates(set, SAMPLE_CONTEXT)).toEqual([]);
  });

  for (const name of BUYER_TEMPLATES) {
    for (const lang of LANGS) {
      it(`${name}/${lang} renders short, clean and compliant for every sample lead`, () => {
        for (const [label, ctx] of Object.entries(leads(lang))) {
          const mail = renderTemplate(set, name, lang, ctx);
          expect(mail.warnings, label).toEqual([]);
          expect([...mail.subject].length, `${label}: ${mail.subject}`).toBeLessThanOrEqual(
            SUBJECT_MAX_CHARS,
          );
          assertClean(mail.subject + mail.text + mail.html);
          expect(mail.html).toContain(`<html lang="${lang}">`);
          expect(mail.text).toContain('lily@bright-lighting.example');
          const kind = set.templates.get(name)?.meta.kind;
          expect(Object.keys(mail.headers).length > 0, label).toBe(kind === 'prospecting');
        }
      });
    }
  }

  for (const name of INTERNAL_TEMPLATES) {
    for (const lang of LANGS) {
      it(`${name}/${lang} tells the salesperson the buyer, products, deadline and reasons`, () => {
        for (const [label, ctx] of Object.entries(leads(lang))) {
          const mail = renderTemplate(set, name, lang, ctx);
          expect(mail.warnings, label).toEqual([]);
          expect([...mail.subject].length, mail.subject).toBeLessThanOrEqual(SUBJECT_MAX_CHARS);
          assertClean(mail.subject + mail.text + mail.html);
          expect(mail.text).toContain('john.smith@acme-imports.example');
          expect(mail.text).toContain('LED panel lights');
          expect(mail.text).toContain('asked for samples');
          // The deadline, 10:15 UTC, in the salesperson's zone (Shanghai).
          expect(mail.text).toMatch(/18:15|6:15/);
          expect(mail.headers).toEqual({});
        }
      });
    }
  }

  for (const lang of LANGS) {
    it(`weekly-report/${lang} renders the sample report cleanly`, () => {
      const mail = renderTemplate(set, 'weekly-report', lang, context());
      expect(mail.warnings).toEqual([]);
      assertClean(mail.subject + mail.text + mail.html);
      expect(mail.text).toContain('john.smith@acme-imports.example');
      expect(mail.html).toContain('<td>Acme Imports Ltd</td>');
    });
  }

  it('greets by name with the right form per language, and neutrally without one', () => {
    const anonymous = leads('en')['no name, no company, no products'];
    expect(renderTemplate(set, 'prospecting-first', 'en', context()).text).toMatch(/^Dear Mr\. Smith,\n/);
    expect(renderTemplate(set, 'prospecting-first', 'es', context()).text).toMatch(/^Estimado Sr\. Smith:\n/);
    expect(renderTemplate(set, 'prospecting-first', 'zh', context()).text).toMatch(/^尊敬的Smith先生：\n/);
    expect(renderTemplate(set, 'prospecting-first', 'en', anonymous).text).toMatch(/^Hello,\n/);
  });

  it('follows the cadence content: received?, new value, other specs, last follow-up', () => {
    const text = (name: string) => renderTemplate(set, name, 'en', context()).text;
    expect(text('prospecting-followup-1')).toMatch(/reach/);
    expect(text('prospecting-followup-2')).toMatch(/inspect/);
    expect(text('prospecting-followup-3')).toMatch(/Which specification/);
    expect(text('prospecting-final')).toMatch(/last follow-up/);
    expect(text('quotation-followup-1')).toContain('Q-2025-0142');
    expect(text('trade-show-thanks')).toContain('Canton Fair');
  });

  it("quotes the buyer's original message under a quotation follow-up", () => {
    const mail = renderTemplate(set, 'quotation-followup-1', 'en', context());
    expect(mail.text).toContain(
      '> Please quote 2,000 pcs LED panel 600x600, 40W, CE.\n> Delivery to Felixstowe.',
    );
    expect(mail.html).toContain(
      'Please quote 2,000 pcs LED panel 600x600, 40W, CE.<br>\nDelivery to Felixstowe.',
    );
  });

  it('ends buyer mail with an unsubscribe note only when it is prospecting', () => {
    expect(renderTemplate(set, 'prospecting-first', 'en', context()).text).toContain(
      'https://bright-lighting.example/unsubscribe/3f9a2c',
    );
    expect(renderTemplate(set, 'quotation-followup-1', 'en', context()).text).not.toContain('unsubscribe');
  });
});
