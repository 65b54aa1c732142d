import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { mentionsSql } from '../shared/text-mentions';
import { Briefing } from './briefing.entity';

/** The briefings table: every statement on it. */
@Injectable()
export class BriefingsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** For the owners' read models the briefing calls. */
  get manager(): EntityManager {
    return this.dataSource.manager;
  }

  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** The interview's version still queued or being generated, the latest first. */
  pending(em: EntityManager, interviewId: string): Promise<Briefing | null> {
    return em.findOne(Briefing, { where: [{ interviewId, status: 'queued' }, { interviewId, status: 'generating' }], order: { version: 'DESC' } });
  }

  async nextVersion(em: EntityManager, interviewId: string): Promise<number> {
    const [{ next }] = (await em.query('SELECT coalesce(max(version), 0) + 1 AS next FROM briefings WHERE interview_id = $1', [interviewId])) as { next: number }[];
    return next;
  }

  /** Writes a new version; answers it with its id. */
  async insert(em: EntityManager, fields: Partial<Briefing>): Promise<Briefing> {
    const briefing = em.create(Briefing, fields);
    await em.insert(Briefing, briefing);
    return briefing;
  }

  findById(id: string): Promise<Briefing | null> {
    return this.dataSource.getRepository(Briefing).findOneBy({ id });
  }

  findOwned(userId: string, id: string): Promise<Briefing | null> {
    return this.dataSource.getRepository(Briefing).findOneBy({ id, userId });
  }

  async update(id: string, patch: Partial<Briefing>): Promise<void> {
    await this.dataSource.getRepository(Briefing).update({ id }, patch);
  }

  /** The latest ready version before `version`. */
  previousReady(interviewId: string, version: number): Promise<Briefing | null> {
    return this.dataSource
      .getRepository(Briefing)
      .createQueryBuilder('b')
      .where('b.interview_id = :interviewId AND b.status = :ready AND b.version < :version', { interviewId, ready: 'ready', version })
      .orderBy('b.version', 'DESC')
      .getOne();
  }

  /** A page of the interview's versions, newest first, without their facts and renderings. */
  page(userId: string, interviewId: string, limit: number, offset: number): Promise<[Briefing[], number]> {
    return this.dataSource.getRepository(Briefing).findAndCount({
      where: { userId, interviewId },
      order: { version: 'DESC' },
      take: limit,
      skip: offset,
      select: { id: true, userId: true, interviewId: true, version: true, trigger: true, status: true, forStartsAt: true, changes: true, error: true, createdAt: true, generatedAt: true },
    });
  }

  latestReady(userId: string, interviewId: string): Promise<Briefing | null> {
    return this.dataSource.getRepository(Briefing).findOne({ where: { userId, interviewId, status: 'ready' }, order: { version: 'DESC' } });
  }

  /** Those of the interviews that already have a version the schedule made for their current start. */
  async scheduledFor(interviews: { id: string; startsAt: Date }[]): Promise<Set<string>> {
    if (interviews.length === 0) return new Set();
    const rows = (await this.dataSource.query(
      `SELECT DISTINCT b.interview_id FROM briefings b JOIN unnest($1::uuid[], $2::timestamptz[]) AS i(id, starts_at) ON b.interview_id = i.id AND b.for_starts_at = i.starts_at
        WHERE b.trigger = 'schedule'`,
      [interviews.map((i) => i.id), interviews.map((i) => i.startsAt)],
    )) as { interview_id: string }[];
    return new Set(rows.map((r) => r.interview_id));
  }
}

/**
 * Deletes the user's versions that name an erased person (by a needle or their id) in their
 * facts, rendered text, list of changes or error; answers the ids deleted.
 */
export async function deleteBriefingsMentioning(em: EntityManager, userId: string, needles: string[]): Promise<string[]> {
  const rows = (await em.query(
    `WITH gone AS (DELETE FROM briefings
      WHERE user_id = $1
        AND (${mentionsSql("coalesce(content::text, '')", 2)} OR ${mentionsSql("coalesce(markdown, '')", 2)} OR ${mentionsSql("coalesce(html, '')", 2)}
             OR ${mentionsSql('changes::text', 2)} OR ${mentionsSql("coalesce(error, '')", 2)})
      RETURNING id)
     SELECT id FROM gone`,
    [userId, needles],
  )) as { id: string }[];
  return rows.map((r) => r.id);
}
