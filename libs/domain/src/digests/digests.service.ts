import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig, JobQueue, publicLink } from '#platform';
import { accountDigestFacts } from '../accounts/index';
import { latestReadyBriefings } from '../briefings/index';
import { UpcomingInterviewFacts, wallClock } from '../interviews/index';
import { DossierJobs, JobName } from '../jobs/index';
import { dueFollowUpsOfAccounts } from '../people/index';
import { dateIn } from '../shared/dates';
import { brokenSyncsOfAccounts } from '../sync/index';
import { ReadinessService } from '../readiness/index';
import { dueTasks, newInterviewerWorks, upcomingInterviews, waitingReferrals } from './digest-sections';
import { byAccount, DIGEST_INTERVIEW_DAYS, DIGEST_LINES_PER_SECTION, DigestContent, digestSize, InterviewReadiness } from './digest-content';
import { DigestPostbox } from './digest-postbox';
import { renderDigest, RenderedDigest } from './digest-render';
import { DigestClaim, DigestsRepository } from './digests.repository';

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;
/** The tick's pace: an account's digest leaves within this long after its hour. */
export const DIGEST_TICK_EVERY_MINUTES = 15;
const DIGEST_SCHEDULER_ID = 'digests';
/** Accounts composed together: each section is one statement per batch. */
const BATCH = 500;
/** Digests handed to the mail module at once (each hand-over is a few statements and a queued job). */
const HANDOVER_CONCURRENCY = 16;
/** Accounts whose interviews' readiness is worked out at once (readiness reads per account). */
const READINESS_CONCURRENCY = 4;
/** A claim left pending this long (its tick stopped) is taken back by the next tick. */
const STALE_CLAIM_MS = 10 * MINUTE_MS;
/** The first digest lists works that arrived at most this long ago. */
const FIRST_WORKS_WINDOW_MS = 7 * DAY_MS;

/** An account whose digest is on: when it wants it (its hour, 0–23, where it lives). */
export interface DigestRecipient {
  userId: string;
  timeZone: string;
  digestHour: number;
}

export interface DigestTickResult {
  /** Accounts whose hour had come and whose digest of today was not composed yet. */
  due: number;
  sent: number;
  /** Nothing in them: recorded, not sent. */
  empty: number;
}

/** The account's local day (yyyy-mm-dd) and hour at `now`; an unknown zone counts as UTC. */
export function localDayAndHour(timeZone: string, now: Date): { date: string; hour: number } {
  try {
    return { date: dateIn(timeZone, now), hour: wallClock(now, timeZone).hour };
  } catch {
    return { date: now.toISOString().slice(0, 10), hour: now.getUTCHours() };
  }
}

/** Runs `fn` over `items`, at most `limit` at a time. */
async function eachAtOnce<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) await fn(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}

/**
 * The daily digest: every few minutes a tick finds the accounts whose local digest hour has come
 * and whose digest of their local today is not composed yet, claims each day once (digest_runs:
 * a restarted or repeated tick never sends twice), composes them a batch at a time (each section
 * one batched read of its owner's), and hands those with anything in them to the mail module.
 *
 * "The hour has come" compares wall clocks: on a day a DST change skips the hour, the digest leaves
 * at the next tick after it; on a day it repeats, the day's claim keeps it to one.
 */
@Injectable()
export class DigestsService {
  private readonly logger = new Logger(DigestsService.name);

  constructor(
    private readonly digests: DigestsRepository,
    private readonly postbox: DigestPostbox,
    private readonly jobs: JobQueue<DossierJobs>,
    private readonly readiness: ReadinessService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Those of the recipients whose digest hour has come on their local today, with that day. */
  dueAt(recipients: DigestRecipient[], now: Date): (DigestClaim & { timeZone: string })[] {
    const due: (DigestClaim & { timeZone: string })[] = [];
    for (const r of recipients) {
      const { date, hour } = localDayAndHour(r.timeZone, now);
      if (hour >= r.digestHour) due.push({ userId: r.userId, localDate: date, timeZone: r.timeZone });
    }
    return due;
  }

  /** The scheduler's tick: composes and hands over every digest due at `now`. */
  async tick(now = new Date()): Promise<DigestTickResult> {
    const due = this.dueAt(await this.postbox.recipients(), now);
    const result: DigestTickResult = { due: 0, sent: 0, empty: 0 };
    for (let i = 0; i < due.length; i += BATCH) {
      const batch = due.slice(i, i + BATCH);
      const claimed = await this.digests.claim(batch, STALE_CLAIM_MS);
      if (claimed.length === 0) continue;
      result.due += claimed.length;
      const zones = new Map(batch.map((c) => [c.userId, c.timeZone]));
      const contents = await this.compose(
        claimed.map((c) => ({ ...c, timeZone: zones.get(c.userId) ?? 'UTC' })),
        now,
      );
      const finished: Parameters<DigestsRepository['finish']>[0] = [];
      const unsent: DigestClaim[] = [];
      const toSend: DigestContent[] = [];
      for (const content of contents) {
        const items = digestSize(content);
        if (items > 0) toSend.push(content);
        else {
          finished.push({ userId: content.userId, localDate: content.localDate, status: 'empty', items });
          result.empty += 1;
        }
      }
      await eachAtOnce(toSend, HANDOVER_CONCURRENCY, async (content) => {
        const claim = { userId: content.userId, localDate: content.localDate };
        try {
          await this.postbox.post(content.userId, content.localDate, this.render(content));
          finished.push({ ...claim, status: 'sent', items: digestSize(content) });
          result.sent += 1;
        } catch (e) {
          this.logger.warn(`digest of account ${content.userId} for ${content.localDate} not handed to the mail: ${(e as Error).message}`);
          unsent.push(claim);
        }
      });
      await this.digests.finish(finished);
      await this.digests.release(unsent);
    }
    return result;
  }

  /** The digest as a mail, with links on PUBLIC_URL. */
  render(content: DigestContent): RenderedDigest {
    return renderDigest(content, (path) => publicLink(this.config, path));
  }

  /**
   * What each account's digest of its day says, at `now`: one read per section for all of them.
   * New works are those since the account's previous digest (and since it last marked them seen).
   */
  async compose(claims: (DigestClaim & { timeZone: string })[], now: Date): Promise<DigestContent[]> {
    const db = this.digests.manager;
    const userIds = claims.map((c) => c.userId);
    const days = claims.map((c) => ({ userId: c.userId, today: c.localDate }));
    const [accounts, previous] = await Promise.all([accountDigestFacts(db, userIds), this.digests.previousComposedAt(claims)]);
    const worksSince = claims.map((c) => {
      const marks = [now.getTime() - FIRST_WORKS_WINDOW_MS, accounts.get(c.userId)?.worksSince.getTime() ?? 0, previous.get(c.userId)?.getTime() ?? 0];
      return { userId: c.userId, since: new Date(Math.max(...marks)) };
    });
    const [followUps, tasks, interviews, works, referrals, syncs] = await Promise.all([
      dueFollowUpsOfAccounts(db, days, DIGEST_LINES_PER_SECTION),
      dueTasks(db, days, DIGEST_LINES_PER_SECTION),
      upcomingInterviews(db, userIds, now, new Date(now.getTime() + DIGEST_INTERVIEW_DAYS * DAY_MS)),
      newInterviewerWorks(db, worksSince, now, DIGEST_LINES_PER_SECTION),
      waitingReferrals(db, userIds, DIGEST_LINES_PER_SECTION),
      brokenSyncsOfAccounts(db, userIds, DIGEST_LINES_PER_SECTION),
    ]);
    const [briefings, readiness] = await Promise.all([latestReadyBriefings(db, interviews.map((i) => i.interviewId)), this.readinessOf(interviews)]);
    const interviewsOf = byAccount(interviews);
    const followUpsOf = byAccount(followUps.items);
    const tasksOf = byAccount(tasks.items);
    const worksOf = byAccount(works.items);
    const referralsOf = byAccount(referrals.items);
    const syncsOf = byAccount(syncs.items);
    return claims.map((c): DigestContent => {
      const upcoming = interviewsOf.get(c.userId) ?? [];
      return {
        userId: c.userId,
        localDate: c.localDate,
        timeZone: c.timeZone,
        followUps: { items: followUpsOf.get(c.userId) ?? [], total: followUps.totals.get(c.userId) ?? 0 },
        tasks: { items: tasksOf.get(c.userId) ?? [], total: tasks.totals.get(c.userId) ?? 0 },
        interviews: {
          items: upcoming.slice(0, DIGEST_LINES_PER_SECTION).map((i) => ({ ...i, briefingId: briefings.get(i.interviewId) ?? null, readiness: readiness.get(i.interviewId) ?? null })),
          total: upcoming.length,
        },
        newWorks: { items: worksOf.get(c.userId) ?? [], total: works.totals.get(c.userId) ?? 0 },
        referrals: { items: referralsOf.get(c.userId) ?? [], total: referrals.totals.get(c.userId) ?? 0 },
        brokenSyncs: { items: syncsOf.get(c.userId) ?? [], total: syncs.totals.get(c.userId) ?? 0 },
      };
    });
  }

  /**
   * Each upcoming interview's readiness (0–100), as Today and the briefing show it. Readiness is
   * worked out per account (its reading goal, plans and practice are the account's), each account's
   * interviews at once, a few accounts at a time. One that fails leaves its interviews without a
   * figure rather than the digest unsent.
   */
  private async readinessOf(interviews: UpcomingInterviewFacts[]): Promise<Map<string, InterviewReadiness>> {
    const figures = new Map<string, InterviewReadiness>();
    const accounts = [...byAccount(interviews).entries()];
    await eachAtOnce(accounts, READINESS_CONCURRENCY, async ([userId, items]) => {
      try {
        for (const r of await this.readiness.forInterviews(userId, items.map((i) => i.interviewId))) figures.set(r.interviewId, r.figure);
      } catch (e) {
        this.logger.warn(`readiness of account ${userId}'s interviews left out of its digest: ${(e as Error).message}`);
      }
    });
    return figures;
  }

  /** Keeps the one scheduler at DIGEST_TICK_EVERY_MINUTES (a worker calls this when it starts). */
  async reconcileScheduler(): Promise<void> {
    const every = DIGEST_TICK_EVERY_MINUTES * MINUTE_MS;
    const existing = (await this.jobs.listSchedules(JobName.SendDueDigests)).find((s) => s.id === DIGEST_SCHEDULER_ID);
    if (existing?.everyMs !== every) await this.jobs.upsertSchedule(DIGEST_SCHEDULER_ID, every, { name: JobName.SendDueDigests, data: {} });
  }
}
