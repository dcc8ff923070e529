import { describe, expect, it } from 'vitest';
import { isTrademailError, TrademailError } from '../../../src/errors.ts';
import { compileSource, createEngine } from '../../../src/templates/engine.ts';
import { loadTemplates, renderTemplate } from '../../../src/templates/index.ts';
import { context, dirWith } from './fixtures.ts';

function thrown(fn: () => unknown): TrademailError {
  try {
    fn();
  } catch (err) {
    if (err instanceof TrademailError) return err;
    throw err;
  }
  throw new Error('expected an error');
}

describe('strict variables', () => {
  it('names the missing variable and the template when a plain value is absent', () => {
    const set = loadTemplates(dirWith({}));
    const lead = { ...(context() as { lead: Record<string, unknown> }).lead };
    delete lead['company'];
    const err = thrown(() => renderTemplate(set, 't', 'en', context({ lead })));
    expect(err.code).toBe('TEMPLATE_MISSING_VARIABLE');
    expect(err.message).toContain('lead.company');
    expect(err.message).toContain('t/en');
    expect(err.details).toMatchObject({ variable: 'lead.company', template: 't/en', part: 'subject' });
  });

  it('names a missing helper argument instead of rendering a blank', () => {
    const set = loadTemplates(dirWith({}));
    const { products: _dropped, ...rest } = context() as Record<string, unknown>;
    const err = thrown(() => renderTemplate(set, 't', 'en', rest));
    expect(err.code).toBe('TEMPLATE_MISSING_VARIABLE');
    expect(err.details).toMatchObject({ variable: 'products', part: 'html' });
  });

  it('treats a condition on a null value as false, and on an absent key as missing', () => {
    const dir = dirWith({
      't/en/body.txt.hbs':
        '{{greeting lead}}\n\n{{#if quote}}Ref {{quote.reference}}.{{/if}} Shall we?\n\n{{> signature}}\n',
    });
    const set = loadTemplates(dir);
    expect(renderTemplate(set, 't', 'en', context({ quote: null })).text).not.toContain('Ref');
    expect(renderTemplate(set, 't', 'en', context()).text).toContain('Ref Q-2025-0142.');
    const { quote: _q, ...noQuote } = context() as Record<string, unknown>;
    expect(thrown(() => renderTemplate(set, 't', 'en', noQuote)).details).toMatchObject({
      variable: 'quote',
    });
    const err = thrown(() => renderTemplate(set, 't', 'en', context({ quote: {} })));
    expect(err.code).toBe('TEMPLATE_MISSING_VARIABLE');
    expect(err.details).toMatchObject({ variable: 'quote.reference', part: 'text' });
  });

  it('reports a field read under a null object by name instead of crashing', () => {
    const dir = dirWith({
      't/en/body.txt.hbs':
        '{{greeting lead}}\n\n{{#if quote.incoterm}}{{quote.incoterm}}{{/if}} Shall we?\n\n{{> signature}}\n',
    });
    const set = loadTemplates(dir);
    const err = thrown(() => renderTemplate(set, 't', 'en', context({ quote: null })));
    expect(err.code).toBe('TEMPLATE_MISSING_VARIABLE');
    expect(err.message).toContain('{{quote.incoterm}}');
    expect(err.message).toContain('quote is null');
  });

  it('rejects at load a template that uses a variable outside the documented data', () => {
    const err = thrown(() => loadTemplates(dirWith({ 't/en/subject.hbs': 'Hi {{lead.nickname}}\n' })));
    expect(err.code).toBe('TEMPLATE_INVALID');
    expect(err.message).toContain('MISSING_VARIABLE');
    expect(err.message).toContain('lead.nickname');
  });
});

describe('escaping', () => {
  const payload = '<script>alert("x")</script>';

  it('escapes values from mail in the HTML part and leaves the text part readable', () => {
    const set = loadTemplates(dirWith({}));
    const lead = {
      ...(context() as { lead: Record<string, unknown> }).lead,
      name: payload,
      salutation: null,
    };
    expect(renderTemplate(loadTemplates(dirWith({})), 't', 'en', context({ lead })).text).toContain(
      `Dear ${payload},`,
    );
    const mail = renderTemplate(set, 't', 'en', context({ lead, products: ['<b>panel</b> & "tube"'] }));
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('Dear &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;,');
    expect(mail.html).toContain('&lt;b&gt;panel&lt;/b&gt; &amp; &quot;tube&quot;');
    expect(mail.text).toContain('<b>panel</b> & "tube"');
  });

  it('refuses unescaped output in the HTML part, where it would print mail text as markup', () => {
    const err = thrown(() =>
      loadTemplates(
        dirWith({ 't/en/body.html.hbs': '<p>{{greeting lead}}</p><p>{{{lead.name}}}?</p>{{> signature}}' }),
      ),
    );
    expect(err.code).toBe('TEMPLATE_INVALID');
    expect(err.message).toContain('UNESCAPED_OUTPUT');
    expect(err.message).toContain('{{{lead.name}}}');
    const inPartial = thrown(() =>
      loadTemplates(dirWith({ '_partials/signature.html.hbs': '<p>{{& sender.name}}</p>' })),
    );
    expect(inPartial.message).toContain('UNESCAPED_OUTPUT');
    // Plain text has nothing to escape, so the same syntax is fine there.
    expect(() =>
      loadTemplates(
        dirWith({ 't/en/body.txt.hbs': '{{greeting lead}}\n\n{{{lead.name}}}?\n\n{{> signature}}\n' }),
      ),
    ).not.toThrow();
  });

  it('keeps a subject on one line whatever the data holds', () => {
    const set = loadTemplates(dirWith({}));
    const lead = {
      ...(context() as { lead: Record<string, unknown> }).lead,
      company: 'Acme\r\nBcc: x@evil.example',
    };
    const mail = renderTemplate(set, 't', 'en', context({ lead }));
    expect(mail.subject).toBe('LED panels for Acme Bcc: x@evil.example');
  });

  it('does not evaluate template syntax that arrives inside data', () => {
    const set = loadTemplates(dirWith({}));
    const mail = renderTemplate(
      set,
      't',
      'en',
      context({ products: ['{{constructor.constructor}}', '{{> signature}}'] }),
    );
    expect(mail.text).toContain('{{constructor.constructor}} and {{> signature}}');
  });
});

describe('prototype access and code', () => {
  it.each([
    '{{constructor.constructor}}',
    '{{lead.constructor.name}}',
    '{{lead.__proto__}}',
    '{{#with lead}}{{constructor}}{{/with}}',
  ])('refuses %s at load', (payload) => {
    const err = thrown(() =>
      loadTemplates(dirWith({ 't/en/body.txt.hbs': `{{greeting lead}} ${payload}?\n{{> signature}}\n` })),
    );
    expect(err.code).toBe('TEMPLATE_INVALID');
    expect(err.message).toContain('FORBIDDEN_PROPERTY');
  });

  it('yields nothing from the prototype even if the load check were bypassed', () => {
    const engine = createEngine();
    const data = { lang: 'en', locale: 'en-GB', timeZone: 'UTC', template: 'x/en' };
    for (const mode of ['html', 'text'] as const) {
      // Prototype access control is on: the inherited property resolves to nothing.
      const value = compileSource(engine, mode, 'x', '[{{lead.constructor}}]');
      expect(value.render({ lead: { name: 'a' } }, { data })).toBe('[]');
      const condition = compileSource(
        engine,
        mode,
        'x',
        '{{#with lead}}{{#if constructor}}leak{{/if}}{{/with}}',
      );
      expect(() => condition.render({ lead: { name: 'a' } }, { data })).toThrow(/not in the context/);
      const call = compileSource(engine, mode, 'x', '{{constructor.constructor "return process"}}');
      expect(() => call.render({}, { data })).toThrow();
    }
  });

  it('checks partials too', () => {
    const err = thrown(() =>
      loadTemplates(dirWith({ '_partials/signature.txt.hbs': '{{sender.constructor}}' })),
    );
    expect(err.message).toContain('FORBIDDEN_PROPERTY _partials');
  });

  it.each([
    ['{{log "x"}}', 'log'],
    ['{{lookup lead "name"}}', 'lookup'],
    ['{{#each products}}{{exec this}}{{/each}}', 'exec'],
  ])('refuses helpers outside the allowed set: %s', (source, helper) => {
    const err = thrown(() =>
      loadTemplates(dirWith({ 't/en/body.txt.hbs': `{{greeting lead}}\n${source}\n{{> signature}}\n` })),
    );
    expect(err.code).toBe('TEMPLATE_INVALID');
    expect(err.message).toContain(`UNKNOWN_HELPER`);
    expect(err.message).toContain(helper);
  });

  it('rejects helpers at compile time too, not only in lint', () => {
    const c = compileSource(createEngine(), 'text', 'x', '{{log "hi"}}');
    expect(() => c.render({})).toThrow(/unknown helper log/);
  });

  it('wraps Handlebars failures in typed errors', () => {
    const set = loadTemplates(
      dirWith({ 't/en/body.txt.hbs': '{{greeting lead}}\n{{formatDate lead.name}}?\n{{> signature}}\n' }),
      {
        sampleContext: context({ lead: { ...(context() as { lead: object }).lead, name: '2025-03-01' } }),
      },
    );
    const err = thrown(() => renderTemplate(set, 't', 'en', context()));
    expect(isTrademailError(err, 'TEMPLATE_RENDER_FAILED')).toBe(true);
    expect(err.message).toContain('not a date');
  });
});
