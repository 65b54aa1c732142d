import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import type { Pool } from 'pg';
import type { AppConfig } from '../config/app-config';
import { redisOptions } from '../queue/queue-connection';

/**
 * Paces the requests to one outside API at the moment they are sent: no two requests to the same
 * key leave closer than its spacing, however many processes send them. Each send first reserves
 * the next free slot in a store every process shares (Redis, PostgreSQL, or this process's memory
 * for unit tests), waits until that slot, and sends.
 *
 * The store cannot see when a request really leaves: a process whose answer from the store came
 * late, or whose event loop was busy when the slot came, would send late and crowd the next one.
 * So slots are `spacing + margin` apart, and a sender more than `tolerance` late for its slot gives
 * it up and reserves another. What the margin has left over the tolerance absorbs the time between
 * the check and the bytes leaving (fetch's own steps, a busy event loop): two sends stay at least
 * `spacing` apart unless that time exceeds `margin - tolerance` (25 ms at OpenAlex's 105 ms).
 * A slot given up costs a whole spacing, so a long spacing (arXiv's 3 s) allows more lateness.
 */
export function sendTolerance(spacingMs: number): number {
  return Math.min(100, Math.max(5, Math.round(spacingMs / 20)));
}

/** The time added to each slot beyond the spacing: a tenth of it, within 30..250 ms. */
export function slotMargin(spacingMs: number): number {
  return Math.min(250, Math.max(30, Math.round(spacingMs / 10)));
}

export interface PacingStore {
  /** Reserves the next slot of `key`, the one after it `gapMs` later; answers how long from now (as the store saw it) the slot is. */
  reserve(key: string, gapMs: number): Promise<number>;
  /** No slot of `key` before `ms` from now (a Retry-After the API gave). */
  hold(key: string, ms: number): Promise<void>;
  close(): Promise<void>;
}

export class RequestPacer {
  constructor(
    private readonly store: PacingStore,
    /** Spacing per key (ms); a key without one is not paced. */
    private readonly spacing: Readonly<Record<string, number>>,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Resolves when a request to `key` may leave; call it right before sending. */
  async beforeSend(key: string): Promise<void> {
    const spacing = this.spacing[key];
    if (!spacing) return;
    const tolerance = sendTolerance(spacing);
    for (;;) {
      const asked = this.now();
      const waitMs = await this.store.reserve(key, spacing + slotMargin(spacing));
      const answered = this.now();
      // The slot is no earlier than asked + waitMs (the store saw "now" after we asked) and no later than answered + waitMs.
      const target = answered + waitMs;
      for (let left = target - this.now(); left > 0; left = target - this.now()) await sleep(Math.ceil(left));
      if (this.now() - (asked + waitMs) <= tolerance) return;
      // Too late for this slot (a slow store answer or a busy process): the next sender may already be on its way.
    }
  }

  /** The API asked to wait: no process sends to `key` for `ms`. */
  async hold(key: string, ms: number): Promise<void> {
    if (this.spacing[key] && ms > 0) await this.store.hold(key, Math.ceil(ms));
  }

  close(): Promise<void> {
    return this.store.close();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.close();
  }
}

/** Slots in this process only: for unit tests and single-process tools. */
export class InProcessPacingStore implements PacingStore {
  private readonly next = new Map<string, number>();

  constructor(private readonly now: () => number = () => performance.now()) {}

  async reserve(key: string, gapMs: number): Promise<number> {
    const now = this.now();
    const slot = Math.max(now, this.next.get(key) ?? 0);
    this.next.set(key, slot + gapMs);
    return slot - now;
  }

  async hold(key: string, ms: number): Promise<void> {
    this.next.set(key, Math.max(this.next.get(key) ?? 0, this.now() + ms));
  }

  async close(): Promise<void> {}
}

// Redis's own clock decides, so processes on machines whose clocks differ still agree. The key
// expires once its slot is long past.
const RESERVE_LUA = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local slot = math.max(now, tonumber(redis.call('GET', KEYS[1]) or '0'))
local gap = tonumber(ARGV[1])
redis.call('SET', KEYS[1], slot + gap, 'PX', slot - now + gap + 60000)
return slot - now`;

const HOLD_LUA = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local slot = math.max(now + tonumber(ARGV[1]), tonumber(redis.call('GET', KEYS[1]) or '0'))
redis.call('SET', KEYS[1], slot, 'PX', slot - now + 60000)
return 0`;

/** Slots in Redis: one key per paced API, reserved by an atomic script. */
export class RedisPacingStore implements PacingStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly ownsConnection = true,
  ) {}

  async reserve(key: string, gapMs: number): Promise<number> {
    return Number(await this.redis.eval(RESERVE_LUA, 1, this.prefix + key, String(gapMs)));
  }

  async hold(key: string, ms: number): Promise<void> {
    await this.redis.eval(HOLD_LUA, 1, this.prefix + key, String(ms));
  }

  async close(): Promise<void> {
    if (this.ownsConnection) await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

// One row per paced API (table request_pacing); the row lock orders concurrent reservations, and
// statement_timestamp() is no later than the moment the answer leaves, so the wait is never short.
const RESERVE_SQL = `
INSERT INTO request_pacing AS p (key, next_at) VALUES ($1, statement_timestamp() + $2::float8 * interval '1 millisecond')
ON CONFLICT (key) DO UPDATE SET next_at = GREATEST(p.next_at, statement_timestamp()) + $2::float8 * interval '1 millisecond'
RETURNING (EXTRACT(EPOCH FROM (p.next_at - statement_timestamp())) * 1000 - $2::float8)::float8 AS wait_ms`;

const HOLD_SQL = `
INSERT INTO request_pacing AS p (key, next_at) VALUES ($1, statement_timestamp() + $2::float8 * interval '1 millisecond')
ON CONFLICT (key) DO UPDATE SET next_at = GREATEST(p.next_at, EXCLUDED.next_at)`;

/**
 * Slots in PostgreSQL, when there is no Redis. Keys carry the installation's queue prefix, as the
 * Redis keys do, so two installations (or two test runs) sharing one database pace apart.
 */
export class PostgresPacingStore implements PacingStore {
  constructor(
    private readonly pool: Pool,
    private readonly prefix = '',
  ) {}

  async reserve(key: string, gapMs: number): Promise<number> {
    const { rows } = await this.pool.query<{ wait_ms: number }>({ name: 'dossier-pacing-reserve', text: RESERVE_SQL, values: [this.prefix + key, gapMs] });
    return Math.max(0, rows[0].wait_ms);
  }

  async hold(key: string, ms: number): Promise<void> {
    await this.pool.query({ name: 'dossier-pacing-hold', text: HOLD_SQL, values: [this.prefix + key, ms] });
  }

  async close(): Promise<void> {}
}

/**
 * The pacer every process of one installation shares: on Redis when the queues are (REDIS_URL),
 * otherwise on PostgreSQL. `spacing` per key: at least this many ms between two sends.
 */
export function createRequestPacer(queue: AppConfig['queue'], pool: Pool, spacing: Record<string, number>): RequestPacer {
  if (queue.backend === 'redis') {
    // Its own connection, made on first use (the API process never sends), failing a command fast rather than holding a request.
    const redis = new Redis({ ...redisOptions(queue.url), maxRetriesPerRequest: 1, lazyConnect: true } as never);
    redis.on('error', () => undefined);
    return new RequestPacer(new RedisPacingStore(redis, `${queue.prefix}:pacing:`), spacing);
  }
  return new RequestPacer(new PostgresPacingStore(pool, `${queue.prefix}:pacing:`), spacing);
}
