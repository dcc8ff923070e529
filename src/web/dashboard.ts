/**
 * The web dashboard, mounted on the API's Fastify instance: the static files of web/ at the
 * root and the security headers on every answer. The dashboard itself only talks to /api.
 */
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { REPO_ROOT } from '../paths.ts';
import { registerSecurityHeaders } from './security-headers.ts';
import { registerStaticFiles } from './static.ts';

export const WEB_ROOT = join(REPO_ROOT, 'web');

export function registerDashboard(app: FastifyInstance, options: { webRoot?: string } = {}): void {
  registerSecurityHeaders(app);
  registerStaticFiles(app, options.webRoot ?? WEB_ROOT);
}
