/**
 * Serves the dashboard's files (the web/ folder) from memory. One route per file, found when
 * the server starts: no path from a request is ever joined to a file path, so nothing outside
 * web/ can be reached, and unknown paths fall through to the API's JSON 404.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { TrademailError } from '../errors.ts';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.txt': 'text/plain; charset=utf-8',
};

export interface StaticFile {
  urlPath: string;
  contentType: string;
  body: Buffer;
  etag: string;
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = join(dir, entry.name);
    if (entry.name.startsWith('.')) return [];
    return entry.isDirectory() ? walk(full) : entry.isFile() ? [full] : [];
  });
}

/** Every servable file under `root`; files of other types are left out rather than served as bytes. */
export function collectStaticFiles(root: string): StaticFile[] {
  let isDir = false;
  try {
    isDir = statSync(root).isDirectory();
  } catch {
    isDir = false;
  }
  if (!isDir) {
    throw new TrademailError(
      'NOT_FOUND',
      `dashboard folder ${root} is missing; reinstall trademail or pass webRoot`,
    );
  }
  return walk(root).flatMap((file) => {
    const contentType = CONTENT_TYPES[extname(file).toLowerCase()];
    if (contentType === undefined) return [];
    const body = readFileSync(file);
    const urlPath = `/${relative(root, file).split(sep).join('/')}`;
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
    return [{ urlPath, contentType, body, etag }];
  });
}

export function registerStaticFiles(app: FastifyInstance, root: string): StaticFile[] {
  const files = collectStaticFiles(root);
  const serve = (file: StaticFile) =>
    app.get(
      file.urlPath === '/index.html' ? '/' : file.urlPath,
      { config: { public: true } },
      async (request, reply) => {
        // Revalidate on every load so a new version is picked up at once; an unchanged file costs a 304.
        reply.header('cache-control', 'no-cache').header('etag', file.etag).type(file.contentType);
        if (request.headers['if-none-match'] === file.etag) return reply.status(304).send();
        return reply.send(file.body);
      },
    );
  for (const file of files) {
    serve(file);
    if (file.urlPath === '/index.html')
      app.get('/index.html', { config: { public: true } }, (_req, reply) => reply.redirect('/', 301));
  }
  return files;
}
