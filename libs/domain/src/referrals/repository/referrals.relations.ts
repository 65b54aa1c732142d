/**
 * The referrals module's published relations: inline views over its tables, with the columns it
 * promises, for other modules' SQL to join instead of naming its tables (see
 * people/repository/people.relations.ts for the rule). Imports nothing but the shared kernel.
 */

/**
 * Every referral: id, user_id, application_id, referrer_id, recruiter_id, status, status_dates (the
 * day each status was reached, as jsonb), notes, carried_from_id (the referral a reroute carried it
 * over from), created_at, updated_at.
 */
export const REFERRALS = `(SELECT r.id, r.user_id, r.application_id, r.referrer_id, r.recruiter_id, r.status, r.status_dates, r.notes,
  r.carried_from_id, r.created_at, r.updated_at FROM referrals r)`;
