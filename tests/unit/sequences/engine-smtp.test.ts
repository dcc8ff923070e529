/** SMTP failure classification, backoff, and the exact bytes of a threaded follow-up. */
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import {
  backoffMs,
  classifySmtpFailure,
  composeMessage,
  DEFAULT_RETRY_POLICY,
  newMessageId,
  replyReferences,
  replySubject,
} from '../../../src/sequences/engine/index.ts';

const smtpErr = (fields: Record<string, unknown>) => Object.assign(new Error('smtp'), fields);

describe('classifySmtpFailure', () => {
  it('retries 4xx replies (RFC 5321 4.2.1) at any stage', () => {
    expect(
      classifySmtpFailure(smtpErr({ code: 'EENVELOPE', responseCode: 451, command: 'RCPT TO' })).kind,
    ).toBe('retry');
    expect(classifySmtpFailure(smtpErr({ code: 'EMESSAGE', responseCode: 452, command: 'DATA' })).kind).toBe(
      'retry',
    );
  });

  it('treats a 5xx at RCPT TO as a bounce and other 5xx as a rejection', () => {
    expect(
      classifySmtpFailure(smtpErr({ code: 'EENVELOPE', responseCode: 550, command: 'RCPT TO' })).kind,
    ).toBe('bounce');
    expect(classifySmtpFailure(smtpErr({ code: 'EMESSAGE', responseCode: 554, command: 'DATA' })).kind).toBe(
      'reject',
    );
  });

  it('retries failures that happen before the message is offered (no connection, login refused)', () => {
    const refused = classifySmtpFailure(smtpErr({ code: 'ESOCKET', syscall: 'connect', command: 'CONN' }));
    expect(refused).toMatchObject({ kind: 'retry', connectionLevel: true });
    expect(
      classifySmtpFailure(smtpErr({ code: 'EAUTH', responseCode: 535, command: 'AUTH PLAIN' })).kind,
    ).toBe('retry');
  });

  it('calls a broken connection without a reply code uncertain: the server may have accepted the mail', () => {
    expect(classifySmtpFailure(smtpErr({ code: 'ECONNECTION', command: 'CONN' })).kind).toBe('uncertain');
    expect(classifySmtpFailure(smtpErr({ code: 'ETIMEDOUT', command: 'CONN' })).kind).toBe('uncertain');
    expect(classifySmtpFailure(new Error('anything else')).kind).toBe('uncertain');
  });
});

describe('backoff', () => {
  it('doubles from the base and stops at the cap', () => {
    const p = { maxAttempts: 6, baseDelayMs: 1000, maxDelayMs: 5000 };
    expect([1, 2, 3, 4, 5].map((n) => backoffMs(p, n))).toEqual([1000, 2000, 4000, 5000, 5000]);
    expect(backoffMs(DEFAULT_RETRY_POLICY, 1)).toBe(DEFAULT_RETRY_POLICY.baseDelayMs);
  });
});

describe('threaded follow-up bytes', () => {
  it('carries In-Reply-To, References and "Re:" exactly once (RFC 5322 3.6.4)', async () => {
    const first = newMessageId('lily@bright.example');
    const second = newMessageId('lily@bright.example');
    expect(first).toMatch(/^<[0-9a-f-]{36}@bright\.example>$/);
    expect(second).not.toBe(first);
    const refs = replyReferences({ messageId: second, references: [first] });
    expect(refs).toEqual([first, second]);
    expect(replySubject('Re: LED panels')).toBe('Re: LED panels');
    const raw = await composeMessage({
      from: { name: 'Lily Wang', address: 'lily@bright.example' },
      to: { name: 'Hans Müller', address: 'hans@buyer.example' },
      subject: replySubject('LED panels for your shops'),
      text: 'Did you receive it?\n',
      html: '<p>Did you receive it?</p>',
      messageId: newMessageId('lily@bright.example'),
      inReplyTo: second,
      references: refs,
      date: new Date('2025-10-06T07:00:00Z'),
      headers: { 'List-Unsubscribe': '<mailto:u@bright.example?subject=unsubscribe>' },
    });
    const parsed = await simpleParser(raw);
    expect(parsed.subject).toBe('Re: LED panels for your shops');
    expect(parsed.inReplyTo).toBe(second);
    expect(parsed.references).toEqual([first, second]);
    expect(parsed.date?.toISOString()).toBe('2025-10-06T07:00:00.000Z');
    expect(raw.toString('latin1')).toMatch(
      /^List-Unsubscribe: <mailto:u@bright\.example\?subject=unsubscribe>\r$/m,
    );
    expect(parsed.to && 'text' in parsed.to ? parsed.to.text : '').toContain('hans@buyer.example');
  });
});
