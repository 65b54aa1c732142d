import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';

/** Where `npm run build` writes the dashboard (apps/web), relative to the working directory. */
export const WEB_DIST = join(process.cwd(), 'dist', 'web');
export const WEB_BASE = '/app/';

/**
 * The dashboard's own policy: everything from this origin, no inline script, nothing from elsewhere
 * (fonts and icons are bundled), never framed.
 */
export const WEB_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

interface WebFile {
  body: Buffer;
  type: string;
  /** Vite names built assets by their content's hash: they never change, so browsers keep them a year. */
  immutable: boolean;
}

/**
 * Serves the built dashboard under /app/ (every file read once, at start: a few hundred KB), deep
 * links falling back to index.html so a reload lands on the same screen, and `/` leading there. The
 * API's own routes are untouched. Without a build (an API-only `tsc`), /app/ answers 503 naming the
 * command that builds it.
 */
export function mountWebApp(fastify: FastifyInstance, root: string = WEB_DIST): void {
  const files = readBuild(root);
  const send = (reply: FastifyReply, file: WebFile): FastifyReply =>
    reply
      .header('content-type', file.type)
      .header('cache-control', file.immutable ? 'public, max-age=31536000, immutable' : 'no-cache')
      .header('content-security-policy', WEB_CSP)
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'same-origin')
      .send(file.body);

  fastify.get('/', (_request, reply) => reply.redirect(WEB_BASE, 302));
  fastify.get('/app', (_request, reply) => reply.redirect(WEB_BASE, 301));
  fastify.get(`${WEB_BASE}*`, (request, reply) => {
    const index = files.get('index.html');
    if (!index) {
      return reply.status(503).header('content-type', 'application/json; charset=utf-8').send({
        statusCode: 503,
        error: 'Service Unavailable',
        code: 'web.not-built',
        message: `The dashboard is not built on this server: run \`npm run build\` (it writes ${relative(process.cwd(), root) || root}), then restart`,
        requestId: request.id,
      });
    }
    const path = decodeSafe(request.url.slice(WEB_BASE.length).split('?')[0] ?? '');
    const file = path === undefined ? undefined : files.get(path);
    if (file) return send(reply, file);
    // A file-like path that is not in the build (a stale asset) is a 404, not the app's HTML.
    if (path === undefined || /\.[a-z0-9]+$/i.test(path)) {
      return reply.status(404).header('content-type', 'application/json; charset=utf-8').send({ statusCode: 404, error: 'Not Found', code: 'web.file-not-found', message: `No such file in the dashboard: ${path ?? ''}`, requestId: request.id });
    }
    return send(reply, index);
  });
}

function readBuild(root: string): Map<string, WebFile> {
  const files = new Map<string, WebFile>();
  if (!existsSync(join(root, 'index.html'))) return files;
  for (const entry of readdirSync(root, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const name = relative(root, join(entry.parentPath, entry.name)).split(sep).join('/');
    files.set(name, { body: readFileSync(join(root, name)), type: TYPES[extname(name)] ?? 'application/octet-stream', immutable: name.startsWith('assets/') });
  }
  return files;
}

function decodeSafe(path: string): string | undefined {
  try {
    return decodeURIComponent(path);
  } catch {
    return undefined;
  }
}
