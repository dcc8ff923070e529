import { describe, expect, it } from 'vitest';
import { detectLanguage } from '../../../src/understand/extract/index.ts';
import { LANGUAGE_SAMPLES as SAMPLES } from './language.samples.ts';

describe('detectLanguage', () => {
  it.each(SAMPLES)('%s: %s', (lang, text) => {
    expect(detectLanguage(text)).toBe(lang);
  });

  it('returns null for text with too few letters to judge', () => {
    expect(detectLanguage('5000 pcs')).toBeNull();
    expect(detectLanguage('+86 138 0000 0000 / www.example.com')).toBeNull();
  });

  it('ignores URLs, addresses and numbers when judging', () => {
    expect(
      detectLanguage(
        'Bitte senden Sie uns Ihre Preisliste. https://www.example-shop.com/en/products?id=42 info@example.com',
      ),
    ).toBe('de');
  });
});
