import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import rateLimit, { FastifyRateLimitStore } from '@fastify/rate-limit';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Redis } from 'ioredis';
import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import { AppConfig, clientAddressGroup, errorBody, redisOptions, SecretKeyring } from '#platform';
import { bearerToken } from '../auth/auth.guard';

export interface RateLimitDependencies {
  dataSource: DataSource;
  keyring: SecretKeyring;
  /** The id of the token a bearer credential stands for, or null when it is not a valid one. */
  identify: (token: string) => Promise<string | null>;
}

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
 * otherwise the PostgreSQL store below. Answers carry the IETF draft's `RateLimit-Policy` and
 * `RateLimit` fields and the earlier drafts' `RateLimit-Limit`/`-Remaining`/`-Reset`, which most
 * clients read today; a refused request gets 429 `rate-limit.exceeded` with `Retry-After`.
 */
export async function registerRateLimit(app: NestFastifyApplication, config: AppConfig, deps: RateLimitDependencies): Promise<void> {
  const limit = config.rateLimit;
  if (!limit) return;
  const fastify = app.getHttpAdapter().getInstance();
  const windowSeconds = Math.ceil(limit.windowMs / 1000);
  const policy = `"${POLICY}";q=${limit.max};w=${windowSeconds}`;

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
    const pool = (deps.dataSource.driver as unknown as { master: Pool }).master;
    const store = new PostgresRateLimitStore(pool);
    const sweep = setInterval(() => void store.sweep(), Math.min(Math.max(limit.windowMs, 10_000), 300_000)).unref();
    fastify.addHook('onClose', async () => clearInterval(sweep));
    storeOptions = {
      store: class extends PostgresRateLimitStore {
        constructor() {
          super(pool);
        }
      },
    };
  }

  await fastify.register(rateLimit, {
    global: false,
    max: limit.max,
    timeWindow: limit.windowMs,
    skipOnError: true,
    keyGenerator: async (request: FastifyRequest) => {
      const token = bearerToken(request);
      const tokenId = token ? await deps.identify(token) : null;
      if (tokenId) return `token:${tokenId}`;
      const scope = request.routeOptions.url === FEED_ROUTE ? 'feed-address' : 'address';
      return `${scope}:${deps.keyring.fingerprint(clientAddressGroup(request.ip))}`;
    },
    ...storeOptions,
  });
  const check = fastify.createRateLimit();

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

/**
 * @fastify/rate-limit's store interface on one PostgreSQL table, for servers without Redis: each
 * request is one statement on an unlogged table, atomic under concurrency, so every process
 * counting against the same database shares the count. A fixed window per key, as the plugin's own
 * stores keep; the database's clock is the only one used, so processes on machines whose clocks
 * differ still agree. Prepared once per connection.
 */
export class PostgresRateLimitStore implements FastifyRateLimitStore {
  constructor(private readonly pool: Pool) {}

  incr(key: string, callback: (error: Error | null, result?: { current: number; ttl: number }) => void, timeWindow: number): void {
    this.pool.query<{ hits: number; ttl: number }>({ name: 'dossier-rate-limit-incr', text: INCREMENT, values: [key, timeWindow] }).then(
      (res) => callback(null, { current: res.rows[0].hits, ttl: res.rows[0].ttl }),
      (e: Error) => callback(e),
    );
  }

  child(): FastifyRateLimitStore {
    return this;
  }

  /** Forgets windows that have ended (a key seen again starts a new one anyway). */
  async sweep(): Promise<void> {
    await this.pool.query('DELETE FROM rate_limit_counters WHERE reset_at < now()').catch(() => undefined);
  }
}

const INCREMENT = `
  INSERT INTO rate_limit_counters AS c (key, hits, reset_at) VALUES ($1, 1, now() + $2::int * interval '1 millisecond')
  ON CONFLICT (key) DO UPDATE SET
    hits = CASE WHEN c.reset_at <= now() THEN 1 ELSE c.hits + 1 END,
    reset_at = CASE WHEN c.reset_at <= now() THEN EXCLUDED.reset_at ELSE c.reset_at END
  RETURNING hits, greatest(ceil(extract(epoch FROM reset_at - now()) * 1000), 0)::int AS ttl`;
