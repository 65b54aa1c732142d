import type { DueFollowUpFacts } from '../people/index';
import type { DueTaskFacts } from '../tasks/index';
import type { UpcomingInterviewFacts } from '../interviews/index';
import type { NewInterviewerWorkFacts } from '../works/index';
import type { WaitingReferralFacts } from '../referrals/index';
import type { BrokenSyncFacts } from '../sync/index';

/** Lines listed per section; the rest is counted and linked. */
export const DIGEST_LINES_PER_SECTION = 10;
/** Interviews listed: those starting within this many days (24-hour days) from now. */
export const DIGEST_INTERVIEW_DAYS = 3;

/** A list with how many there are in all (the list holds at most DIGEST_LINES_PER_SECTION). */
export interface Counted<T> {
  items: T[];
  total: number;
}

/**
 * How ready the user is for an interview (0–100), when the readiness module can say; null: not
 * known, and the digest points to the briefing instead.
 */
export type InterviewReadiness = number | null;

export interface DigestInterview extends Omit<UpcomingInterviewFacts, 'userId'> {
  /** The newest ready briefing, when there is one. */
  briefingId: string | null;
  readiness: InterviewReadiness;
}

/** Everything one account's digest of one day says. */
export interface DigestContent {
  userId: string;
  /** The account's local day (yyyy-mm-dd) and its zone: every date is shown there. */
  localDate: string;
  timeZone: string;
  followUps: Counted<Omit<DueFollowUpFacts, 'userId'>>;
  tasks: Counted<Omit<DueTaskFacts, 'userId'>>;
  interviews: Counted<DigestInterview>;
  newWorks: Counted<Omit<NewInterviewerWorkFacts, 'userId'>>;
  referrals: Counted<Omit<WaitingReferralFacts, 'userId'>>;
  brokenSyncs: Counted<Omit<BrokenSyncFacts, 'userId'>>;
}

/** How many lines a digest holds in all; 0: an empty day, and nothing is sent. */
export function digestSize(content: DigestContent): number {
  return content.followUps.total + content.tasks.total + content.interviews.total + content.newWorks.total + content.referrals.total + content.brokenSyncs.total;
}

/** Splits rows of many accounts into each account's list, keeping their order. */
export function byAccount<T extends { userId: string }>(rows: T[]): Map<string, Omit<T, 'userId'>[]> {
  const out = new Map<string, Omit<T, 'userId'>[]>();
  for (const { userId, ...rest } of rows) {
    let list = out.get(userId);
    if (!list) out.set(userId, (list = []));
    list.push(rest);
  }
  return out;
}
