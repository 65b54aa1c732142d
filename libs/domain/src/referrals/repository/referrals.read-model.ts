import type { DataSource, EntityManager } from 'typeorm';
import { PEOPLE } from '../../people/repository/people.relations';

export interface ReferralFacts {
  referrerId: string;
  referrerName: string;
  applicationId: string;
  status: string;
  statusDates: Record<string, string>;
  notes: string | null;
}

/** The application's latest referral with its referrer's name, or null. */
export async function latestReferralOf(db: DataSource | EntityManager, userId: string, applicationId: string): Promise<ReferralFacts | null> {
  const [row] = (await db.query(
    `SELECT r.status, r.status_dates, r.notes, r.application_id, p.id AS referrer_id, p.full_name AS referrer_name
       FROM referrals r JOIN ${PEOPLE} p ON p.id = r.referrer_id
      WHERE r.user_id = $1 AND r.application_id = $2 ORDER BY r.created_at DESC LIMIT 1`,
    [userId, applicationId],
  )) as ReferralRow[];
  return row ? factsOf(row) : null;
}

/**
 * The referrals each of `referrerIds` made for the user, oldest first, in one read. A referral
 * carried over by a reroute is one referral: listed once, as its latest copy.
 */
export async function referralsMadeBy(db: DataSource | EntityManager, userId: string, referrerIds: string[]): Promise<Omit<ReferralFacts, 'referrerName'>[]> {
  if (referrerIds.length === 0) return [];
  const rows = (await db.query(
    `SELECT r.referrer_id, r.application_id, r.status, r.status_dates, r.notes FROM referrals r
      WHERE r.user_id = $1 AND r.referrer_id = ANY($2)
        AND NOT EXISTS (SELECT 1 FROM referrals c WHERE c.carried_from_id = r.id)
      ORDER BY r.created_at, r.id`,
    [userId, referrerIds],
  )) as ReferralRow[];
  return rows.map((r) => ({ referrerId: r.referrer_id, applicationId: r.application_id, status: r.status, statusDates: r.status_dates, notes: r.notes }));
}

interface ReferralRow {
  referrer_id: string;
  referrer_name?: string;
  application_id: string;
  status: string;
  status_dates: Record<string, string>;
  notes: string | null;
}

function factsOf(r: ReferralRow): ReferralFacts {
  return { referrerId: r.referrer_id, referrerName: r.referrer_name ?? '', applicationId: r.application_id, status: r.status, statusDates: r.status_dates, notes: r.notes };
}

/** Those of `ids` that are still the user's referrals (one erased with its referrer is gone). */
export async function existingReferralIds(db: DataSource | EntityManager, userId: string, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = (await db.query('SELECT id FROM referrals WHERE user_id = $1 AND id = ANY($2::uuid[])', [userId, ids])) as { id: string }[];
  return new Set(rows.map((r) => r.id));
}

/** A referral still waiting on someone (the referrer or the recruiter), as a digest lists it. */
export interface WaitingReferralFacts {
  userId: string;
  referralId: string;
  applicationId: string;
  referrerName: string;
  organization: string;
  role: string;
  status: string;
  /** The day it reached its status, when recorded (yyyy-mm-dd). */
  since: string | null;
}

/** The statuses of a referral that wait on someone else, in path order. */
export const WAITING_REFERRAL_STATUSES = ['discussed', 'offered', 'submitted', 'recruiter_contacted'] as const;

/** A waiting referral's own row: the application's organization and role are the applications module's. */
export type WaitingReferralRow = Omit<WaitingReferralFacts, 'organization' | 'role'>;

/**
 * For many accounts at once: their referrals waiting on someone, on `activeApplicationIds` (the
 * accounts' applications still active, as the applications module lists them), each once (a
 * carried-over referral as its latest copy), longest waiting first, at most `perAccount` each,
 * with each account's total. One statement.
 */
export async function waitingReferralsOfAccounts(
  db: DataSource | EntityManager,
  userIds: string[],
  activeApplicationIds: string[],
  perAccount: number,
): Promise<{ items: WaitingReferralRow[]; totals: Map<string, number> }> {
  if (userIds.length === 0 || activeApplicationIds.length === 0) return { items: [], totals: new Map() };
  const rows = (await db.query(
    `WITH waiting AS (
       SELECT r.user_id, r.id, r.application_id, p.full_name AS referrer_name, r.status, r.status_dates->>r.status AS since,
              row_number() OVER (PARTITION BY r.user_id ORDER BY r.status_dates->>r.status NULLS LAST, r.created_at, r.id) AS n,
              count(*) OVER (PARTITION BY r.user_id)::int AS total
         FROM referrals r
         JOIN ${PEOPLE} p ON p.id = r.referrer_id
        WHERE r.user_id = ANY($1::uuid[]) AND r.status = ANY($2::text[]) AND r.application_id = ANY($4::uuid[])
          AND NOT EXISTS (SELECT 1 FROM referrals c WHERE c.carried_from_id = r.id)
     )
     SELECT * FROM waiting WHERE n <= $3 ORDER BY user_id, n`,
    [userIds, [...WAITING_REFERRAL_STATUSES], perAccount, activeApplicationIds],
  )) as { user_id: string; id: string; application_id: string; referrer_name: string; status: string; since: string | null; total: number }[];
  return {
    items: rows.map((r) => ({ userId: r.user_id, referralId: r.id, applicationId: r.application_id, referrerName: r.referrer_name, status: r.status, since: r.since })),
    totals: new Map(rows.map((r) => [r.user_id, r.total])),
  };
}
