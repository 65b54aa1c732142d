import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { matchAuthorshipsSql, peopleAuthorKeysSql, personOrcidSql } from './person-authorships';
import { WORK_COLUMNS, workFromRow, type WorkPage, type WorkView } from './works-query.service';

export const NEW_WORKS_SCOPES = ['interviewers', 'all'] as const;
export type NewWorksScope = (typeof NEW_WORKS_SCOPES)[number];

export interface NewWork {
  work: WorkView;
  /** The user's people it is by (of the scope asked for), by name. */
  people: { id: string; fullName: string }[];
  /** When Dossier first cached the work. */
  arrivedAt: Date;
}

export interface NewWorksPage extends WorkPage<NewWork> {
  /** Works that arrived after this are new: the user's marker, or their account's creation until they first mark them seen. */
  since: Date;
  /** The time the list was read: pass it to markSeen so that a work arriving meanwhile stays new. */
  asOf: Date;
}

/**
 * "What did my interviewers publish since I last looked": works first cached after the user's
 * marker (users.works_seen_at) whose authorships are one of the user's people's (the same rule as a
 * person's works, see person-authorships.ts). A work is new once, when it first arrives in the
 * shared cache; another source's record of it later, or a citation count going up, does not make
 * it new again. `interviewers`: the people on the user's upcoming (not cancelled) interviews.
 */
@Injectable()
export class NewWorksService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(userId: string, query: { scope?: NewWorksScope; limit?: number; offset?: number } = {}): Promise<NewWorksPage> {
    const limit = query.limit ?? 50;
    const offset = query.offset ?? 0;
    const interviewersOnly = (query.scope ?? 'interviewers') === 'interviewers';
    const rows = (await this.dataSource.query(
      `WITH marker AS (SELECT coalesce(u.works_seen_at, u.created_at) AS since, now() AS as_of FROM users u WHERE u.id = $1),
       chosen AS (
         SELECT p.id, ${personOrcidSql('p')} AS orcid FROM people p
          WHERE p.user_id = $1 AND p.deleted_at IS NULL
          ${
            interviewersOnly
              ? `AND EXISTS (SELECT 1 FROM interview_interviewers ii JOIN interviews i ON i.id = ii.interview_id
                              WHERE ii.person_id = p.id AND i.user_id = $1 AND i.outcome <> 'cancelled'
                                AND i.starts_at + i.duration_minutes * interval '1 minute' > now())`
              : ''
          }
       ),
       person_keys AS (${peopleAuthorKeysSql('chosen', '$1')}),
       matched AS (SELECT DISTINCT m.person_id, m.work_id FROM (${matchAuthorshipsSql('work_authorships', 'person_keys')}) m),
       arrived AS (
         SELECT w.id, w.created_at,
                json_agg(json_build_object('id', p.id, 'fullName', p.full_name) ORDER BY p.name_folded, p.id) AS people
           FROM matched mt JOIN works w ON w.id = mt.work_id JOIN people p ON p.id = mt.person_id, marker
          WHERE w.created_at > marker.since
          GROUP BY w.id, w.created_at
       )
       SELECT marker.since, marker.as_of, t.total, pg.*
         FROM marker
         CROSS JOIN (SELECT count(*)::int AS total FROM arrived) t
         LEFT JOIN LATERAL (
           SELECT ${WORK_COLUMNS}, a.people, a.created_at AS arrived_at
             FROM arrived a JOIN works w ON w.id = a.id
            ORDER BY a.created_at DESC, w.id
            LIMIT $2 OFFSET $3
         ) pg ON true
        ORDER BY pg.arrived_at DESC, pg.id`,
      [userId, limit, offset],
    )) as Record<string, any>[];
    const first = rows[0];
    const items = rows
      .filter((row) => row.id !== null)
      .map((row) => ({ work: workFromRow(row, false), people: row.people as NewWork['people'], arrivedAt: new Date(row.arrived_at) }));
    return { items, total: first?.total ?? 0, limit, offset, since: new Date(first.since), asOf: new Date(first.as_of) };
  }

  /**
   * The user has seen the new works up to `until` (default: now; never later than now, never moving
   * the marker back): the list starts after it from now on. Answers the marker.
   */
  async markSeen(userId: string, until?: Date): Promise<Date> {
    const [row] = (await this.dataSource.query(
      `UPDATE users SET works_seen_at = greatest(coalesce(works_seen_at, '-infinity'::timestamptz), least(coalesce($2::timestamptz, now()), now()))
        WHERE id = $1 RETURNING works_seen_at`,
      [userId, until ?? null],
    )) as [Record<string, Date>[], number] | Record<string, Date>[];
    const updated = Array.isArray(row) ? row[0] : row;
    return new Date((updated as Record<string, Date>).works_seen_at);
  }
}
