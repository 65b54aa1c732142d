import { createHash } from 'node:crypto';
import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Observable } from 'rxjs';
import { DataSource } from 'typeorm';
import { ConflictError, DomainError, ErrorKind, IdempotentReplay, InvalidInputError } from '#platform';
import type { AuthenticatedRequest } from '../auth/auth.guard';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const KEY = /^[\x21-\x7e]{1,255}$/;
/** How long an answer is kept for a retry. */
const KEEP = '24 hours';
/** A first request still unanswered after this long died with its process: the key is free again. */
const ABANDONED = '5 minutes';
/** The answer headers a retry gets back. */
const KEPT_HEADERS = ['content-type', 'location'];

type Claimed = AuthenticatedRequest & { idempotency?: { userId: string; key: string } };

/**
 * `Idempotency-Key` on a write makes retrying it safe: the first request with a key runs and its
 * answer is kept for a day; the same key again gets that answer (with `Idempotent-Replayed: true`)
 * and changes nothing, while the first is still running it gets 409, and with another method, path
 * or body 422. Keys are per user. Answers are kept when the request ends (see `settle`, called from
 * the server's onSend hook, which sees the final status and body); a 5xx frees the key for a retry.
 */
@Injectable()
export class Idempotency implements NestInterceptor {
  constructor(private readonly dataSource: DataSource) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const request = context.switchToHttp().getRequest<Claimed>();
    const header = request.headers[IDEMPOTENCY_HEADER];
    if (header === undefined || !WRITES.has(request.method) || !request.auth) return next.handle();
    const key = Array.isArray(header) ? header[0] : header;
    if (Array.isArray(header) || !KEY.test(key)) {
      throw new InvalidInputError('Invalid Idempotency-Key', [{ field: 'Idempotency-Key', problem: 'must be one value of 1 to 255 visible ASCII characters' }]);
    }
    const userId = request.auth.userId;
    const fingerprint = createHash('sha256').update(`${request.method} ${request.url}\n${JSON.stringify(request.body ?? null)}`).digest('hex');
    const claimed = (await this.dataSource.query(
      `INSERT INTO idempotency_keys (user_id, key, fingerprint) VALUES ($1, $2, $3)
       ON CONFLICT (user_id, key) DO UPDATE SET fingerprint = EXCLUDED.fingerprint, status = NULL, body = NULL, headers = NULL, created_at = now()
        WHERE idempotency_keys.created_at < now() - interval '${KEEP}'
           OR (idempotency_keys.status IS NULL AND idempotency_keys.created_at < now() - interval '${ABANDONED}')
       RETURNING 1`,
      [userId, key, fingerprint],
    )) as unknown[];
    if (claimed.length > 0) {
      request.idempotency = { userId, key };
      return next.handle();
    }
    const [kept] = (await this.dataSource.query('SELECT fingerprint, status, body, headers FROM idempotency_keys WHERE user_id = $1 AND key = $2', [userId, key])) as {
      fingerprint: string;
      status: number | null;
      body: string | null;
      headers: Record<string, string> | null;
    }[];
    if (!kept) return this.intercept(context, next); // settled and freed (a 5xx) in between: claim it now
    if (kept.fingerprint !== fingerprint) {
      throw new DomainError(ErrorKind.Unprocessable, 'idempotency.key-reused', 'This Idempotency-Key was used for another request (another method, path or body); use a new key');
    }
    if (kept.status === null) throw new ConflictError('idempotency.in-progress', 'A request with this Idempotency-Key is still running; retry in a moment to get its answer');
    throw new IdempotentReplay(kept.status, kept.body, { ...(kept.headers ?? {}), 'idempotent-replayed': 'true' });
  }

  /** The answer as sent: kept for the key the request claimed, or the key freed after a 5xx. */
  async settle(request: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<void> {
    const claim = (request as Claimed).idempotency;
    if (!claim) return;
    (request as Claimed).idempotency = undefined;
    // [two-factor] An answer marked `Cache-Control: no-store` holds a secret shown once (a TOTP seed,
    // recovery codes): it is never kept, and the key is freed, so a retry runs the request again.
    if (reply.statusCode >= 500 || /no-store/i.test(String(reply.getHeader('cache-control') ?? '')) || (payload !== null && payload !== undefined && typeof payload !== 'string')) {
      await this.dataSource.query('DELETE FROM idempotency_keys WHERE user_id = $1 AND key = $2', [claim.userId, claim.key]);
      return;
    }
    const headers = Object.fromEntries(KEPT_HEADERS.flatMap((name) => (reply.getHeader(name) === undefined ? [] : [[name, String(reply.getHeader(name))]])));
    await this.dataSource.query(
      `UPDATE idempotency_keys SET status = $3, body = $4, headers = $5 WHERE user_id = $1 AND key = $2`,
      [claim.userId, claim.key, reply.statusCode, payload ?? null, headers],
    );
    // Answers older than a day are not kept: each user's are cleared as they write.
    await this.dataSource.query(`DELETE FROM idempotency_keys WHERE user_id = $1 AND created_at < now() - interval '${KEEP}'`, [claim.userId]);
  }
}
