/**
 * A process that uses an understand pool of one worker and prints what it understood. The
 * test runs it under each way trademail is started, and checks that it ends on its own: with
 * `close`, after closing the pool; with `idle`, with the pool left open and idle.
 */
import { createUnderstandPool } from '../../../src/ingest/workers/understand-pool.ts';
import { inquiryMessage } from '../../helpers/messages.ts';
import { poolContext } from './understand-pool-fixtures.ts';

const pool = createUnderstandPool({ size: 1 });
const outcomes = await pool.understand({
  context: poolContext,
  lookups: { ourMessageIds: [], sentThreads: [] },
  items: [0, 1, 2].map((i) => ({ raw: Buffer.from(inquiryMessage(i)), role: 'inquiries', now: new Date() })),
});
console.log(JSON.stringify(outcomes.map((o) => (o.ok ? o.message.understanding.kind : o.code))));
if (process.argv[2] === 'close') await pool.close();
