import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { CalendarFeed } from './calendar-feed.entity';

/** Every statement on calendar feeds (one per user). */
@Injectable()
export class CalendarFeedsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** A new token hash for the user's feed, made or replaced; `created` is false when one was replaced. */
  async upsert(userId: string, tokenHash: string): Promise<{ createdAt: Date; created: boolean }> {
    const [row] = (await this.dataSource.query(
      `INSERT INTO calendar_feeds (user_id, token_hash) VALUES ($1, $2)
       ON CONFLICT (user_id) DO UPDATE SET token_hash = EXCLUDED.token_hash, created_at = now()
       RETURNING created_at, (xmax = 0) AS created`,
      [userId, tokenHash],
    )) as { created_at: Date; created: boolean }[];
    return { createdAt: row.created_at, created: row.created };
  }

  findByUser(userId: string): Promise<CalendarFeed | null> {
    return this.dataSource.getRepository(CalendarFeed).findOneBy({ userId });
  }

  findByTokenHash(tokenHash: string): Promise<CalendarFeed | null> {
    return this.dataSource.getRepository(CalendarFeed).findOneBy({ tokenHash });
  }

  async deleteByUser(userId: string): Promise<boolean> {
    return !!(await this.dataSource.getRepository(CalendarFeed).delete({ userId })).affected;
  }

  /** Runs `work` in one REPEATABLE READ snapshot, so what it reads comes from the same moment. */
  snapshot<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction('REPEATABLE READ', work);
  }
}
