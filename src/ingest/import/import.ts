/**
 * `trademail import`: mail history from files through the same pipeline as IMAP. Each
 * message's import key is its content hash, so importing a file again (or a copy of it under
 * another name) adds nothing.
 */
import { type RawItem, storeRawBatch } from '../../store/ingest/store-batch.ts';
import { BATCH_BYTES, closesBefore } from '../batches.ts';
import { Handoffs } from '../handoffs.ts';
import { addReport } from '../process-batch.ts';
import { batchProcessor, type ProcessDeps, type ProcessReport } from '../processor.ts';
import { compressRaw } from '../raw/compress.ts';
import { messageKey } from '../raw/message-key.ts';
import { importFiles, readMessages, totalBytes } from './sources.ts';

export interface ImportReport extends ProcessReport {
  files: number;
  read: number;
  created: number;
  alreadyImported: number;
  duplicates: number;
}

export async function importPath(
  deps: ProcessDeps,
  path: string,
  /**
   * After each batch: messages read so far, and bytes of the files read so far of all of
   * them (a terminal bar counts bytes: an mbox file holds no message count).
   */
  onProgress?: (messages: number, bytesRead: number, totalBytes: number) => void,
  limits: { batchSize?: number; batchBytes?: number } = {},
): Promise<ImportReport> {
  const { batchSize = 100, batchBytes: maxBytes = BATCH_BYTES } = limits;
  const files = importFiles(path);
  const total = totalBytes(files);
  let bytesRead = 0;
  const report: ImportReport = {
    files: files.length,
    read: 0,
    created: 0,
    alreadyImported: 0,
    duplicates: 0,
    processed: 0,
    quarantined: 0,
    alreadyProcessed: 0,
  };
  const processor = batchProcessor(deps);
  // Understanding a batch overlaps storing the one before; one batch in hand at most.
  const processing = new Handoffs(1);
  let batch: RawItem[] = [];
  let batchBytes = 0;
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    const stored = await storeRawBatch(deps.db, {}, batch, deps.now());
    batch = [];
    batchBytes = 0;
    report.created += stored.created.length;
    report.alreadyImported += stored.knownLocations;
    report.duplicates += stored.duplicates;
    await processing.add(processor.submit(stored.created).then((r) => addReport(report, r)));
  };
  try {
    for (const file of files) {
      for await (const raw of readMessages(file)) {
        // Cut as a folder's batches are (batches.ts): a large mail starts a batch of its own.
        if (closesBefore(batch.length, batchBytes, raw.length, batchSize, maxBytes)) {
          await flush();
          onProgress?.(report.read, Math.min(bytesRead, total), total);
        }
        const key = messageKey(raw);
        batch.push({
          key,
          compressed: compressRaw(raw),
          size: raw.length,
          importKey: `sha256:${key.sha256}`,
        });
        batchBytes += raw.length;
        bytesRead += raw.length;
        report.read++;
      }
    }
    await flush();
  } finally {
    // A batch in processing finishes (or fails) before the import returns or throws.
    await processing.settle();
  }
  await processing.finish();
  onProgress?.(report.read, total, total);
  return report;
}
