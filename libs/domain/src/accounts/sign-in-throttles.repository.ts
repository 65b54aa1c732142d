import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/**
 * One atomic statement per key, so concurrent attempts from any number of processes are counted
 * exactly: an attempt is let in only if the key is not blocked, and it is counted as a failure
 * *before* the password is checked. A burst of guesses sent at once therefore meets the block set
 * by the first of them past the free allowance instead of all running the (deliberately slow)
 * password hash; an attempt that succeeds, or ends without a verdict, gives its count back.
 */
const ATTEMPT = `
  INSERT INTO sign_in_throttles AS t (key, failures, updated_at, blocked_until)
  VALUES ($1, 1, $2::timestamptz, CASE WHEN 1 > $3::int THEN $2::timestamptz + make_interval(secs => least($5::float8, $4::float8 * power(2::float8, 1 - $3::int - 1))) END)
  ON CONFLICT (key) DO UPDATE SET (failures, updated_at, blocked_until) = (
    SELECT d.n, $2::timestamptz, CASE WHEN d.n > $3::int THEN $2::timestamptz + make_interval(secs => least($5::float8, $4::float8 * power(2::float8, d.n - $3::int - 1))) END
    FROM (SELECT t.failures * power(0.5::float8, greatest(extract(epoch FROM $2::timestamptz - greatest(t.updated_at, t.blocked_until))::float8, 0) / $6::float8) + 1 AS n) d
  )
  WHERE t.blocked_until IS NULL OR t.blocked_until <= $2::timestamptz
  RETURNING 1`;

const GIVE_BACK = `
  UPDATE sign_in_throttles SET failures = greatest(failures - 1, 0), blocked_until = CASE WHEN failures - 1 > $2::int THEN blocked_until END
  WHERE key = $1::text`;

/** Every statement on sign_in_throttles (see SignInThrottleService for the pacing they implement). */
@Injectable()
export class SignInThrottlesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Counts a failure up front on an unblocked key; false (nothing counted) when the key is blocked at `at`. */
  async attempt(key: string, at: Date, free: number, firstDelaySeconds: number, maxDelaySeconds: number, halfLifeSeconds: number): Promise<boolean> {
    const rows = (await this.dataSource.query(ATTEMPT, [key, at, free, firstDelaySeconds, maxDelaySeconds, halfLifeSeconds])) as unknown[];
    return rows.length > 0;
  }

  async giveBack(key: string, free: number): Promise<void> {
    await this.dataSource.query(GIVE_BACK, [key, free]);
  }

  /** The latest block among the keys, if any. */
  async blockedUntil(keys: string[]): Promise<Date | null> {
    const [{ until }] = (await this.dataSource.query('SELECT max(blocked_until) AS until FROM sign_in_throttles WHERE key = ANY($1)', [keys])) as { until: Date | null }[];
    return until;
  }

  async clear(key: string): Promise<void> {
    await this.dataSource.query('DELETE FROM sign_in_throttles WHERE key = $1', [key]);
  }

  /** Deletes rows idle for `forgetAfter` (an SQL interval) and not blocked at `now`: they have decayed to nothing. */
  async forgetIdle(now: Date, forgetAfter: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM sign_in_throttles WHERE updated_at < $1::timestamptz - interval '${forgetAfter}' AND (blocked_until IS NULL OR blocked_until < $1)`, [now]);
  }
}
