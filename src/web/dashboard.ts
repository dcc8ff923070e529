/**
 * The web dashboard, mounted on the API's Fastify instance: the static files of web/ at the
 * root and the security headers on every answer. The dashboard itself only talks to /api.
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { registerSecurityHeaders } from './security-headers.ts';
import { registerStaticFiles } from './static.ts';

export const WEB_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../web');

export function registerDashboard(app: FastifyInstance, options: { webRoot?: string } = {}): void {
  registerSecurityHeaders(app);
  registerStaticFiles(app, options.webRoot ?? WEB_ROOT);
}
