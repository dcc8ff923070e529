import { describe, expect, it } from 'vitest';
import {
  parseInlineForward,
  parseMailboxList,
  readInlineForward,
  stripForwardPrefix,
  subjectKind,
} from '../../../src/understand/forward/index.ts';
import { FORWARD_SAMPLES } from './forward.samples.ts';

describe('readInlineForward: client formats', () => {
  it.each(FORWARD_SAMPLES.map((s) => [s.name, s] as const))('%s', (_name, sample) => {
    const found = readInlineForward(sample.text, sample.subject);
    expect(found).not.toBeNull();
    expect({ ...found!.original, note: found!.note }).toEqual(sample.expect);
  });
});

describe('readInlineForward: what is not a forward', () => {
  const outlookZh = `好的，明天发货。

发件人: John Smith <john@buyer.com>
发送时间: 2024年1月5日 10:30
收件人: sales@factory.cn
主题: Inquiry

Please ship tomorrow.`;

  it('a reply subject vetoes a header block that looks like a forward', () => {
    expect(readInlineForward(outlookZh, '回复: Inquiry')).toBeNull();
    expect(readInlineForward(outlookZh, 'RE: Inquiry')).toBeNull();
  });

  it('an unlabelled Chinese header block counts only under a forward subject', () => {
    expect(readInlineForward(outlookZh, 'Inquiry')).toBeNull();
    expect(readInlineForward(outlookZh)).toBeNull();
    expect(readInlineForward(outlookZh, '转发: Inquiry')?.original.from).toEqual({
      address: 'john@buyer.com',
      name: 'John Smith',
    });
  });

  it('a Foxmail 原始邮件 block under a reply subject is quoted history, not a forward', () => {
    const reply = `同意\n\n------------------ 原始邮件 ------------------\n发件人: "Ann"<ann@x.com>;\n主题: price\n\nhi`;
    expect(readInlineForward(reply, '回复：price')).toBeNull();
    expect(readInlineForward(reply, 'price')?.original.from).toEqual({ address: 'ann@x.com', name: 'Ann' });
  });

  it('plain mail and a separator without a header block are not forwards', () => {
    expect(readInlineForward('Dear Sir,\nWe need 500 pcs.\n\nJohn', 'Inquiry')).toBeNull();
    expect(
      readInlineForward('------------------ 原始邮件 ------------------\n\nno header here', 'Fw: x'),
    ).toBeNull();
  });
});

describe('readInlineForward: nesting and fallbacks', () => {
  it('returns the outermost forward and keeps the nested one in its body', () => {
    const text = `转给你

------------------ 原始邮件 ------------------
发件人: "Li Lei"<lilei@factory.cn>;
发送时间: 2024年1月6日(星期六) 上午9:00
主题: Fwd: Inquiry

---------- Forwarded message ---------
From: John Smith <john@buyer.com>
Date: Fri, Jan 5, 2024 at 10:30 AM
Subject: Inquiry
To: <lilei@factory.cn>

Dear Sir`;
    const found = readInlineForward(text, 'Fw: Fwd: Inquiry');
    expect(found?.original.from).toEqual({ address: 'lilei@factory.cn', name: 'Li Lei' });
    expect(found?.original.body).toContain('Forwarded message');
    const inner = parseInlineForward(found!.original.body);
    expect(inner?.from).toEqual({ address: 'john@buyer.com', name: 'John Smith' });
    expect(inner?.body).toBe('Dear Sir');
  });

  it('takes the subject from the forwarding mail when the header block has none', () => {
    const text = `------------------ 原始邮件 ------------------\n发件人: "Ann"<ann@x.com>;\n发送时间: 2024年1月5日\n\nbody`;
    expect(parseInlineForward(text, '转发：Price list 2024')?.subject).toBe('Price list 2024');
  });

  it('reads a quoted ("> ") forward without its quote marks', () => {
    const text = `> -------- 转发邮件信息 --------\n> 发件人："Ann" <ann@x.com>\n> 主题：Price\n>\n> hello\n> world`;
    const found = parseInlineForward(text, 'Fwd: Price');
    expect(found?.from).toEqual({ address: 'ann@x.com', name: 'Ann' });
    expect(found?.body).toBe('hello\nworld');
  });

  it('returns the pure-text shape without `via`', () => {
    const found = parseInlineForward(FORWARD_SAMPLES[0]!.text, FORWARD_SAMPLES[0]!.subject);
    expect(found).not.toBeNull();
    expect(Object.keys(found!).sort()).toEqual(['body', 'cc', 'date', 'from', 'subject', 'to']);
  });
});

describe('subject prefixes', () => {
  it.each([
    ['Fwd: Inquiry', 'Inquiry'],
    ['FW: Inquiry', 'Inquiry'],
    ['Fw：Inquiry', 'Inquiry'],
    ['转发: Inquiry', 'Inquiry'],
    ['转发：Inquiry', 'Inquiry'],
    ['WG: Anfrage', 'Anfrage'],
    ['TR: Demande', 'Demande'],
    ['RV: Consulta', 'Consulta'],
    ['Fwd: FW: Inquiry', 'Inquiry'],
    ['Fwd: Re: Inquiry', 'Re: Inquiry'],
  ])('stripForwardPrefix(%j) = %j', (subject, want) => {
    expect(stripForwardPrefix(subject)).toBe(want);
    expect(subjectKind(subject)).toBe('forward');
  });

  it('tells replies and plain subjects apart', () => {
    expect(subjectKind('Re: Fwd: Inquiry')).toBe('reply');
    expect(subjectKind('回复：Inquiry')).toBe('reply');
    expect(subjectKind('AW: Anfrage')).toBe('reply');
    expect(subjectKind('Inquiry for LED panels')).toBe('plain');
    expect(subjectKind('Fwdx: not a prefix')).toBe('plain');
  });
});

describe('parseMailboxList', () => {
  it('reads the notations clients print', () => {
    expect(parseMailboxList('"Ann Lee"<Ann@X.com>;"Bob"<bob@x.com>;')).toEqual([
      { address: 'ann@x.com', name: 'Ann Lee' },
      { address: 'bob@x.com', name: 'Bob' },
    ]);
    expect(parseMailboxList('Ann Lee [mailto:ann@x.com]; bob@x.com')).toEqual([
      { address: 'ann@x.com', name: 'Ann Lee' },
      { address: 'bob@x.com', name: '' },
    ]);
    expect(parseMailboxList('Ann <ann@x.com<mailto:ann@x.com>>')).toEqual([
      { address: 'ann@x.com', name: 'Ann' },
    ]);
    expect(parseMailboxList('ann@x.com (Ann Lee)')).toEqual([{ address: 'ann@x.com', name: 'Ann Lee' }]);
    expect(parseMailboxList('王芳')).toEqual([{ address: '', name: '王芳' }]);
  });

  it('keeps a comma inside an unquoted display name with its address', () => {
    expect(parseMailboxList('Doe, John <john@x.com>, Ann <ann@x.com>')).toEqual([
      { address: 'john@x.com', name: 'Doe, John' },
      { address: 'ann@x.com', name: 'Ann' },
    ]);
  });
});

describe('guards around the forward library (polynomial backtracking on long lines)', () => {
  const header = `---------- Forwarded message ---------
From: John Smith <john@buyer.com>
Date: Fri, Jan 5, 2024 at 10:30 AM
Subject: Inquiry
To: <sales@factory.cn>

`;

  it('returns long, delimiter-heavy body lines and lines past the first 300 whole', () => {
    const longLine = `Items: ${'LED panel 60x60, <40W>, "warm", '.repeat(200)}end`;
    const many = Array.from({ length: 400 }, (_, i) => `line ${i}`).join('\n');
    const found = parseInlineForward(`${header}${longLine}\n${many}`, 'Fwd: Inquiry');
    expect(found?.from).toEqual({ address: 'john@buyer.com', name: 'John Smith' });
    expect(found?.body.startsWith(longLine)).toBe(true);
    expect(found?.body.endsWith('line 399')).toBe(true);
  });

  it.each([
    ['one 6 KB line of ",<"', `Dne ${'a,<'.repeat(2000)}`],
    ['400 delimiter-heavy lines', `On ${'a,"<'.repeat(49)}\n`.repeat(400)],
    ['400 long lines', `Dne ${'a,<>'.repeat(5)}${'b'.repeat(1990)}\n`.repeat(400)],
  ])('stays fast on %s', (_name, text) => {
    const started = performance.now();
    readInlineForward(text, 'Fwd: x');
    expect(performance.now() - started).toBeLessThan(3000);
  });
});
