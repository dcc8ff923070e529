/**
 * Extraction cost on a 5 KB export inquiry, against mailparser parsing the same mail (the
 * baseline every message pays anyway), in the same run.
 *
 *   node --import tsx bench/understand-extract.ts
 */
import { simpleParser } from 'mailparser';
import { extractBuyer, extractInquiry, gradeInquiry } from '../src/understand/extract/index.ts';
import { CATALOGUE, fiveKbMail } from '../tests/fixtures/understand/five-kb-mail.ts';

const body = fiveKbMail();
const raw = Buffer.from(
  `From: James <james@nairobilighting.co.ke>\r\nSubject: Inquiry\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${body.replace(/\n/g, '\r\n')}`,
);
const RUNS = 500;

async function measure(label: string, fn: () => unknown): Promise<number> {
  for (let i = 0; i < 50; i++) await fn();
  const cpu = process.cpuUsage();
  for (let i = 0; i < RUNS; i++) await fn();
  const used = process.cpuUsage(cpu);
  const ms = (used.user + used.system) / 1000 / RUNS;
  console.log(`${label}: ${ms.toFixed(3)} ms CPU per run (${RUNS} runs)`);
  return ms;
}

const parse = await measure('baseline: mailparser parse of the same mail', () => simpleParser(raw));
const extract = await measure('extractInquiry + extractBuyer + gradeInquiry', () => {
  const fields = extractInquiry(body, 'Inquiry: LED panel lights for Kenya', CATALOGUE);
  extractBuyer({ email: 'james@nairobilighting.co.ke', displayName: 'James Mwangi', body, signature: null });
  return gradeInquiry(fields);
});
console.log(`ratio extraction/parse: ${(extract / parse).toFixed(2)}`);
