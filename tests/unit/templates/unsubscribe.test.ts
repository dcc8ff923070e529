import { describe, expect, it } from 'vitest';
import { TrademailError } from '../../../src/errors.ts';
import { buildListUnsubscribeHeaders, loadTemplates, renderTemplate } from '../../../src/templates/index.ts';
import { context, dirWith } from './fixtures.ts';

describe('List-Unsubscribe headers', () => {
  it('offers mailto and HTTPS one-click (RFC 2369, RFC 8058)', () => {
    const h = buildListUnsubscribeHeaders({
      mailto: 'unsubscribe@acme.example',
      url: 'https://acme.example/u/abc123',
    });
    expect(h).toEqual({
      'List-Unsubscribe':
        '<mailto:unsubscribe@acme.example?subject=unsubscribe>, <https://acme.example/u/abc123>',
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    });
  });

  it('accepts a mailto: prefix and escapes characters that would end the URI early', () => {
    const h = buildListUnsubscribeHeaders({
      mailto: 'mailto:u@acme.example',
      url: 'https://acme.example/u?t=a,b',
    });
    expect(h['List-Unsubscribe']).toBe(
      '<mailto:u@acme.example?subject=unsubscribe>, <https://acme.example/u?t=a%2Cb>',
    );
  });

  it.each([
    [{ mailto: 'u@acme.example', url: 'http://acme.example/u/1' }, 'https'],
    [{ mailto: 'u@acme.example', url: 'not a url' }, 'not a URL'],
    [{ mailto: 'Unsubscribe <u@acme.example>', url: 'https://acme.example/u/1' }, 'plain email address'],
    [
      { mailto: 'u@acme.example>, <mailto:x@evil.example', url: 'https://acme.example/u/1' },
      'plain email address',
    ],
  ])('refuses %o', (target, why) => {
    expect(() => buildListUnsubscribeHeaders(target)).toThrow(TrademailError);
    expect(() => buildListUnsubscribeHeaders(target)).toThrow(why);
  });

  it('is added to prospecting mail and required there', () => {
    const set = loadTemplates(dirWith({}));
    const mail = renderTemplate(set, 't', 'en', context());
    expect(mail.headers['List-Unsubscribe']).toContain(
      '<https://bright-lighting.example/unsubscribe/3f9a2c>',
    );
    expect(mail.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    expect(() => renderTemplate(set, 't', 'en', context({ unsubscribe: null }))).toThrow(
      expect.objectContaining({ code: 'TEMPLATE_MISSING_VARIABLE' }),
    );
  });

  it('is not added to a conversation the buyer started', () => {
    const set = loadTemplates(dirWith({ 't/template.yaml': 'kind: followup\n' }));
    expect(renderTemplate(set, 't', 'en', context({ unsubscribe: null })).headers).toEqual({});
  });
});
