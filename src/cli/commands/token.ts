import { Command } from 'commander';
import { createToken, listTokens, revokeToken } from '../../api/auth/tokens.ts';
import { rowNumber } from '../arguments.ts';
import { auditCli } from '../audit.ts';
import type { CommandFactory } from '../main.ts';

export const tokenCommand: CommandFactory = (ctx) =>
  new Command('token')
    .description('API tokens for the HTTP API and the dashboard (stored hashed, shown once)')
    .addCommand(
      new Command('create')
        .description('create a token for a salesperson, manager or read-only user of the config')
        .requiredOption('--user <email>', 'the person (from salespeople in the config)')
        .option('--name <name>', 'what the token is for, e.g. "laptop"')
        .action(async (opts: { user: string; name?: string }) => {
          const c = ctx();
          const { db } = await c.store();
          const now = new Date();
          const t = await createToken(db, c.config(), { email: opts.user, name: opts.name, now });
          await auditCli(db, {
            action: 'token.create',
            target: `token:${t.id}`,
            details: { user: t.user.email, role: t.user.role, name: t.name },
            at: now,
          });
          c.out(`token ${t.id} "${t.name}" for ${t.user.email} (${t.user.role}):`);
          c.out(t.token);
          c.out('Keep it now: only its hash is stored, it cannot be shown again.');
        }),
    )
    .addCommand(
      new Command('list')
        .description('list tokens (never the tokens themselves)')
        .option('--json', 'print JSON')
        .action(async (opts: { json?: boolean }) => {
          const c = ctx();
          const tokens = await listTokens((await c.store()).db);
          if (opts.json) {
            c.out(JSON.stringify(tokens));
            return;
          }
          if (tokens.length === 0) c.out('no tokens');
          for (const t of tokens) {
            const state = t.revokedAt ? `revoked ${t.revokedAt.toISOString()}` : 'active';
            const used = t.lastUsedAt ? `last used ${t.lastUsedAt.toISOString()}` : 'never used';
            c.out(`#${t.id} ${t.user} (${t.role}) "${t.name}": ${state}, ${used}`);
          }
        }),
    )
    .addCommand(
      new Command('revoke')
        .description('revoke a token by its number from `token list`')
        .argument('<id>', 'token number')
        .action(async (id: string) => {
          const c = ctx();
          const n = rowNumber(id, 'a token');
          const { db } = await c.store();
          const now = new Date();
          const t = await revokeToken(db, n, now);
          await auditCli(db, {
            action: 'token.revoke',
            target: `token:${n}`,
            details: { user: t.user },
            at: now,
          });
          c.out(`token ${n} of ${t.user} revoked`);
        }),
    );
