/**
 * The sequence and template commands as a salesperson's IT person uses them: lint, list, show,
 * enroll one lead and a trade-show CSV, refuse a second live enrollment, pause/resume/stop,
 * and preview a template with a lead's data.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseContactsCsv } from '../../src/cli/commands/sequences.ts';
import { runCli } from '../helpers/cli.ts';
import { testConfigDocument, writeTestConfig } from '../helpers/config.ts';
import { testDatabases } from '../helpers/db.ts';

describe('contacts CSV', () => {
  it('reads trade-show lists with or without a header, skipping rows without an address', () => {
    expect(
      parseContactsCsv('email,name,company,country\nA@Buyer.de,Anna,Buyer GmbH,de\n,,no address,\n'),
    ).toEqual([{ email: 'a@buyer.de', name: 'Anna', company: 'Buyer GmbH', country: 'DE' }]);
    expect(parseContactsCsv('x@y.ae;Omar\n')).toEqual([
      { email: 'x@y.ae', name: 'Omar', company: null, country: null },
    ]);
  });
});

describe.each(testDatabases())('sequence and template commands (%o)', (make) => {
  const database = make();
  let config: string;
  beforeAll(() => {
    config = writeTestConfig(testConfigDocument(null, [], database.url));
  });
  afterAll(async () => {
    await database.drop();
  });

  it('lints the shipped templates without errors', async () => {
    const r = await runCli(['--config', config, 'template', 'lint']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^\d+ templates, 0 errors, \d+ warnings$/m);
  });

  it('enrolls, lists, refuses a second live enrollment, pauses, resumes and stops', async () => {
    expect((await runCli(['--config', config, 'sequences', 'show', 'prospecting'])).stdout).toMatch(
      /^ {2}5\. .*: day 2\d(-2\d)?, template /m,
    );
    const one = await runCli([
      '--config',
      config,
      'enroll',
      '--sequence',
      'prospecting',
      '--lead',
      'max@lichtwerk.de',
    ]);
    expect(one.code).toBe(0);
    expect(one.stdout).toMatch(/^#1 max@lichtwerk\.de enrolled in prospecting, first step at \d{4}-/m);
    const twice = await runCli([
      '--config',
      config,
      'enroll',
      '--sequence',
      'prospecting',
      '--lead',
      'max@lichtwerk.de',
    ]);
    expect(twice.code).toBe(1);
    expect(twice.stderr).toMatch(/^trademail: .*already/im);

    const dir = mkdtempSync(join(tmpdir(), 'tm-csv-'));
    writeFileSync(
      join(dir, 'show.csv'),
      'email,name,company,country\nana@luzbrasil.com.br,Ana,Luz Brasil,BR\nmax@lichtwerk.de,Max,Lichtwerk,DE\n',
    );
    const csv = await runCli([
      '--config',
      config,
      'enroll',
      '--sequence',
      'trade-show',
      '--csv',
      join(dir, 'show.csv'),
    ]);
    expect(csv.code).toBe(0);
    expect(csv.stdout).toMatch(/^2 of 2 contacts enrolled$/m);

    expect((await runCli(['--config', config, 'pause', '1', '--until', '2030-01-06'])).stdout.trim()).toBe(
      '#1 is now paused',
    );
    expect((await runCli(['--config', config, 'resume', '1'])).stdout.trim()).toBe('#1 is now active');
    expect(
      (
        await runCli(['--config', config, 'stop', '1', '--reason', 'met at the fair, deal in progress'])
      ).stdout.trim(),
    ).toBe('#1 is now stopped');
    const list = JSON.parse((await runCli(['--config', config, 'enrollments', '--json'])).stdout);
    expect(
      list.map((e: { lead: string; sequence: string; state: string }) => [e.lead, e.sequence, e.state]),
    ).toEqual([
      ['max@lichtwerk.de', 'prospecting', 'stopped'],
      ['ana@luzbrasil.com.br', 'trade-show', 'active'],
      ['max@lichtwerk.de', 'trade-show', 'active'],
    ]);
    expect(list[0].stopReason).toBe('met at the fair, deal in progress');
    const seqs = await runCli(['--config', config, 'sequences', 'list']);
    expect(seqs.stdout).toMatch(/^trade-show: \d+ steps, 2 live enrollments/m);
  });

  it("previews a template with the lead's data", async () => {
    const r = await runCli([
      '--config',
      config,
      'template',
      'preview',
      'prospecting-first',
      '--lead',
      'ana@luzbrasil.com.br',
      '--lang',
      'en',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Subject: .{1,50}$/m);
    expect(r.stdout).toMatch(/^List-Unsubscribe: <mailto:/m);
    expect(r.stdout).toContain('Ana');
    const missing = await runCli([
      '--config',
      config,
      'template',
      'preview',
      'prospecting-first',
      '--lead',
      'nobody@nowhere.example',
    ]);
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim()).toBe('trademail: --lead: no lead with the address nobody@nowhere.example');
  });
});
