import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { mentionsSql } from '../shared/text-mentions';

/** A kept answer to an Idempotency-Key write; `status` is null while the first request still runs. */
export interface KeptAnswer {
  fingerprint: string;
  status: number | null;
  body: string | null;
  headers: Record<string, string> | null;
}

/** Every statement on idempotency_keys. Intervals are SQL interval text ('24 hours'). */
@Injectable()
export class IdempotencyKeysRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Claims the key for a first request: new, or expired (`keep`), or abandoned unanswered (`abandoned`). False when taken. */
  async claim(userId: string, key: string, fingerprint: string, keep: string, abandoned: string): Promise<boolean> {
    const claimed = (await this.dataSource.query(
      `INSERT INTO idempotency_keys (user_id, key, fingerprint) VALUES ($1, $2, $3)
       ON CONFLICT (user_id, key) DO UPDATE SET fingerprint = EXCLUDED.fingerprint, status = NULL, body = NULL, headers = NULL, created_at = now()
        WHERE idempotency_keys.created_at < now() - interval '${keep}'
           OR (idempotency_keys.status IS NULL AND idempotency_keys.created_at < now() - interval '${abandoned}')
       RETURNING 1`,
      [userId, key, fingerprint],
    )) as unknown[];
    return claimed.length > 0;
  }

  async find(userId: string, key: string): Promise<KeptAnswer | undefined> {
    const [kept] = (await this.dataSource.query('SELECT fingerprint, status, body, headers FROM idempotency_keys WHERE user_id = $1 AND key = $2', [userId, key])) as KeptAnswer[];
    return kept;
  }

  async release(userId: string, key: string): Promise<void> {
    await this.dataSource.query('DELETE FROM idempotency_keys WHERE user_id = $1 AND key = $2', [userId, key]);
  }

  async keep(userId: string, key: string, status: number, body: string | null, headers: Record<string, string>): Promise<void> {
    await this.dataSource.query(`UPDATE idempotency_keys SET status = $3, body = $4, headers = $5 WHERE user_id = $1 AND key = $2`, [userId, key, status, body, headers]);
  }

  /** Deletes the user's answers older than `keep`. */
  async expire(userId: string, keep: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM idempotency_keys WHERE user_id = $1 AND created_at < now() - interval '${keep}'`, [userId]);
  }

  /** Deletes the user's kept answers whose body or headers mention any of `needles`; answers how many. */
  async eraseMentioning(em: EntityManager, userId: string, needles: string[]): Promise<number> {
    const [{ count }] = (await em.query(
      `WITH gone AS (DELETE FROM idempotency_keys WHERE user_id = $1 AND (${mentionsSql("coalesce(body, '')", 2)} OR ${mentionsSql("coalesce(headers::text, '')", 2)}) RETURNING 1)
       SELECT count(*)::int AS count FROM gone`,
      [userId, needles],
    )) as { count: number }[];
    return count;
  }
}
