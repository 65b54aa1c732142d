import type { DataSource, EntityManager } from 'typeorm';

/** An interview coming up, as a digest lists it. */
export interface UpcomingInterviewFacts {
  userId: string;
  interviewId: string;
  startsAt: Date;
  /** The zone the interview was arranged in. */
  timeZone: string;
  durationMinutes: number;
  format: string;
  organization: string;
  role: string;
  stage: string | null;
  /** The panel's names, in name order. */
  interviewers: string[];
}

/** An upcoming interview's own row: the application, stage and panel by id (their names are their owners'). */
export type UpcomingInterviewRow = Omit<UpcomingInterviewFacts, 'organization' | 'role' | 'stage' | 'interviewers'> & {
  applicationId: string;
  stageId: string | null;
  interviewerIds: string[];
};

/**
 * For many accounts at once: their interviews (not cancelled) starting in [from, to), soonest first,
 * with the ids of the application, the stage and the panel. One statement however many accounts.
 */
export async function upcomingInterviewsOfAccounts(db: DataSource | EntityManager, userIds: string[], from: Date, to: Date): Promise<UpcomingInterviewRow[]> {
  if (userIds.length === 0) return [];
  const rows = (await db.query(
    `SELECT i.user_id, i.id, i.starts_at, i.time_zone, i.duration_minutes, i.format, i.application_id, i.stage_id,
            coalesce((SELECT array_agg(ii.person_id) FROM interview_interviewers ii WHERE ii.interview_id = i.id), '{}') AS interviewer_ids
       FROM interviews i
      WHERE i.user_id = ANY($1::uuid[]) AND i.starts_at >= $2 AND i.starts_at < $3 AND i.outcome <> 'cancelled'
      ORDER BY i.user_id, i.starts_at, i.id`,
    [userIds, from, to],
  )) as { user_id: string; id: string; starts_at: Date; time_zone: string; duration_minutes: number; format: string; application_id: string; stage_id: string | null; interviewer_ids: string[] }[];
  return rows.map((r) => ({
    userId: r.user_id,
    interviewId: r.id,
    startsAt: new Date(r.starts_at),
    timeZone: r.time_zone,
    durationMinutes: r.duration_minutes,
    format: r.format,
    applicationId: r.application_id,
    stageId: r.stage_id,
    interviewerIds: r.interviewer_ids,
  }));
}

/**
 * For many accounts at once: the people on their interviews (not cancelled) not over at `now`, each
 * once per account. One statement however many accounts.
 */
export async function upcomingInterviewersOfAccounts(db: DataSource | EntityManager, userIds: string[], now: Date): Promise<{ userId: string; personId: string }[]> {
  if (userIds.length === 0) return [];
  const rows = (await db.query(
    `SELECT DISTINCT i.user_id, ii.person_id FROM interviews i JOIN interview_interviewers ii ON ii.interview_id = i.id
      WHERE i.user_id = ANY($1::uuid[]) AND i.outcome <> 'cancelled' AND i.starts_at + i.duration_minutes * interval '1 minute' > $2`,
    [userIds, now],
  )) as { user_id: string; person_id: string }[];
  return rows.map((r) => ({ userId: r.user_id, personId: r.person_id }));
}
