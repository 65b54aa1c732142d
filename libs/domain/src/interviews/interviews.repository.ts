import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, Not } from 'typeorm';
import { columnReference } from '#platform';
import { Interview, InterviewOutcome } from './interview.entity';
import type { PersonReference } from '../people/index';

/** The user's notes on one interviewer at one interview, as stored. */
export interface NotesRow {
  notes_id: string | null;
  asked: string | null;
  how_it_went: string | null;
  follow_up: string | null;
  notes_updated_at: Date | null;
}

export interface MeetingRow extends NotesRow {
  person_id: string;
  id: string;
  starts_at: Date;
  time_zone: string;
  duration_minutes: number;
  outcome: InterviewOutcome;
  application_id: string;
  stage_id: string;
}

export interface InterviewerRow extends NotesRow {
  interview_id: string;
  person_id: string;
}

export interface InterviewListFilter {
  upcoming?: { now: Date; until: Date; withCancelled: boolean };
  past?: { now: Date };
  applicationId?: string;
  stageId?: string;
  outcome?: InterviewOutcome[];
  direction: 'ASC' | 'DESC';
  limit: number;
  offset: number;
}

/** When one interview meets, and for which stage: the light read of the planner and readiness. */
export interface InterviewDates {
  id: string;
  applicationId: string;
  stageId: string;
  startsAt: Date;
  durationMinutes: number;
  outcome: InterviewOutcome;
}

/** An interview is over once its duration has passed: one in progress is still upcoming. */
const ENDS_AT = "i.starts_at + i.duration_minutes * interval '1 minute'";

/** The interviews module's tables (interviews, interview_interviewers, interviewer_notes): every statement on them. */
@Injectable()
export class InterviewsRepository {
  /** A person's seat on a panel and the user's notes on them at an interview: when both were on one interview, the survivor's stay. People's merges and erasures run these (registered in InterviewsModule). */
  readonly personReferences: PersonReference[] = [
    { label: 'interviews', ...columnReference({ table: 'interview_interviewers', column: 'person_id', onErase: 'delete', uniqueWith: ['interview_id'] }) },
    { label: 'interviewerNotes', ...columnReference({ table: 'interviewer_notes', column: 'person_id', onErase: 'delete', uniqueWith: ['interview_id'] }) },
  ];

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  get manager(): EntityManager {
    return this.dataSource.manager;
  }

  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** Whether PostgreSQL's time-zone database knows the zone (a query that fails when it does not). */
  async zoneKnown(zone: string): Promise<boolean> {
    try {
      await this.dataSource.query('SELECT now() AT TIME ZONE $1', [zone]);
      return true;
    } catch {
      return false;
    }
  }

  /** The user's interview with its application (organization, team) and stage. */
  findOne(userId: string, id: string, em: EntityManager = this.manager): Promise<Interview | null> {
    return this.withRelations(em, userId).andWhere('i.id = :id', { id }).getOne();
  }

  list(userId: string, f: InterviewListFilter): Promise<[Interview[], number]> {
    const qb = this.withRelations(this.manager, userId);
    if (f.upcoming) {
      qb.andWhere(`${ENDS_AT} > :now AND i.starts_at < :until`, { now: f.upcoming.now, until: f.upcoming.until });
      if (!f.upcoming.withCancelled) qb.andWhere("i.outcome <> 'cancelled'");
    } else if (f.past) {
      qb.andWhere(`${ENDS_AT} <= :now`, { now: f.past.now });
    }
    if (f.applicationId) qb.andWhere('i.application_id = :applicationId', { applicationId: f.applicationId });
    if (f.stageId) qb.andWhere('i.stage_id = :stageId', { stageId: f.stageId });
    if (f.outcome?.length) qb.andWhere('i.outcome IN (:...outcome)', { outcome: f.outcome });
    return qb.orderBy('i.starts_at', f.direction).addOrderBy('i.id', 'ASC').limit(f.limit).offset(f.offset).getManyAndCount();
  }

  /** Every interview of the user, oldest first. */
  all(userId: string, em: EntityManager = this.manager): Promise<Interview[]> {
    return this.withRelations(em, userId).orderBy('i.starts_at', 'ASC').addOrderBy('i.id', 'ASC').getMany();
  }

  /** The user's interview, its row locked for the rest of the transaction. */
  locked(em: EntityManager, userId: string, id: string, select?: { id: true }): Promise<Interview | null> {
    return em.findOne(Interview, { ...(select ? { select } : {}), where: { id, userId }, lock: { mode: 'pessimistic_write' } });
  }

  /** Whether the interview is the user's. */
  async exists(userId: string, id: string): Promise<boolean> {
    const found = (await this.dataSource.query('SELECT 1 FROM interviews WHERE id = $1 AND user_id = $2', [id, userId])) as unknown[];
    return found.length > 0;
  }

  /** Locks the user's interview row (it numbers what is made of it one at a time); false when it is not theirs. */
  async lockRow(em: EntityManager, userId: string, id: string): Promise<boolean> {
    const found = (await em.query('SELECT id FROM interviews WHERE id = $1 AND user_id = $2 FOR UPDATE', [id, userId])) as unknown[];
    return found.length > 0;
  }

  /**
   * The dates of the user's interviews, nothing joined: of these applications, or these interviews,
   * or those not over yet and starting before `until` (cancelled ones left out there). For readers
   * that only need when each stage meets (the study planner, readiness).
   */
  async dates(userId: string, f: { applicationIds?: string[]; interviewIds?: string[]; upcoming?: { now: Date; until: Date } }): Promise<InterviewDates[]> {
    const rows = (await this.dataSource.query(
      `SELECT i.id, i.application_id, i.stage_id, i.starts_at, i.duration_minutes, i.outcome FROM interviews i
        WHERE i.user_id = $1
          AND ($2::uuid[] IS NULL OR i.application_id = ANY($2::uuid[]))
          AND ($3::uuid[] IS NULL OR i.id = ANY($3::uuid[]))
          AND ($4::timestamptz IS NULL OR (${ENDS_AT} > $4 AND i.starts_at < $5 AND i.outcome <> 'cancelled'))
        ORDER BY i.starts_at, i.id`,
      [userId, f.applicationIds ?? null, f.interviewIds ?? null, f.upcoming?.now ?? null, f.upcoming?.until ?? null],
    )) as { id: string; application_id: string; stage_id: string; starts_at: Date; duration_minutes: number; outcome: InterviewOutcome }[];
    return rows.map((r) => ({ id: r.id, applicationId: r.application_id, stageId: r.stage_id, startsAt: r.starts_at, durationMinutes: r.duration_minutes, outcome: r.outcome }));
  }

  /** Interviews of every user starting in (from, to], not cancelled, soonest first. */
  async startingBetween(from: Date, to: Date): Promise<{ id: string; userId: string; startsAt: Date }[]> {
    const rows = (await this.dataSource.query(
      `SELECT i.id, i.user_id, i.starts_at FROM interviews i WHERE i.starts_at > $1 AND i.starts_at <= $2 AND i.outcome <> 'cancelled' ORDER BY i.starts_at`,
      [from, to],
    )) as { id: string; user_id: string; starts_at: Date }[];
    return rows.map((r) => ({ id: r.id, userId: r.user_id, startsAt: r.starts_at }));
  }

  /** Writes a new interview with its panel; answers it with its id. */
  async insert(em: EntityManager, fields: Partial<Interview>, interviewerIds: string[]): Promise<Interview> {
    const interview = em.create(Interview, fields);
    await em.insert(Interview, interview);
    if (interviewerIds.length) await em.createQueryBuilder().relation(Interview, 'interviewers').of(interview.id).add(interviewerIds);
    return interview;
  }

  async update(em: EntityManager, id: string, patch: Partial<Interview>): Promise<void> {
    await em.update(Interview, { id }, patch);
  }

  async delete(em: EntityManager, id: string): Promise<void> {
    await em.delete(Interview, { id });
  }

  async panelIds(em: EntityManager, id: string): Promise<string[]> {
    const rows = (await em.query('SELECT person_id FROM interview_interviewers WHERE interview_id = $1', [id])) as { person_id: string }[];
    return rows.map((r) => r.person_id);
  }

  async changePanel(em: EntityManager, id: string, add: string[], remove: string[]): Promise<void> {
    await em.createQueryBuilder().relation(Interview, 'interviewers').of(id).addAndRemove(add, remove);
  }

  /** Those of `personIds` the user has notes on at this interview. */
  async notedAmong(em: EntityManager, id: string, personIds: string[]): Promise<string[]> {
    const rows = (await em.query('SELECT person_id FROM interviewer_notes WHERE interview_id = $1 AND person_id = ANY($2)', [id, personIds])) as { person_id: string }[];
    return rows.map((r) => r.person_id);
  }

  /** The interviews of the stage that were not cancelled, the latest first. */
  heldOnStage(em: EntityManager, stageId: string): Promise<Interview[]> {
    return em.find(Interview, { where: { stageId, outcome: Not('cancelled') }, order: { startsAt: 'DESC', id: 'DESC' } });
  }

  /** The people on each interview's panel, with the user's notes on them there. */
  async interviewers(em: EntityManager, interviewIds: string[]): Promise<InterviewerRow[]> {
    return (await em.query(
      `SELECT ii.interview_id, ii.person_id, n.id AS notes_id, n.asked, n.how_it_went, n.follow_up, n.updated_at AS notes_updated_at
         FROM interview_interviewers ii
         LEFT JOIN interviewer_notes n ON n.interview_id = ii.interview_id AND n.person_id = ii.person_id
        WHERE ii.interview_id = ANY($1)`,
      [interviewIds],
    )) as InterviewerRow[];
  }

  /** The interviews each of `personIds` was on, most recent first, with the user's notes on them there. */
  async meetings(em: EntityManager, userId: string, personIds: string[], q: { before: Date | null; exceptInterviewId: string | null; includeCancelled: boolean }): Promise<MeetingRow[]> {
    return (await em.query(
      `SELECT ii.person_id, i.id, i.starts_at, i.time_zone, i.duration_minutes, i.outcome, i.application_id, i.stage_id,
              n.id AS notes_id, n.asked, n.how_it_went, n.follow_up, n.updated_at AS notes_updated_at
         FROM interview_interviewers ii
         JOIN interviews i ON i.id = ii.interview_id
         LEFT JOIN interviewer_notes n ON n.interview_id = i.id AND n.person_id = ii.person_id
        WHERE ii.person_id = ANY($2) AND i.user_id = $1
          AND ($3::timestamptz IS NULL OR i.starts_at < $3)
          AND ($4::uuid IS NULL OR i.id <> $4)
          AND ($5 OR i.outcome <> 'cancelled')
        ORDER BY i.starts_at DESC, i.id`,
      [userId, personIds, q.before, q.exceptInterviewId, q.includeCancelled],
    )) as MeetingRow[];
  }

  /** Whether the person is on the interview's panel. */
  async onPanel(em: EntityManager, interviewId: string, personId: string): Promise<boolean> {
    const rows = (await em.query('SELECT 1 FROM interview_interviewers WHERE interview_id = $1 AND person_id = $2', [interviewId, personId])) as unknown[];
    return rows.length > 0;
  }

  async putNotes(em: EntityManager, userId: string, interviewId: string, personId: string, notes: { asked: string | null; howItWent: string | null; followUp: string | null }): Promise<void> {
    await em.query(
      `INSERT INTO interviewer_notes (user_id, interview_id, person_id, asked, how_it_went, follow_up)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (interview_id, person_id) DO UPDATE SET asked = EXCLUDED.asked, how_it_went = EXCLUDED.how_it_went, follow_up = EXCLUDED.follow_up, updated_at = now()`,
      [userId, interviewId, personId, notes.asked, notes.howItWent, notes.followUp],
    );
  }

  async removeNotes(em: EntityManager, interviewId: string, personId: string): Promise<void> {
    await em.query('DELETE FROM interviewer_notes WHERE interview_id = $1 AND person_id = $2', [interviewId, personId]);
  }

  private withRelations(em: EntityManager, userId: string) {
    return em
      .getRepository(Interview)
      .createQueryBuilder('i')
      .innerJoinAndSelect('i.application', 'a')
      .innerJoinAndSelect('a.organization', 'o')
      .leftJoinAndSelect('a.team', 't')
      .innerJoinAndSelect('i.stage', 's')
      .where('i.user_id = :userId', { userId });
  }
}
