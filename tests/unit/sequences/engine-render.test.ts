/**
 * The engine's adapter to the templates module: the language follows the lead, prospecting mail
 * carries List-Unsubscribe (RFC 2369/8058), and a template problem surfaces as a typed error.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isTrademailError } from '../../../src/errors.ts';
import type { StepToRender } from '../../../src/sequences/engine/index.ts';
import { templateStepRenderer } from '../../../src/sequences/engine/index.ts';
import type { BuyerMailContext, TemplateSet } from '../../../src/templates/index.ts';
import { loadTemplates, SAMPLE_CONTEXT } from '../../../src/templates/index.ts';

let dir: string;
let set: TemplateSet;

function write(rel: string, text: string) {
  const file = path.join(dir, rel);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'tm-tpl-'));
  write('_partials/signature.txt.hbs', 'Best regards,\n{{sender.name}}\n{{sender.company}}\n');
  write('_partials/signature.html.hbs', '<p>Best regards,<br>{{sender.name}}<br>{{sender.company}}</p>');
  write('intro/template.yaml', 'kind: prospecting\n');
  for (const [lang, ask, subject] of [
    ['en', 'Would samples help?', 'Samples for {{lead.company}}'],
    ['de', 'Wären Muster hilfreich?', 'Muster für {{lead.company}}'],
  ] as const) {
    write(`intro/${lang}/subject.hbs`, subject);
    write(
      `intro/${lang}/body.txt.hbs`,
      `{{greeting lead}}\n\n{{sender.productLine}}.\n\n${ask}\n\n{{> signature}}\n`,
    );
    write(`intro/${lang}/body.html.hbs`, `<p>{{greeting lead}}</p><p>${ask}</p>{{> signature}}`);
  }
  set = loadTemplates(dir);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function step(country: string, language: string | null): StepToRender {
  return {
    enrollmentId: 1,
    sequenceName: 'prospecting',
    step: { position: 0, key: 'first', template: 'intro' },
    followUp: false,
    lead: {
      id: 1,
      email: 'hans@buyer.example',
      name: 'Hans Müller',
      country,
      timeZone: null,
      language,
      companyId: null,
      ownerId: null,
    },
    sender: { mailboxName: 'lily', address: 'lily@bright.example', name: 'Lily Wang' },
    now: new Date('2025-03-03T09:00:00Z'),
  };
}

const context = (input: StepToRender): BuyerMailContext => ({
  ...SAMPLE_CONTEXT,
  lead: {
    ...SAMPLE_CONTEXT.lead,
    name: input.lead.name,
    lastName: 'Müller',
    email: input.lead.email,
    company: 'Müller Licht GmbH',
    country: input.lead.country,
    language: input.lead.language,
  },
});

describe('templateStepRenderer', () => {
  it('renders in the lead country language with List-Unsubscribe headers', async () => {
    const render = templateStepRenderer(set, context);
    const de = await render(step('DE', null));
    expect(de.subject).toBe('Muster für Müller Licht GmbH');
    expect(de.text).toContain('Wären Muster hilfreich?');
    expect(de.headers['List-Unsubscribe']).toMatch(/^<mailto:[^>]+>, <https:\/\/[^>]+>$/);
    expect(de.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    const en = await render(step('GB', 'en'));
    expect(en.subject).toBe('Samples for Müller Licht GmbH');
  });

  it('refuses to render when the context lacks a variable the template uses', async () => {
    const render = templateStepRenderer(set, (input) => {
      const { company: _company, ...lead } = context(input).lead;
      return { ...context(input), lead };
    });
    const err = await Promise.resolve(render(step('GB', 'en'))).catch((e: unknown) => e);
    expect(isTrademailError(err, 'TEMPLATE_MISSING_VARIABLE')).toBe(true);
  });
});
