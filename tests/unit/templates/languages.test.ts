import { describe, expect, it } from 'vitest';
import { TrademailError } from '../../../src/errors.ts';
import { formatDate } from '../../../src/templates/format.ts';
import { usableName } from '../../../src/templates/greeting.ts';
import {
  formatList,
  greetingFor,
  loadTemplates,
  localeFor,
  normaliseLanguage,
  renderTemplate,
  selectLanguage,
  truncate,
} from '../../../src/templates/index.ts';
import { context, dirWith } from './fixtures.ts';

describe('selectLanguage', () => {
  const available = ['en', 'es', 'zh'];

  it.each([
    [{ language: 'es', country: 'US' }, 'es'],
    [{ language: 'zh-Hans', country: null }, 'zh'],
    [{ language: 'ES', country: null }, 'es'],
    [{ language: 'spa', country: null }, 'es'],
    [{ language: 'cmn', country: 'SG' }, 'zh'],
    [{ language: null, country: 'MX' }, 'es'],
    [{ language: null, country: 'tw' }, 'zh'],
    [{ language: 'de', country: 'AT' }, 'en'],
    [{ language: 'fr', country: 'AR' }, 'es'],
    [{ language: null, country: 'DE' }, 'en'],
    [{ language: null, country: null }, 'en'],
    [{ language: 'not a language', country: 'ZZ' }, 'en'],
  ])('%o -> %s', (lead, expected) => {
    expect(selectLanguage(lead, available)).toBe(expected);
  });

  it('uses the country language when it exists for the template', () => {
    expect(selectLanguage({ language: null, country: 'BR' }, ['en', 'pt'])).toBe('pt');
    expect(selectLanguage({ language: null, country: 'CH' }, ['de', 'en', 'fr'])).toBe('de');
  });

  it('falls back to the first language when even English is missing, and refuses an empty list', () => {
    expect(selectLanguage({ language: 'ru', country: null }, ['zh', 'es'])).toBe('es');
    expect(() => selectLanguage({ language: 'en', country: null }, [])).toThrow(TrademailError);
  });

  it('normalises codes from detectors and headers', () => {
    expect(normaliseLanguage('pt_BR')).toBe('pt');
    expect(normaliseLanguage('deu')).toBe('de');
    expect(normaliseLanguage('xyz')).toBeNull();
    expect(normaliseLanguage('')).toBeNull();
    expect(normaliseLanguage(null)).toBeNull();
  });
});

describe('greeting', () => {
  const formal = { name: 'John Smith', lastName: 'Smith', salutation: 'mr' as const };
  const formalMs = { name: 'Ana García', lastName: 'García', salutation: 'ms' as const };
  const named = { name: 'Sam Lee', lastName: null, salutation: null };

  it.each([
    ['en', 'Dear Mr. Smith,', 'Dear Ms. García,', 'Dear Sam Lee,', 'Hello,'],
    ['es', 'Estimado Sr. Smith:', 'Estimada Sra. García:', 'Hola, Sam Lee:', 'Buenos días:'],
    [
      'de',
      'Sehr geehrter Herr Smith,',
      'Sehr geehrte Frau García,',
      'Guten Tag Sam Lee,',
      'Sehr geehrte Damen und Herren,',
    ],
    ['fr', 'Bonjour Monsieur Smith,', 'Bonjour Madame García,', 'Bonjour Sam Lee,', 'Bonjour,'],
    ['pt', 'Prezado Sr. Smith,', 'Prezada Sra. García,', 'Olá, Sam Lee,', 'Olá,'],
    [
      'ru',
      'Уважаемый господин Smith!',
      'Уважаемая госпожа García!',
      'Здравствуйте, Sam Lee!',
      'Здравствуйте!',
    ],
    ['zh', '尊敬的Smith先生：', '尊敬的García女士：', 'Sam Lee，您好：', '您好：'],
    ['it', 'Gentile Sig. Smith,', 'Gentile Sig.ra García,', 'Buongiorno Sam Lee,', 'Buongiorno,'],
  ])('%s', (lang, mr, ms, byName, nobody) => {
    expect(greetingFor(formal, lang)).toBe(mr);
    expect(greetingFor(formalMs, lang)).toBe(ms);
    expect(greetingFor(named, lang)).toBe(byName);
    expect(greetingFor({ name: null, lastName: null, salutation: null }, lang)).toBe(nobody);
    expect(greetingFor(null, lang)).toBe(nobody);
  });

  it('uses English rules for a language it has none for', () => {
    expect(greetingFor(formal, 'sw')).toBe('Dear Mr. Smith,');
  });

  it('never greets an address or a role as if it were a name', () => {
    for (const bad of ['sales@acme.example', 'Sales', 'PURCHASING DEPT', 'info', 'Buyer 123', '---', '   ']) {
      expect(usableName(bad)).toBeNull();
      expect(greetingFor({ name: bad, lastName: null, salutation: 'mr' }, 'en')).toBe('Hello,');
    }
    expect(usableName('  Jean-Luc   Picard ')).toBe('Jean-Luc Picard');
    expect(usableName('王伟')).toBe('王伟');
  });

  it('does not use Mr./Ms. without a last name', () => {
    expect(greetingFor({ name: 'Madonna', lastName: null, salutation: 'ms' }, 'en')).toBe('Dear Madonna,');
  });
});

describe('lists, dates and truncation', () => {
  it.each([
    ['en-GB', 'LED panels, tubes and spots'],
    ['en-US', 'LED panels, tubes, and spots'],
    ['es-ES', 'LED panels, tubes y spots'],
    ['de-DE', 'LED panels, tubes und spots'],
    ['fr-FR', 'LED panels, tubes et spots'],
    ['pt-BR', 'LED panels, tubes e spots'],
    ['ru-RU', 'LED panels, tubes и spots'],
    ['zh-CN', 'LED panels、tubes和spots'],
  ])('lists in %s', (locale, expected) => {
    expect(formatList(['LED panels', 'tubes', 'spots'], locale)).toBe(expected);
  });

  it('picks British English by default and regional forms where the country has its own', () => {
    expect(localeFor('en', null)).toBe('en-GB');
    expect(localeFor('en', 'US')).toBe('en-US');
    expect(localeFor('en', 'DE')).toBe('en-GB');
    expect(localeFor('pt', 'PT')).toBe('pt-PT');
    expect(localeFor('zh', 'TW')).toBe('zh-TW');
    expect(localeFor('ja', 'JP')).toBe('ja');
  });

  it("shows the calendar day of the buyer's own time zone", () => {
    const instant = new Date('2025-03-04T02:00:00Z');
    expect(formatDate(instant, 'date', 'en-US', 'America/Los_Angeles')).toBe('March 3, 2025');
    expect(formatDate(instant, 'date', 'en-GB', 'Asia/Shanghai')).toBe('4 March 2025');
    expect(formatDate(instant, 'date', 'de-DE', 'Europe/Berlin')).toBe('4. März 2025');
    expect(formatDate(instant, 'date', 'zh-CN', 'Asia/Shanghai')).toBe('2025年3月4日');
    expect(formatDate(instant, 'date', 'es-ES', 'Europe/Madrid')).toBe('4 de marzo de 2025');
    const withTime = formatDate(instant, 'datetime', 'en-US', 'America/Chicago');
    expect(withTime).toContain('March 3, 2025');
    expect(withTime).toContain('8:00 PM');
    expect(withTime).toContain('CST');
  });

  it("formats template dates in the lead's zone, else its country's zone", () => {
    const set = loadTemplates(
      dirWith({
        't/en/body.txt.hbs':
          '{{greeting lead}}\n\nQuoted {{formatDate quote.sentAt "datetime"}}. OK?\n\n{{> signature}}\n',
      }),
    );
    const quote = {
      reference: 'Q1',
      sentAt: new Date('2025-03-04T09:30:00Z'),
      incoterm: null,
      validUntil: null,
    };
    const base = (context() as { lead: object }).lead;
    const chicago = renderTemplate(
      set,
      't',
      'en',
      context({ quote, lead: { ...base, country: 'US', timeZone: 'America/Chicago' } }),
    );
    expect(chicago.text).toMatch(/March 4, 2025 at 3:30 AM CST/);
    const byCountry = renderTemplate(
      set,
      't',
      'en',
      context({ quote, lead: { ...base, country: 'AU', timeZone: null } }),
    );
    // An Australian buyer reads Australian English: 12-hour clock, local zone name, Sydney time.
    expect(byCountry.text).toMatch(/4 March 2025 at 8:30 pm AEDT/);
    const forced = renderTemplate(set, 't', 'en', context({ quote }), { timeZone: 'Asia/Tokyo' });
    expect(forced.text).toMatch(/4 March 2025 at 18:30 GMT\+9/);
  });

  it('truncates at a word with an ellipsis and counts characters, not bytes', () => {
    expect(truncate('Acme Imports Ltd', 16)).toBe('Acme Imports Ltd');
    expect(truncate('The Very Long Company Name Trading', 16)).toBe('The Very Long…');
    expect([...truncate('The Very Long Company Name Trading', 16)].length).toBeLessThanOrEqual(16);
    expect(truncate('Supercalifragilistic', 10)).toBe('Supercali…');
    expect(truncate('宁波光明照明科技有限公司', 6)).toBe('宁波光明照…');
  });

  it('uses the fallback for an empty list, and fails without one', () => {
    const withFallback = loadTemplates(
      dirWith({
        't/en/subject.hbs': '{{list products max=1 fallback=sender.productLine}} news\n',
        't/en/body.txt.hbs':
          '{{greeting lead}}\n\nAbout {{list products fallback="our range"}}?\n\n{{> signature}}\n',
        't/en/body.html.hbs':
          '<p>{{greeting lead}}</p><p>About {{list products fallback="our range"}}?</p>{{> signature}}',
      }),
    );
    expect(renderTemplate(withFallback, 't', 'en', context({ products: ['a', 'b'] })).subject).toBe('a news');
    const empty = renderTemplate(withFallback, 't', 'en', context({ products: [] }));
    expect(empty.subject).toBe('LED lighting news');
    expect(empty.text).toContain('About our range?');
    const strict = loadTemplates(dirWith({}));
    expect(() => renderTemplate(strict, 't', 'en', context({ products: [] }))).toThrow(/list is empty/);
  });
});
