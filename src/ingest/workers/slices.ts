/**
 * Cutting a batch for the workers: contiguous slices (outcomes join back in order), and the
 * raw bytes of a slice packed into one buffer that is transferred instead of cloned.
 */
import type { UnderstandItem } from './understand-batch.ts';

/** `parts` contiguous slices of nearly equal length, in order. */
export function split<T>(items: T[], parts: number): T[][] {
  const out: T[][] = [];
  let start = 0;
  for (let p = 0; p < parts; p++) {
    const end = start + Math.floor(items.length / parts) + (p < items.length % parts ? 1 : 0);
    out.push(items.slice(start, end));
    start = end;
  }
  return out;
}

/**
 * Copies the raws into one buffer of our own that is transferred, not cloned: the caller's
 * buffers stay usable (a transferred buffer is detached in the sender, and a Buffer may be a
 * slice of Node's shared pool), and the bytes are copied once instead of twice.
 */
export function pack(items: UnderstandItem[]): { packed: UnderstandItem[]; buffer: ArrayBuffer } {
  const buffer = new ArrayBuffer(items.reduce((n, item) => n + item.raw.byteLength, 0));
  let offset = 0;
  const packed = items.map((item) => {
    const raw = new Uint8Array(buffer, offset, item.raw.byteLength);
    raw.set(item.raw);
    offset += item.raw.byteLength;
    return { ...item, raw };
  });
  return { packed, buffer };
}
