import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppConfig } from '../config/app-config';
import { createLogger } from './logger';

/** One access log entry: what was asked (by route, never by URL), by whom, with what outcome. */
export interface AccessLogEntry {
  method: string;
  /** The route's pattern (`/people/:id`, `/calendar/:file`); null when no route matched. */
  route: string | null;
  status: number;
  durationMs: number;
  /** The signed-in user, when the request was authenticated. */
  userId: string | null;
  requestId: string;
  /** The client's address: the connection's, or X-Forwarded-For's when TRUST_PROXY says so. */
  ip: string;
}

type WithAuth = FastifyRequest & { auth?: { userId?: string } };

/**
 * One line per request at level `log`, through the project's logger (a JSON object per line, or in
 * `pretty` format the same object after the usual prefix). Only what the entry type lists is
 * written: the route pattern stands for the URL, so ids, feed secrets, `?token=` and query strings
 * never reach the log, and no header or body is read. Written after the answer is sent.
 */
export function registerAccessLog(fastify: FastifyInstance, log: AppConfig['log']): void {
  const logger = createLogger(log, 'access');
  if (!logger.isLevelEnabled('log')) return;
  const json = log.format === 'json';
  fastify.addHook('onResponse', (request, reply, done) => {
    const entry: AccessLogEntry = {
      method: request.method,
      route: request.routeOptions.url ?? null,
      status: reply.statusCode,
      durationMs: Math.round(reply.elapsedTime * 10) / 10,
      userId: (request as WithAuth).auth?.userId ?? null,
      requestId: String(request.id),
      ip: request.ip,
    };
    logger.log(json ? entry : JSON.stringify(entry));
    done();
  });
}
