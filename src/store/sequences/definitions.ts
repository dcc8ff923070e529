/**
 * Sequence definitions in the database. The YAML files are the source; `syncSequences` writes
 * them as Sequence rows (the whole definition as JSON, with a version that increases when it
 * changes) and SequenceStep rows (one per position), so enrollments can refer to them by id.
 */
import { TrademailError } from '../../errors.ts';
import type { SequenceDefinition } from '../../sequences/definitions/schema.ts';
import { delayRangeMinutes } from '../../sequences/timing/delay.ts';
import type { Db } from '../client.ts';
import type { DbOrTx } from './tx.ts';

export interface StoredSequence {
  id: number;
  name: string;
  version: number;
  definition: SequenceDefinition;
}

export interface SyncReport {
  created: string[];
  updated: string[];
  unchanged: string[];
}

/** The stored JSON: everything but the file path, so moving the folder is not a new version. */
function storedJson(def: SequenceDefinition): string {
  const { source: _source, ...rest } = def;
  return JSON.stringify(rest);
}

/** Writes the definitions; a changed definition gets version + 1 and its steps rewritten. */
export async function syncSequences(db: Db, definitions: readonly SequenceDefinition[]): Promise<SyncReport> {
  const report: SyncReport = { created: [], updated: [], unchanged: [] };
  for (const def of definitions) {
    const json = storedJson(def);
    await db.$transaction(async (tx) => {
      const existing = await tx.sequence.findUnique({ where: { name: def.name } });
      if (existing !== null && existing.definition === json) {
        report.unchanged.push(def.name);
        return;
      }
      const seq =
        existing === null
          ? await tx.sequence.create({ data: { name: def.name, definition: json } })
          : await tx.sequence.update({
              where: { id: existing.id },
              data: { definition: json, version: { increment: 1 } },
            });
      await tx.sequenceStep.deleteMany({
        where: { sequenceId: seq.id, position: { gte: def.steps.length } },
      });
      for (const [position, step] of def.steps.entries()) {
        const { min, max } = delayRangeMinutes(step.delay);
        const data = {
          stepKey: step.id,
          template: step.template,
          minDelayMinutes: min,
          maxDelayMinutes: max,
        };
        await tx.sequenceStep.upsert({
          where: { sequenceId_position: { sequenceId: seq.id, position } },
          create: { sequenceId: seq.id, position, ...data },
          update: data,
        });
      }
      (existing === null ? report.created : report.updated).push(def.name);
    });
  }
  return report;
}

function parseStored(row: { id: number; name: string; version: number; definition: string }): StoredSequence {
  let definition: SequenceDefinition;
  try {
    definition = {
      ...(JSON.parse(row.definition) as Omit<SequenceDefinition, 'source'>),
      source: `db:${row.name}`,
    };
  } catch (cause) {
    throw new TrademailError(
      'SEQUENCE_INVALID',
      `sequence "${row.name}" has unreadable JSON in the database`,
      {
        cause,
        details: { sequenceId: row.id },
      },
    );
  }
  return { id: row.id, name: row.name, version: row.version, definition };
}

export async function findSequenceByName(db: DbOrTx, name: string): Promise<StoredSequence> {
  const row = await db.sequence.findUnique({ where: { name } });
  if (row === null) {
    const known = (await db.sequence.findMany({ select: { name: true }, orderBy: { name: 'asc' } })).map(
      (s) => s.name,
    );
    throw new TrademailError(
      'NOT_FOUND',
      `sequence "${name}" is not in the database (known: ${known.join(', ') || 'none'}); load the sequences folder first`,
      { details: { sequence: name } },
    );
  }
  return parseStored(row);
}

/** Reads sequences by id, once each, for a batch of enrollments. */
export async function findSequencesById(
  db: DbOrTx,
  ids: Iterable<number>,
): Promise<Map<number, StoredSequence>> {
  const unique = [...new Set(ids)];
  const rows = unique.length === 0 ? [] : await db.sequence.findMany({ where: { id: { in: unique } } });
  return new Map(rows.map((r) => [r.id, parseStored(r)]));
}
