/**
 * Amazon SES notifications forwarded by mail (SNS topic subscriptions): a JSON document,
 * sometimes wrapped as an escaped string inside the SNS envelope, with notificationType
 * Bounce, Complaint or Delivery. Read with patterns because the mailed JSON is often
 * truncated and cannot be parsed whole.
 */
import { normaliseAddress } from './addresses.ts';
import type { DeliveryReport } from './types.ts';

export type SesNotification = DeliveryReport | { kind: 'complaint' };

function field(entry: string, name: string): string | null {
  return new RegExp(`"${name}"\\s*:\\s*"([^"]*)"`).exec(entry)?.[1] ?? null;
}

function recipientEntries(json: string, arrayName: string): string[] {
  const start = json.indexOf(`"${arrayName}"`);
  if (start < 0) return [];
  const open = json.indexOf('[', start);
  const close = json.indexOf(']', open);
  const list = json.slice(open + 1, close < 0 ? undefined : close);
  return list.match(/\{[^{}]*\}|"[^"]+@[^"]+"/g) ?? [];
}

export function readSesNotification(text: string): SesNotification | null {
  const json = text.replace(/\\"/g, '"');
  const type = /"notificationType"\s*:\s*"(Bounce|Complaint|Delivery)"/.exec(json)?.[1];
  if (!type) return null;
  if (type === 'Complaint') return { kind: 'complaint' };
  if (type === 'Delivery') {
    const recipients = recipientEntries(json, 'recipients').flatMap((e) => {
      const recipient = normaliseAddress(e);
      return recipient
        ? [{ recipient, originalRecipient: null, permanent: false, status: null, diagnostic: null }]
        : [];
    });
    return { kind: 'success', recipients };
  }
  const permanentType = field(json, 'bounceType') !== 'Transient';
  const recipients = recipientEntries(json, 'bouncedRecipients').flatMap((e) => {
    const recipient = normaliseAddress(field(e, 'emailAddress') ?? '');
    if (!recipient) return [];
    const status = field(e, 'status');
    const permanent = status ? status.startsWith('5') : permanentType;
    return [
      { recipient, originalRecipient: null, permanent, status, diagnostic: field(e, 'diagnosticCode') },
    ];
  });
  return { kind: 'bounce', recipients };
}
