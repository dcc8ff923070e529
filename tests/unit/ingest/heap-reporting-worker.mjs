// A stand-in understand worker that, for each batch, allocates as a batch of mail does (many
// objects that survive a collection or two) and answers with the size of its young generation
// in the one outcome's message.

import { getHeapSpaceStatistics } from 'node:v8';
import { parentPort } from 'node:worker_threads';

parentPort.on('message', ({ id }) => {
  let kept = [];
  for (let i = 0; i < 3_000_000; i++) {
    kept.push({ i, parts: [i] });
    if (kept.length > 200_000) kept = [];
  }
  const young = getHeapSpaceStatistics().find((space) => space.space_name === 'new_space');
  const message = String(young.space_size);
  parentPort.postMessage({ id, outcomes: [{ ok: false, stage: 'parse', code: 'PARSE_FAILED', message }] });
});
