import type { ReferralStatus } from './referral.entity';

/** The main path of a referral, in order; `declined` may end it at any step before `acknowledged`. */
export const REFERRAL_PATH = ['discussed', 'offered', 'submitted', 'recruiter_contacted', 'acknowledged'] as const satisfies readonly ReferralStatus[];

export interface ReferralStep {
  status: ReferralStatus;
  /** The date the status was reached (yyyy-mm-dd), when it was recorded. */
  on: string | null;
  /** Whether the referral got this far (a step skipped on the way counts as reached, without a date). */
  reached: boolean;
}

const index = (status: ReferralStatus): number => (REFERRAL_PATH as readonly ReferralStatus[]).indexOf(status);

/**
 * The statuses a referral may go to next: any later one on the path (a step may be skipped, e.g.
 * a referrer who submits without saying so first), or `declined` until it is acknowledged.
 */
export function nextReferralStatuses(status: ReferralStatus): ReferralStatus[] {
  if (status === 'declined' || status === 'acknowledged') return [];
  return [...REFERRAL_PATH.slice(index(status) + 1), 'declined'];
}

/** The furthest step of the main path the referral reached (for a declined one: the last dated step). */
function furthest(status: ReferralStatus, dates: Partial<Record<ReferralStatus, string>>): number {
  if (status !== 'declined') return index(status);
  return Math.max(-1, ...REFERRAL_PATH.filter((s) => dates[s]).map(index));
}

/** The ordered steps with their dates; a declined referral ends with a `declined` step. */
export function referralPath(status: ReferralStatus, dates: Partial<Record<ReferralStatus, string>>): ReferralStep[] {
  const reached = furthest(status, dates);
  const steps: ReferralStep[] = REFERRAL_PATH.map((s, i) => ({ status: s, on: dates[s] ?? null, reached: i <= reached }));
  if (status === 'declined') steps.push({ status: 'declined', on: dates.declined ?? null, reached: true });
  return steps;
}

/** True when going from `from` (null: a new referral) to `to` gets the referral submitted. */
export function becomesSubmitted(from: ReferralStatus | null, to: ReferralStatus): boolean {
  if (to === 'declined') return false;
  const submitted = index('submitted');
  return (from === null || from === 'declined' ? -1 : index(from)) < submitted && index(to) >= submitted;
}

/**
 * The latest date among the steps that come before `status` (all recorded steps, for `declined`):
 * a status cannot be reached before the ones it follows.
 */
export function previousStep(status: ReferralStatus, dates: Partial<Record<ReferralStatus, string>>): { status: ReferralStatus; on: string } | null {
  let latest: { status: ReferralStatus; on: string } | null = null;
  for (const [s, on] of Object.entries(dates) as [ReferralStatus, string][]) {
    if (s === status || !on) continue;
    if (status !== 'declined' && (s === 'declined' || index(s) > index(status))) continue;
    if (!latest || on > latest.on) latest = { status: s, on };
  }
  return latest;
}
