/**
 * The HTTP side of trademail: the API with the dashboard mounted on it, listening on the
 * configured host and port. Used by `trademail run` (when `http` is configured) and the demo.
 */
import type { AddressInfo } from 'node:net';
import { type ApiDeps, createApiServer } from '../api/server.ts';
import { describeError, TrademailError } from '../errors.ts';
import { registerDashboard } from './dashboard.ts';

export interface WebServerOptions extends ApiDeps {
  host: string;
  /** 0 picks a free port. */
  port: number;
  webRoot?: string;
}

export interface WebServer {
  /** Where the dashboard is, e.g. http://127.0.0.1:8025/ */
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const { host, port, webRoot, ...deps } = options;
  const app = createApiServer(deps);
  registerDashboard(app, webRoot === undefined ? {} : { webRoot });
  try {
    await app.listen({ host, port });
  } catch (cause) {
    await app.close().catch(() => undefined);
    const busy = (cause as NodeJS.ErrnoException).code === 'EADDRINUSE';
    throw new TrademailError(
      'USAGE',
      busy
        ? `port ${port} on ${host} is in use; pick another with --port or http.port`
        : `cannot listen on ${host}:${port}: ${describeError(cause)}`,
      { cause },
    );
  }
  const address = app.server.address() as AddressInfo;
  const shownHost =
    host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${address.port}/`,
    port: address.port,
    close: () => app.close(),
  };
}
