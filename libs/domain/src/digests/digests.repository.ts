import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { DigestRunStatus } from './digest-run.entity';

/** A digest a tick means to compose: the account and its local day. */
export interface DigestClaim {
  userId: string;
  localDate: string;
}

/** Every statement of the digests module (the digest_runs table). */
@Injectable()
export class DigestsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** For the owners' read models, read in this module's connection. */
  get manager(): EntityManager {
    return this.dataSource.manager;
  }

  /**
   * Claims each account's digest of its local day: answers those claimed by this call. A day
   * already sent or empty is never claimed again; one left pending by a tick that stopped is taken
   * back once older than `staleAfterMs`. The claim's time is the database's (works arrive on its
   * clock): the next digest lists the works that arrived after it.
   */
  async claim(claims: DigestClaim[], staleAfterMs: number): Promise<DigestClaim[]> {
    if (claims.length === 0) return [];
    const rows = (await this.dataSource.query(
      `INSERT INTO digest_runs (user_id, local_date, status, composed_at)
       SELECT c.user_id, c.local_date, 'pending', now() FROM unnest($1::uuid[], $2::date[]) AS c(user_id, local_date)
       ON CONFLICT (user_id, local_date) DO UPDATE SET composed_at = EXCLUDED.composed_at
          WHERE digest_runs.status = 'pending' AND digest_runs.composed_at < now() - $3 * interval '1 millisecond'
       RETURNING user_id, local_date::text AS local_date`,
      [claims.map((c) => c.userId), claims.map((c) => c.localDate), staleAfterMs],
    )) as { user_id: string; local_date: string }[];
    return rows.map((r) => ({ userId: r.user_id, localDate: r.local_date }));
  }

  /** When each account's latest digest before `localDate` was composed (none: absent). */
  async previousComposedAt(claims: DigestClaim[]): Promise<Map<string, Date>> {
    if (claims.length === 0) return new Map();
    const rows = (await this.dataSource.query(
      `SELECT c.user_id, max(r.composed_at) AS at FROM unnest($1::uuid[], $2::date[]) AS c(user_id, local_date)
         JOIN digest_runs r ON r.user_id = c.user_id AND r.local_date < c.local_date
        GROUP BY c.user_id`,
      [claims.map((c) => c.userId), claims.map((c) => c.localDate)],
    )) as { user_id: string; at: Date }[];
    return new Map(rows.map((r) => [r.user_id, new Date(r.at)]));
  }

  /** Records how each claimed digest ended. */
  async finish(results: { userId: string; localDate: string; status: Exclude<DigestRunStatus, 'pending'>; items: number }[]): Promise<void> {
    if (results.length === 0) return;
    await this.dataSource.query(
      `UPDATE digest_runs r SET status = x.status, items = x.items
         FROM unnest($1::uuid[], $2::date[], $3::text[], $4::int[]) AS x(user_id, local_date, status, items)
        WHERE r.user_id = x.user_id AND r.local_date = x.local_date`,
      [results.map((r) => r.userId), results.map((r) => r.localDate), results.map((r) => r.status), results.map((r) => r.items)],
    );
  }

  /** Gives back claims whose mail could not be handed over, so that the next tick tries again. */
  async release(claims: DigestClaim[]): Promise<void> {
    if (claims.length === 0) return;
    await this.dataSource.query(
      `DELETE FROM digest_runs r USING unnest($1::uuid[], $2::date[]) AS c(user_id, local_date)
        WHERE r.user_id = c.user_id AND r.local_date = c.local_date AND r.status = 'pending'`,
      [claims.map((c) => c.userId), claims.map((c) => c.localDate)],
    );
  }
}
