import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter as BoardAdapter } from '@bull-board/fastify';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AccountsService, AuthenticatedUser } from '#domain/accounts/index';
import { queueNames } from '#domain/jobs/index';
import { JobQueueService, toErrorBody } from '#platform';
import { bearerToken, requestClient, requireScope, routeNotFound, scopeFor } from './auth/auth.guard';

const BASE_PATH = '/queues';
const COOKIE = 'dossier_board';

/**
 * The bull-board dashboard at /queues, for admins only: jobs hold other users' names and ids, and
 * its API pauses and empties queues for everyone. Without a credential it answers 401; with anyone
 * else's, the 404 of a route that does not exist. A browser can open `/queues?token=<admin token>`
 * once; the token is then kept in an HTTP-only cookie, set only once the token is known to be an
 * admin's, and checked again on every request like a bearer token.
 */
export async function mountQueueDashboard(app: NestFastifyApplication): Promise<void> {
  const accounts = app.get(AccountsService);
  const jobs = app.get(JobQueueService);
  const board = new BoardAdapter();
  board.setBasePath(BASE_PATH);
  createBullBoard({ queues: queueNames().map((name) => new BullMQAdapter(jobs.queue(name))), serverAdapter: board });

  await app.register(async (scope: FastifyInstance) => {
    // onRequest runs before bull-board's routes, its static files and its API (GET and PUT alike).
    scope.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
      const query = request.query as Record<string, string | undefined>;
      const fromUrl = typeof query.token === 'string' ? query.token : undefined;
      const token = bearerToken(request) ?? fromUrl ?? readCookie(request, COOKIE);
      let auth: AuthenticatedUser;
      try {
        auth = await accounts.authenticate(token, requestClient(request));
        if (auth.role !== 'admin') throw routeNotFound(request);
        requireScope(auth, scopeFor(request.method));
      } catch (e) {
        const body = toErrorBody(e, String(request.id));
        return reply.status(body.statusCode).header('content-type', 'application/json; charset=utf-8').send(body);
      }
      if (fromUrl && fromUrl === token) {
        const secure = request.protocol === 'https' ? '; Secure' : '';
        void reply.header('set-cookie', `${COOKIE}=${encodeURIComponent(fromUrl)}; Path=${BASE_PATH}; HttpOnly; SameSite=Strict${secure}`);
      }
      return undefined;
    });
    await scope.register(board.registerPlugin(), { prefix: BASE_PATH });
  });
}

function readCookie(request: FastifyRequest, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) {
      try {
        return decodeURIComponent(rest.join('='));
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}
