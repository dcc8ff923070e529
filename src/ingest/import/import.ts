/**
 * `trademail import`: mail history from files through the same pipeline as IMAP. Each
 * message's import key is its content hash, so importing a file again (or a copy of it under
 * another name) adds nothing.
 */
import { type RawItem, storeRawBatch } from '../../store/ingest/store-batch.ts';
import { type ProcessDeps, type ProcessReport, processPending } from '../processor.ts';
import { compressRaw } from '../raw/compress.ts';
import { messageKey } from '../raw/message-key.ts';
import { importFiles, readMessages } from './sources.ts';

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
  onProgress?: (read: number) => void,
  batchSize = 100,
): Promise<ImportReport> {
  const files = importFiles(path);
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
  let batch: RawItem[] = [];
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    const stored = await storeRawBatch(deps.db, {}, batch, deps.now());
    batch = [];
    report.created += stored.created.length;
    report.alreadyImported += stored.knownLocations;
    report.duplicates += stored.duplicates;
    if (stored.created.length > 0) {
      const r = await processPending(deps, { ids: stored.created });
      report.processed += r.processed;
      report.quarantined += r.quarantined;
      report.alreadyProcessed += r.alreadyProcessed;
    }
  };
  for (const file of files) {
    for await (const raw of readMessages(file)) {
      const key = messageKey(raw);
      batch.push({ key, compressed: compressRaw(raw), size: raw.length, importKey: `sha256:${key.sha256}` });
      report.read++;
      if (batch.length >= batchSize) {
        await flush();
        onProgress?.(report.read);
      }
    }
  }
  await flush();
  onProgress?.(report.read);
  return report;
}
