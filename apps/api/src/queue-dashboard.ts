import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter as BoardAdapter } from '@bull-board/fastify';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AccountsService } from '#domain/accounts/index';
import { JobQueueService, QueueName, toErrorBody } from '#platform';
import { bearerToken } from './auth/auth.guard';

const BASE_PATH = '/queues';
const COOKIE = 'dossier_board';

/**
 * The bull-board dashboard at /queues, behind the same bearer tokens as the API. A browser can open
 * `/queues?token=<personal access token>` once; the token is then kept in an HTTP-only cookie.
 */
export async function mountQueueDashboard(app: NestFastifyApplication): Promise<void> {
  const accounts = app.get(AccountsService);
  const jobs = app.get(JobQueueService);
  const board = new BoardAdapter();
  board.setBasePath(BASE_PATH);
  createBullBoard({ queues: Object.values(QueueName).map((name) => new BullMQAdapter(jobs.queue(name))), serverAdapter: board });

  await app.register(async (scope: FastifyInstance) => {
    scope.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
      const query = request.query as Record<string, string | undefined>;
      const token = bearerToken(request) ?? query.token ?? readCookie(request, COOKIE);
      try {
        await accounts.authenticate(token);
      } catch (e) {
        return reply.status(401).send(toErrorBody(e, String(request.id)));
      }
      if (query.token) void reply.header('set-cookie', `${COOKIE}=${encodeURIComponent(query.token)}; Path=${BASE_PATH}; HttpOnly; SameSite=Strict`);
      return undefined;
    });
    await scope.register(board.registerPlugin(), { prefix: BASE_PATH });
  });
}

function readCookie(request: FastifyRequest, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}
