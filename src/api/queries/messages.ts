/**
 * One stored mail for reading: parsed again from the raw bytes (the store keeps the original,
 * not a rendering). The HTML body is passed on as received: it is untrusted content that a
 * client must render sandboxed, or not at all.
 */
import { decompressRaw } from '../../ingest/raw/compress.ts';
import { parseStage } from '../../ingest/stages/parse.ts';
import type { Db } from '../../store/client.ts';
import { type Actor, canSeeLead, notFound, seesAll } from '../access.ts';
import { parseJsonObject } from './json.ts';

export async function messageDetail(db: Db, actor: Actor, id: number) {
  const row = await db.message.findUnique({
    where: { id },
    include: { raw: true, lead: { select: { id: true, name: true, email: true, ownerId: true } } },
  });
  // Mail not tied to a lead (junk, bounces of unknown addresses) is for managers only.
  const visible = row !== null && (row.lead === null ? seesAll(actor) : canSeeLead(actor, row.lead));
  if (!visible) throw notFound('message', id);
  const mail = await parseStage(decompressRaw(row.raw.compressed));
  return {
    message: {
      id: row.id,
      leadId: row.leadId,
      lead: row.lead === null ? null : { id: row.lead.id, name: row.lead.name, email: row.lead.email },
      direction: row.direction,
      kind: row.kind,
      stage: row.stage,
      messageId: row.messageId,
      subject: mail.subject,
      sentAt: mail.date,
      from: mail.from,
      to: mail.to,
      cc: mail.cc,
      replyTo: mail.replyTo,
      text: mail.text,
      html: mail.html,
      attachments: mail.attachments.map((a) => ({
        filename: a.filename,
        contentType: a.contentType,
        size: a.size,
      })),
      understanding: parseJsonObject(row.understanding),
    },
  };
}
