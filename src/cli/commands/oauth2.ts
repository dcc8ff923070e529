import { Command, Option } from 'commander';
import { TrademailError } from '../../errors.ts';
import { type LoginSettings, loginInBrowser, loginWithDeviceCode } from '../../mail/oauth2-login.ts';
import type { CommandFactory } from '../main.ts';

/** The command's options: the sign-in's settings, and which flow. */
type LoginOptions = LoginSettings & { device?: boolean };

/**
 * `trademail oauth2 login`: the one sign-in that gives the refresh token for auth.oauth2. It
 * needs no config file (the config cannot load until the token is there) and stores nothing:
 * the token is printed once, for the environment variable the config refers to.
 */
export const oauth2Command: CommandFactory = (ctx) =>
  new Command('oauth2').description('OAuth2 sign-in for Gmail and Microsoft 365 mailboxes').addCommand(
    new Command('login')
      .description(
        'sign in as the mailbox owner once and print the refresh token for auth.oauth2.refreshToken',
      )
      .addOption(new Option('--provider <name>', 'google or microsoft').choices(['google', 'microsoft']))
      .option('--tenant <id>', 'Microsoft: the directory (tenant) id or domain (default: common)')
      .requiredOption('--client-id <id>', 'the client id of your app registration')
      .addOption(
        new Option(
          '--client-secret <secret>',
          'its client secret (not for a public client); better from the environment, out of the shell history',
        ).env('TRADEMAIL_OAUTH2_CLIENT_SECRET'),
      )
      .option('--user <address>', 'the mailbox to sign in as')
      .option(
        '--device',
        'sign in on any device with a code (Microsoft; default there), not in a browser here',
      )
      .option('--no-device', 'sign in in a browser here, also for Microsoft')
      .option('--scope <scopes>', 'scopes to ask for (default: what mail needs at the provider)')
      .option('--token-url <url>', 'another provider: its token endpoint')
      .option('--authorize-url <url>', 'another provider: its authorisation endpoint')
      .option('--device-code-url <url>', 'another provider: its device authorisation endpoint')
      .action(async (opts: LoginOptions) => {
        const c = ctx();
        const { device: chosen, ...settings } = opts;
        if (opts.provider === undefined && opts.tokenUrl === undefined) {
          throw new TrademailError(
            'USAGE',
            '--provider: give google or microsoft (or --token-url for another provider)',
          );
        }
        const device = chosen ?? (opts.provider === 'microsoft' && opts.authorizeUrl === undefined);
        const result = device
          ? await loginWithDeviceCode(settings, (message) => c.out(message))
          : await loginInBrowser(settings, (url) => {
              c.out(
                'Open this address in a browser on this machine (or through an SSH tunnel to it) and sign in:',
              );
              c.out(url);
            });
        c.out(
          `Signed in${opts.user ? ` as ${opts.user}` : ''}${result.scope ? ` (scope: ${result.scope})` : ''}. Refresh token:`,
        );
        c.out(result.refreshToken);
        c.out(
          'Put it where auth.oauth2.refreshToken reads it (an environment variable), then restart trademail.',
        );
      }),
  );
