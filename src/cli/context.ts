/**
 * What every command gets: the global options, the config (loaded once, on first use), a
 * logger, and the store (opened once, closed at exit).
 */
import { loadConfig } from '../config/load.ts';
import type { Config } from '../config/schema.ts';
import { createLogger, type Logger } from '../log/logger.ts';
import { keepRefreshTokensIn } from '../mail/oauth2.ts';
import { openStore, type Store } from '../store/client.ts';
import { refreshTokenKeeper } from '../store/oauth-refresh-tokens.ts';

export interface GlobalOptions {
  config: string;
  logLevel?: string;
}

export class CliContext {
  readonly options: GlobalOptions;
  readonly out: (line: string) => void;
  #config: Config | undefined;
  #log: Logger | undefined;
  #store: Store | undefined;

  constructor(options: GlobalOptions, out: (line: string) => void = (l) => process.stdout.write(`${l}\n`)) {
    this.options = options;
    this.out = out;
  }

  config(): Config {
    this.#config ??= loadConfig(this.options.config);
    return this.#config;
  }

  log(): Logger {
    this.#log ??= createLogger({ level: this.options.logLevel ?? this.#config?.logging.level ?? 'info' });
    return this.#log;
  }

  async store(): Promise<Store> {
    if (this.#store === undefined) {
      this.#store = await openStore(this.config().database.url);
      // OAuth2 refresh tokens a provider replaces on use are kept here for the next run.
      keepRefreshTokensIn(refreshTokenKeeper(this.#store.db));
    }
    return this.#store;
  }

  async close(): Promise<void> {
    if (this.#store !== undefined) keepRefreshTokensIn(undefined);
    await this.#store?.close();
    this.#store = undefined;
  }
}
