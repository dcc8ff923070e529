import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import type { TemplateContext } from '../../../src/templates/index.ts';
import { SAMPLE_CONTEXT } from '../../../src/templates/index.ts';

const created: string[] = [];
afterAll(() => {
  for (const dir of created) rmSync(dir, { recursive: true, force: true });
});

/** A minimal valid template folder: shared partials and one English prospecting template 't'. */
export function baseFiles(): Record<string, string> {
  return {
    '_partials/signature.txt.hbs': 'Best regards,\n{{sender.name}}\n',
    '_partials/signature.html.hbs': '<p>Best regards,<br>{{sender.name}}</p>\n',
    't/template.yaml': 'kind: prospecting\n',
    't/en/subject.hbs': 'LED panels for {{lead.company}}\n',
    't/en/body.html.hbs':
      '<p>{{greeting lead}}</p>\n<p>We make {{list products}}.</p>\n<p>Shall I send a catalogue?</p>\n{{> signature}}\n',
    't/en/body.txt.hbs':
      '{{greeting lead}}\n\nWe make {{list products}}.\n\nShall I send a catalogue?\n\n{{> signature}}\n',
  };
}

/** Writes files (relative path -> content; null deletes a base file) into a fresh temporary folder. */
export function templateDir(files: Record<string, string | null>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'trademail-templates-'));
  created.push(dir);
  for (const [rel, content] of Object.entries(files)) {
    if (content === null) continue;
    const file = path.join(dir, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
  return dir;
}

/** The base folder with some files replaced, added or (null) removed. */
export function dirWith(changes: Record<string, string | null>): string {
  return templateDir({ ...baseFiles(), ...changes });
}

/** The sample context with some top-level keys replaced. */
export function context(overrides: Record<string, unknown> = {}): TemplateContext {
  return { ...SAMPLE_CONTEXT, ...overrides };
}

export const SHIPPED_TEMPLATES = path.resolve(import.meta.dirname, '../../../templates');
export const SHIPPED_SEQUENCES = path.resolve(import.meta.dirname, '../../../sequences');
