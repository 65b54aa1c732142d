import { createServer, type Server } from 'node:http';
import { within } from '#platform';

/** One readiness check: resolves when the dependency answers. */
export type HealthCheck = () => Promise<unknown>;

const CHECK_TIMEOUT_MS = 2000;

/**
 * The worker serves no API, so a container cannot tell a stuck worker from a working one. This
 * answers the same two questions as the API's /health routes, on 127.0.0.1 only (the check runs
 * inside the container; nothing outside needs it): GET /health, the process answers (its event loop
 * is not stuck); GET /health/ready, the database and the queue backend answer too (503 otherwise).
 */
export async function serveWorkerHealth(port: number, checks: Record<string, HealthCheck>): Promise<Server> {
  const server = createServer((request, response) => {
    const reply = (status: number, body: unknown): void => {
      response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
      response.end(JSON.stringify(body));
    };
    const path = (request.url ?? '').split('?')[0];
    if (request.method !== 'GET' && request.method !== 'HEAD') return reply(405, { status: 'method not allowed' });
    if (path === '/health') return reply(200, { status: 'ok' });
    if (path !== '/health/ready') return reply(404, { status: 'not found' });
    void readiness(checks).then((results) => {
      const ok = Object.values(results).every((r) => r === 'ok');
      reply(ok ? 200 : 503, { status: ok ? 'ok' : 'unavailable', checks: results });
    });
  });
  // A health check opens a new connection each time; none should keep the close waiting.
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return server;
}

export function closeWorkerHealth(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

async function readiness(checks: Record<string, HealthCheck>): Promise<Record<string, string>> {
  const entries = await Promise.all(Object.entries(checks).map(async ([name, check]) => [name, await probe(check)] as const));
  return Object.fromEntries(entries);
}

async function probe(check: HealthCheck): Promise<string> {
  try {
    await within(check(), CHECK_TIMEOUT_MS);
    return 'ok';
  } catch (e) {
    return `error: ${(e as Error).message}`;
  }
}
