import { createHash, scrypt } from 'node:crypto';
import { promisify } from 'node:util';
import { applyDecorators, CallHandler, ExecutionContext, Injectable, NestInterceptor, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiConflictResponse } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Observable } from 'rxjs';
import { IdempotencyKeysService } from '#domain/accounts/index';
import { ConflictError, DomainError, ErrorKind, IdempotentReplay, InvalidInputError } from '#platform';
import type { AuthenticatedRequest } from '../auth/auth.guard';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const KEY = /^[\x21-\x7e]{1,255}$/;
/** The answer headers a retry gets back. */
const KEPT_HEADERS = ['content-type', 'location'];
/** Kept beside a settled answer whose secret fields were not kept: which ones (comma-separated). */
const WITHHELD = 'secret-withheld';
const RETURNS_SECRET = 'dossier:returns-secret';

type Claimed = AuthenticatedRequest & { idempotency?: { userId: string; key: string; secretFields: string[] | undefined } };

/**
 * Marks a route whose successful answer hands out a secret (a token, a feed URL, a TOTP seed,
 * recovery codes) in these top-level fields. With an Idempotency-Key, nothing holding the secret is
 * kept: the answer is stored without those fields, and a retry with the key gets
 * `409 idempotency.secret-not-replayed` carrying what was created (without the secret), so the
 * client knows the first request succeeded, can revoke what it made, and asks again with a new key.
 */
export const ReturnsSecret = (...fields: [string, ...string[]]): MethodDecorator =>
  applyDecorators(
    SetMetadata(RETURNS_SECRET, fields),
    ApiConflictResponse({ description: `\`idempotency.secret-not-replayed\`: a retry with the Idempotency-Key of a request that succeeded; its secret (${fields.join(', ')}) is shown once and never kept, so the answer is not sent again` }),
  );

/** A retried request whose first answer held a secret: it succeeded, but the secret is gone for good. */
export class SecretNotReplayedError extends ConflictError {
  constructor(status: number, withheld: string[], created: unknown) {
    super(
      'idempotency.secret-not-replayed',
      `The request with this Idempotency-Key already succeeded (${status}), but its answer held a secret (${withheld.join(', ')}) that is shown only once and never kept, so it cannot be sent again. What it created is in \`created\`: revoke it if you did not get the secret, and repeat the request with a new Idempotency-Key.`,
      { originalStatus: status, withheld, created },
    );
  }
}

/**
 * `Idempotency-Key` on a write makes retrying it safe: the first request with a key runs and its
 * answer is kept for a day; the same key again gets that answer (with `Idempotent-Replayed: true`)
 * and changes nothing, while the first is still running it gets 409, and with another method, path
 * or body 422. Keys are per user. Answers are kept when the request ends (see `settle`, called from
 * the server's onSend hook, which sees the final status and body); a 5xx frees the key for a retry.
 */
@Injectable()
export class Idempotency implements NestInterceptor {
  constructor(
    private readonly keys: IdempotencyKeysService,
    private readonly reflector: Reflector = new Reflector(),
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const request = context.switchToHttp().getRequest<Claimed>();
    const header = request.headers[IDEMPOTENCY_HEADER];
    if (header === undefined || !WRITES.has(request.method) || !request.auth) return next.handle();
    const key = Array.isArray(header) ? header[0] : header;
    if (Array.isArray(header) || !KEY.test(key)) {
      throw new InvalidInputError('Invalid Idempotency-Key', [{ field: 'Idempotency-Key', problem: 'must be one value of 1 to 255 visible ASCII characters' }]);
    }
    const userId = request.auth.userId;
    const fingerprint = await fingerprintOf(request.method, request.url, request.body, `${userId}:${key}`);
    if (await this.keys.claim(userId, key, fingerprint)) {
      request.idempotency = { userId, key, secretFields: this.reflector.get<string[] | undefined>(RETURNS_SECRET, context.getHandler()) };
      return next.handle();
    }
    const kept = await this.keys.find(userId, key);
    if (!kept) return this.intercept(context, next); // settled and freed (a 5xx) in between: claim it now
    if (kept.fingerprint !== fingerprint) {
      throw new DomainError(ErrorKind.Unprocessable, 'idempotency.key-reused', 'This Idempotency-Key was used for another request (another method, path or body); use a new key');
    }
    if (kept.status === null) throw new ConflictError('idempotency.in-progress', 'A request with this Idempotency-Key is still running; retry in a moment to get its answer');
    const withheld = kept.headers?.[WITHHELD];
    if (withheld) {
      context.switchToHttp().getResponse<FastifyReply>().header('idempotent-replayed', 'true');
      throw new SecretNotReplayedError(kept.status, withheld.split(','), parseJson(kept.body));
    }
    throw new IdempotentReplay(kept.status, kept.body, { ...(kept.headers ?? {}), 'idempotent-replayed': 'true' });
  }

  /** The answer as sent: kept for the key the request claimed, or the key freed after a 5xx. */
  async settle(request: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<void> {
    const claim = (request as Claimed).idempotency;
    if (!claim) return;
    (request as Claimed).idempotency = undefined;
    if (reply.statusCode >= 500 || (payload !== null && payload !== undefined && typeof payload !== 'string')) {
      await this.keys.release(claim.userId, claim.key);
      return;
    }
    const headers: Record<string, string> = Object.fromEntries(KEPT_HEADERS.flatMap((name) => (reply.getHeader(name) === undefined ? [] : [[name, String(reply.getHeader(name))]])));
    let body = (payload as string | null | undefined) ?? null;
    if (claim.secretFields && reply.statusCode < 400) {
      // The secret never reaches the table: only what was created around it, to tell a retry about.
      body = withoutFields(body, claim.secretFields);
      headers[WITHHELD] = claim.secretFields.join(',');
    }
    // Answers older than a day are not kept: each user's are cleared as they write.
    await this.keys.keep(claim.userId, claim.key, { status: reply.statusCode, body, headers });
  }
}

const scryptAsync = promisify(scrypt) as (password: string, salt: string, keylen: number, options: { N: number; r: number; p: number }) => Promise<Buffer>;
/** Request fields that are secrets a user types (a password, a one-time code): never kept, not even as a fast hash. */
const SECRET_INPUT = /password|secret|token|^code$|recovery/i;

/**
 * What tells one request from another, kept for a day: a SHA-256 of the method, path and body. A
 * fast hash of a body holding a password could be guessed back offline, so such values go in as a
 * salted scrypt digest (salted per user and key), which makes each guess cost what scrypt costs.
 */
export async function fingerprintOf(method: string, url: string, body: unknown, salt: string): Promise<string> {
  const slow = async (value: unknown): Promise<unknown> => {
    if (Array.isArray(value)) return Promise.all(value.map(slow));
    if (!value || typeof value !== 'object') return value;
    const out: Record<string, unknown> = {};
    for (const [name, v] of Object.entries(value)) {
      out[name] = SECRET_INPUT.test(name) && typeof v === 'string' ? `scrypt:${(await scryptAsync(v, salt, 32, { N: 16384, r: 8, p: 1 })).toString('hex')}` : await slow(v);
    }
    return out;
  };
  return createHash('sha256').update(`${method} ${url}\n${JSON.stringify((await slow(body)) ?? null)}`).digest('hex');
}

/** A JSON object answer without these top-level fields; null for anything else (no way to know what in it is secret). */
function withoutFields(body: string | null, fields: string[]): string | null {
  const parsed = parseJson(body);
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return null;
  const rest: Record<string, unknown> = { ...(parsed as Record<string, unknown>) };
  for (const field of fields) delete rest[field];
  return JSON.stringify(rest);
}

function parseJson(body: string | null): unknown {
  if (body === null) return null;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return null;
  }
}
