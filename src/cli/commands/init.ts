import { existsSync, writeFileSync } from 'node:fs';
import { Command } from 'commander';
import { starterConfig } from '../../config/starter.ts';
import { TrademailError } from '../../errors.ts';
import type { CommandFactory } from '../main.ts';

export const initCommand: CommandFactory = (ctx) =>
  new Command('init')
    .description('write a starter trademail.config.yaml and create the database')
    .option('--force', 'overwrite an existing config file')
    .option('--company <name>', 'your company name')
    .option('--domain <domain>', 'your mail domain')
    .action(async (opts: { force?: boolean; company?: string; domain?: string }) => {
      const c = ctx();
      const file = c.options.config;
      if (existsSync(file) && !opts.force) {
        c.out(`${file} exists; leaving it as it is (use --force to overwrite).`);
      } else {
        if (opts.domain && !/^[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(opts.domain)) {
          throw new TrademailError(
            'USAGE',
            `--domain: "${opts.domain}" is not a domain name (e.g. example-lighting.com)`,
          );
        }
        writeFileSync(file, starterConfig({ companyName: opts.company, domain: opts.domain?.toLowerCase() }));
        c.out(`wrote ${file}`);
      }
      const store = await c.store();
      c.out(
        `database ready (${store.target.provider}${store.target.provider === 'sqlite' ? `: ${store.target.file}` : ''})`,
      );
      c.out(
        'next: add your mailboxes (see trademail.example.yaml), then `trademail doctor` and `trademail run`.',
      );
    });
