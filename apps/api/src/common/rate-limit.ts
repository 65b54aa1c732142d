import { Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import rateLimit, { FastifyRateLimitStore } from '@fastify/rate-limit';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import { AppConfig, clientAddressGroup, errorBody, postgresRateLimitStore, redisOptions, SecretKeyring } from '#platform';
import { bearerToken } from '../auth/auth.guard';
import { sessionCookie } from '../auth/browser-session';

export interface RateLimitDependencies {
  dataSource: DataSource;
  keyring: SecretKeyring;
  /** The id of the token a bearer credential stands for, or null when it is not a valid one. */
  identify: (token: string, request: FastifyRequest) => Promise<string | null>;
}

/** How long a token the guard accepted keeps counting as its own credential here without being seen again. */
const KNOWN_TOKEN_MS = 5 * 60_000;
const KNOWN_TOKEN_MAX = 10_000;
const TOKEN_HASH = Symbol('dossier.rateLimitTokenHash');
type Counted = FastifyRequest & { [TOKEN_HASH]?: string; auth?: { tokenId: string } };

/** The calendar feed's route: calendar apps poll it without a token. */
const FEED_ROUTE = '/calendar/:file';
const POLICY = 'default';

/**
 * The API-wide limit: every request counts against its credential, `config.rateLimit.max` per
 * window, over all processes. A valid bearer token is the credential; without one (sign-in, the
 * docs, a token that is not valid) it is the client's address (an IPv6 /64). Two exceptions:
 * `/health*` is not limited, since orchestrators and monitors probe it from addresses they share
 * with others, and a probe refused would restart a healthy server; the calendar feed counts in a
 * bucket of its own per address, so that a calendar app keeps syncing whatever else comes from the
 * same address (a NAT, a proxy without TRUST_PROXY), at the same limit.
 *
 * Counting is @fastify/rate-limit's, on a shared store: its Redis store when REDIS_URL is set,
 * otherwise platform's PostgreSQL store (postgres-rate-limit-store.ts). Answers carry the IETF
 * draft's `RateLimit-Policy` and `RateLimit` fields and the earlier drafts'
 * `RateLimit-Limit`/`-Remaining`/`-Reset`, which most clients read today; a refused request gets
 * 429 `rate-limit.exceeded` with `Retry-After`.
 */
export async function registerRateLimit(app: NestFastifyApplication, config: AppConfig, deps: RateLimitDependencies): Promise<void> {
  const limit = config.rateLimit;
  if (!limit) return;
  const fastify = app.getHttpAdapter().getInstance();
  const windowSeconds = Math.ceil(limit.windowMs / 1000);
  const policy = `"${POLICY}";q=${limit.max};w=${windowSeconds}`;
  const knownTokens = new Map<string, { tokenId: string; until: number }>();
  const remember = (hash: string, tokenId: string): void => {
    if (knownTokens.size >= KNOWN_TOKEN_MAX) knownTokens.clear();
    knownTokens.set(hash, { tokenId, until: Date.now() + KNOWN_TOKEN_MS });
  };

  let storeOptions: { redis: Redis; nameSpace: string } | { store: new () => FastifyRateLimitStore };
  if (config.queue.backend === 'redis') {
    // Its own connection, with one retry per command: while Redis is away requests are let through (skipOnError), not held.
    const redis = new Redis({ ...redisOptions(config.queue.url), maxRetriesPerRequest: 1 } as never);
    let warned = false;
    redis.on('error', (e: Error) => {
      if (!warned) new Logger('RateLimit').warn({ message: 'Redis unreachable: requests are not counted until it is back', error: e.message });
      warned = true;
    });
    redis.on('ready', () => (warned = false));
    fastify.addHook('onClose', async () => {
      await redis.quit().catch(() => redis.disconnect());
    });
    storeOptions = { redis, nameSpace: `${config.queue.prefix}:rate-limit:` };
  } else {
    const store = postgresRateLimitStore(deps.dataSource);
    const sweep = setInterval(() => void store.sweep(), Math.min(Math.max(limit.windowMs, 10_000), 300_000)).unref();
    fastify.addHook('onClose', async () => clearInterval(sweep));
    // The plugin makes its store with `new`: hand it this one, whose leases the sweep also prunes.
    storeOptions = {
      store: class implements FastifyRateLimitStore {
        incr(...args: Parameters<FastifyRateLimitStore['incr']>): void {
          store.incr(...args);
        }
        child(): FastifyRateLimitStore {
          return this;
        }
      },
    };
  }

  await fastify.register(rateLimit, {
    global: false,
    max: limit.max,
    timeWindow: limit.windowMs,
    skipOnError: true,
    // A valid bearer token is its own credential. Which token a request carries is remembered for a
    // few minutes once verified (here, or by the auth guard: see onResponse below), so the hot path
    // does not read the token from the database a second time; a made-up token counts against the
    // address, and costs the one lookup the guard would have made anyway.
    keyGenerator: async (request: FastifyRequest) => {
      // The dashboard's session cookie is a credential like a bearer token (the guard reads it the same way).
      const token = bearerToken(request) ?? (request.headers.authorization ? undefined : sessionCookie(request));
      if (token) {
        const hash = createHash('sha256').update(token).digest('base64url');
        (request as Counted)[TOKEN_HASH] = hash;
        const known = knownTokens.get(hash);
        if (known && known.until > Date.now()) return `token:${known.tokenId}`;
        const tokenId = await deps.identify(token, request);
        if (tokenId) {
          remember(hash, tokenId);
          return `token:${tokenId}`;
        }
      }
      const scope = request.routeOptions.url === FEED_ROUTE ? 'feed-address' : 'address';
      return `${scope}:${deps.keyring.fingerprint(clientAddressGroup(request.ip))}`;
    },
    ...storeOptions,
  });
  const check = fastify.createRateLimit();
  fastify.addHook('onResponse', async (request: FastifyRequest) => {
    const { [TOKEN_HASH]: hash, auth } = request as Counted;
    if (hash && auth) remember(hash, auth.tokenId);
  });

  fastify.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    if (request.routeOptions.url?.startsWith('/health')) return;
    const result = await check(request);
    if (result.isAllowed) return;
    const reset = result.ttlInSeconds;
    void reply.header('ratelimit-policy', policy);
    void reply.header('ratelimit', `"${POLICY}";r=${result.remaining};t=${reset}`);
    void reply.header('ratelimit-limit', String(limit.max));
    void reply.header('ratelimit-remaining', String(result.remaining));
    void reply.header('ratelimit-reset', String(reset));
    if (!result.isExceeded) return;
    const body = errorBody(429, 'rate-limit.exceeded', `Too many requests: at most ${limit.max} every ${windowSeconds} s; try again in ${reset} s`, String(request.id));
    void reply.code(429).header('retry-after', String(Math.max(reset, 1))).header('content-type', 'application/json; charset=utf-8').send(body);
    return reply;
  });
}

