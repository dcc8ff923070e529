/**
 * The `trademail` command line. Each command lives in its own file under commands/ and
 * registers itself here; only commands that work are listed. Exit codes: 0 success, 1 failure
 * (one-line reason on stderr), 2 usage error.
 */
import { Command, CommanderError, Option } from 'commander';
import { describeError, isTrademailError } from '../errors.ts';
import { packageVersion, RUNNING_BUNDLED } from '../paths.ts';
import { awayCommand } from './commands/away.ts';
import { demoCommand } from './commands/demo.ts';
import { doctorCommand } from './commands/doctor.ts';
import { importCommand } from './commands/import.ts';
import { initCommand } from './commands/init.ts';
import { migrateCommand } from './commands/migrate.ts';
import { oauth2Command } from './commands/oauth2.ts';
import { parseCommand } from './commands/parse.ts';
import { privacyCommand } from './commands/privacy.ts';
import { quarantineCommand, reprocessCommand } from './commands/quarantine.ts';
import { queueCommand } from './commands/queue.ts';
import { reportCommand } from './commands/report.ts';
import { runCommand } from './commands/run.ts';
import {
  enrollCommand,
  enrollmentsCommand,
  pauseCommand,
  resumeCommand,
  sequencesCommand,
  stopCommand,
} from './commands/sequences.ts';
import { statusCommand } from './commands/status.ts';
import { syncCommand } from './commands/sync.ts';
import { templateCommand } from './commands/template.ts';
import { tokenCommand } from './commands/token.ts';
import { CliContext, type GlobalOptions } from './context.ts';

export type CommandFactory = (ctx: () => CliContext) => Command;

const COMMANDS: CommandFactory[] = [
  initCommand,
  migrateCommand,
  doctorCommand,
  oauth2Command,
  runCommand,
  syncCommand,
  statusCommand,
  importCommand,
  parseCommand,
  queueCommand,
  quarantineCommand,
  reprocessCommand,
  sequencesCommand,
  enrollmentsCommand,
  enrollCommand,
  pauseCommand,
  resumeCommand,
  stopCommand,
  templateCommand,
  tokenCommand,
  awayCommand,
  privacyCommand,
  reportCommand,
  demoCommand,
];

export function buildProgram(makeContext: (opts: GlobalOptions) => CliContext): {
  program: Command;
  context: () => CliContext | undefined;
} {
  let ctx: CliContext | undefined;
  const program = new Command('trademail')
    .description('Watches export sales mailboxes: ranks buyer inquiries, keeps SLA clocks, sends follow-ups.')
    .addOption(new Option('-c, --config <file>', 'configuration file').default('trademail.config.yaml'))
    .addOption(
      new Option('--log-level <level>', 'log level').choices([
        'fatal',
        'error',
        'warn',
        'info',
        'debug',
        'trace',
        'silent',
      ]),
    )
    .version(
      `trademail ${packageVersion()} (${RUNNING_BUNDLED ? 'bundle dist/trademail.mjs' : 'TypeScript sources through tsx'})`,
      '-V, --version',
      'print the version, and whether the bundle or the sources run',
    )
    .showHelpAfterError()
    .exitOverride();
  const getContext = (): CliContext => {
    ctx ??= makeContext(program.opts<GlobalOptions>());
    return ctx;
  };
  for (const make of COMMANDS) program.addCommand(make(getContext).exitOverride());
  return { program, context: () => ctx };
}

export async function main(
  argv: string[],
  makeContext = (opts: GlobalOptions) => new CliContext(opts),
): Promise<number> {
  const { program, context } = buildProgram(makeContext);
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version arrive here as "errors" with exit code 0.
      return err.exitCode === 0 ? 0 : 2;
    }
    const reason = isTrademailError(err) ? err.message : describeError(err);
    process.stderr.write(`trademail: ${reason}\n`);
    if (!isTrademailError(err)) context()?.log().debug({ err }, 'unexpected error');
    return 1;
  } finally {
    await context()?.close();
  }
}
