import { Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import rateLimit, { FastifyRateLimitStore } from '@fastify/rate-limit';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Redis } from 'ioredis';
import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import { AppConfig, clientAddressGroup, errorBody, redisOptions, SecretKeyring } from '#platform';
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
    const pool = (deps.dataSource.driver as unknown as { master: Pool }).master;
    const store = new PostgresRateLimitStore(pool);
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

/**
 * At most this share of a window's limit is handed to one process at a time (and never more than
 * LEASE_MAX): 600/1m gives leases of 12, a limit under 50 leases of 1 (every request counted in the
 * database).
 */
const LEASE_DIVISOR = 50;
const LEASE_MAX = 100;

interface Lease {
  /** Requests counted in the database before this lease was taken (every process's). */
  base: number;
  granted: number;
  used: number;
  /** The window's count reached the limit with this lease: nothing more to take until it resets. */
  last: boolean;
  resetAt: number;
}

/**
 * @fastify/rate-limit's store interface on one PostgreSQL table, for servers without Redis. The
 * count of a window lives in one row per credential that every process updates atomically, so the
 * limit holds across processes. Writing that row on every request made it the hottest row in the
 * database (`npm run bench:api`: 3× PostgreSQL's CPU per request, a third of the throughput), so a
 * process takes its requests in leases: one statement adds a small batch to the shared count, and
 * the batch is served from memory until it is used up or the window ends. No more than the limit is
 * ever let through in a window; at worst a client is refused up to (lease − 1) requests early per
 * other process holding an unused lease. Once a window's count is spent, a process refuses without
 * asking again until the window resets. The database's clock times the windows.
 */
export class PostgresRateLimitStore implements FastifyRateLimitStore {
  private readonly leases = new Map<string, Lease>();
  private readonly claims = new Map<string, Promise<void>>();

  constructor(private readonly pool: Pool) {}

  incr(key: string, callback: (error: Error | null, result?: { current: number; ttl: number }) => void, timeWindow: number, max: number): void {
    this.take(key, timeWindow, max).then(
      (result) => callback(null, result),
      (e: Error) => callback(e),
    );
  }

  child(): FastifyRateLimitStore {
    return this;
  }

  private async take(key: string, timeWindow: number, max: number): Promise<{ current: number; ttl: number }> {
    for (;;) {
      const now = Date.now();
      const lease = this.leases.get(key);
      if (lease && lease.resetAt > now) {
        if (lease.used < lease.granted) {
          lease.used += 1;
          return { current: lease.base + lease.used, ttl: lease.resetAt - now };
        }
        if (lease.last) return { current: max + 1, ttl: lease.resetAt - now };
      }
      // One claim at a time per key in this process; requests arriving meanwhile wait for its lease.
      let claim = this.claims.get(key);
      if (!claim) {
        claim = this.claim(key, timeWindow, max).finally(() => this.claims.delete(key));
        this.claims.set(key, claim);
      }
      await claim;
    }
  }

  private async claim(key: string, timeWindow: number, max: number): Promise<void> {
    const batch = Math.max(1, Math.min(LEASE_MAX, Math.floor(max / LEASE_DIVISOR)));
    const { rows } = await this.pool.query<{ hits: number; ttl: number }>({ name: 'dossier-rate-limit-claim', text: CLAIM, values: [key, timeWindow, batch] });
    const base = rows[0].hits - batch;
    const granted = Math.max(0, Math.min(batch, max - base));
    this.leases.set(key, { base, granted, used: 0, last: base + granted >= max, resetAt: Date.now() + rows[0].ttl });
  }

  /** Forgets windows that have ended, here and in the table (a key seen again starts a new one anyway). */
  async sweep(): Promise<void> {
    const now = Date.now();
    for (const [key, lease] of this.leases) if (lease.resetAt <= now) this.leases.delete(key);
    await this.pool.query('DELETE FROM rate_limit_counters WHERE reset_at < now()').catch(() => undefined);
  }
}

const CLAIM = `
  INSERT INTO rate_limit_counters AS c (key, hits, reset_at) VALUES ($1, $3, now() + $2::int * interval '1 millisecond')
  ON CONFLICT (key) DO UPDATE SET
    hits = CASE WHEN c.reset_at <= now() THEN $3 ELSE c.hits + $3 END,
    reset_at = CASE WHEN c.reset_at <= now() THEN EXCLUDED.reset_at ELSE c.reset_at END
  RETURNING hits, greatest(ceil(extract(epoch FROM reset_at - now()) * 1000), 0)::int AS ttl`;
