import { describe, expect, it } from 'vitest';
import { hasReplyPrefix, normaliseSubject } from '../../../src/understand/reply-match.ts';

describe('normaliseSubject', () => {
  it.each([
    ['Re: LED panel offer', 'led panel offer'],
    ['RE : LED panel offer', 'led panel offer'],
    ['回复: LED panel offer', 'led panel offer'],
    ['回复：LED面板灯报价', 'led面板灯报价'],
    ['答复: LED panel offer', 'led panel offer'],
    ['AW: AW: LED-Panel Angebot', 'led-panel angebot'],
    ['Antw: LED panel offer', 'led panel offer'],
    ['SV: LED panel offer', 'led panel offer'],
    ['RES: Amostras tubo LED', 'amostras tubo led'],
    ['R: Novità 2025', 'novità 2025'],
    ['YNT: LED tavan paneli', 'led tavan paneli'],
    ['Re[2]: Fwd: LED  panel   offer', 'led panel offer'],
    ['[EXTERNAL] RE: FW: LED panel offer', 'led panel offer'],
    ['转发: 回复: LED panel offer', 'led panel offer'],
    ['Relighting project', 'relighting project'],
  ])('%s -> %s', (subject, expected) => {
    expect(normaliseSubject(subject)).toBe(expected);
  });
});

describe('hasReplyPrefix', () => {
  it.each([
    ['Re: offer', true],
    ['RE : offer', true],
    ['回复：报价', true],
    ['AW: Angebot', true],
    ['[EXT] Re: offer', true],
    ['Fwd: offer', false],
    ['Request for quotation', false],
    ['Reorder 2025', false],
  ])('%s -> %s', (subject, expected) => {
    expect(hasReplyPrefix(subject)).toBe(expected);
  });
});
