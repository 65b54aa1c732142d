import type { FastifyRateLimitStore } from '@fastify/rate-limit';
import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';

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

/** A store on the application's own PostgreSQL pool (the one TypeORM opened). */
export function postgresRateLimitStore(dataSource: DataSource): PostgresRateLimitStore {
  return new PostgresRateLimitStore((dataSource.driver as unknown as { master: Pool }).master);
}
