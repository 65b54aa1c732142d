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

/**
 * For many accounts at once: their interviews (not cancelled) starting in [from, to), soonest first,
 * with the application's organization and role, the stage and the panel. One statement however many
 * accounts.
 */
export async function upcomingInterviewsOfAccounts(db: DataSource | EntityManager, userIds: string[], from: Date, to: Date): Promise<UpcomingInterviewFacts[]> {
  if (userIds.length === 0) return [];
  const rows = (await db.query(
    `SELECT i.user_id, i.id, i.starts_at, i.time_zone, i.duration_minutes, i.format, o.name AS organization, a.role, s.name AS stage,
            coalesce((SELECT array_agg(p.full_name ORDER BY p.name_folded, p.id) FROM interview_interviewers ii JOIN people p ON p.id = ii.person_id
                       WHERE ii.interview_id = i.id AND p.deleted_at IS NULL), '{}') AS interviewers
       FROM interviews i
       JOIN applications a ON a.id = i.application_id
       JOIN organizations o ON o.id = a.organization_id
       LEFT JOIN application_stages s ON s.id = i.stage_id
      WHERE i.user_id = ANY($1::uuid[]) AND i.starts_at >= $2 AND i.starts_at < $3 AND i.outcome <> 'cancelled'
      ORDER BY i.user_id, i.starts_at, i.id`,
    [userIds, from, to],
  )) as { user_id: string; id: string; starts_at: Date; time_zone: string; duration_minutes: number; format: string; organization: string; role: string; stage: string | null; interviewers: string[] }[];
  return rows.map((r) => ({
    userId: r.user_id,
    interviewId: r.id,
    startsAt: new Date(r.starts_at),
    timeZone: r.time_zone,
    durationMinutes: r.duration_minutes,
    format: r.format,
    organization: r.organization,
    role: r.role,
    stage: r.stage,
    interviewers: r.interviewers,
  }));
}
