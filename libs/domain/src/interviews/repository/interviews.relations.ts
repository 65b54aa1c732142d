/**
 * The interviews module's published relations: inline views over its tables, with the columns it
 * promises, for other modules' SQL to join instead of naming its tables (see
 * people/repository/people.relations.ts for the rule). Imports nothing but the shared kernel.
 */

/**
 * Every interview of every account: id, user_id, application_id, stage_id, starts_at, time_zone (the
 * zone it was arranged in), outcome, person_ids (the people on its panel; '{}' when none: computed
 * only when a statement reads it, as PostgreSQL drops an inline view's unused columns).
 */
export const INTERVIEWS = `(SELECT i.id, i.user_id, i.application_id, i.stage_id, i.starts_at, i.time_zone, i.outcome,
    coalesce((SELECT array_agg(ii.person_id) FROM interview_interviewers ii WHERE ii.interview_id = i.id), '{}') AS person_ids
   FROM interviews i)`;

/**
 * Who sits on each interview that is neither cancelled nor over yet (as of the statement's
 * now()): interview_id, user_id (the interview's account), person_id.
 */
export const UPCOMING_INTERVIEW_PANELS = `(SELECT ii.interview_id, i.user_id, ii.person_id FROM interview_interviewers ii JOIN interviews i ON i.id = ii.interview_id
  WHERE i.outcome <> 'cancelled' AND i.starts_at + i.duration_minutes * interval '1 minute' > now())`;
