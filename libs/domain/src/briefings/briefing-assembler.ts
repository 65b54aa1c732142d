import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { userTimeZone } from '../accounts/index';
import { ApplicationsService, StageRetrospectivesService } from '../applications/index';
import { asksOf, lastSpokeWith } from '../interactions/index';
import { InterviewsService } from '../interviews/index';
import { personCards, PersonCard } from '../people/index';
import { ReadinessService } from '../readiness/index';
import { latestReferralOf, referralsMadeBy } from '../referrals/index';
import { identitySourceUrl, LinkedIdentityFacts, linkedIdentitiesOf } from '../scholarly-identities/index';
import type { StageType } from '../stage-templates/index';
import { interviewTasks } from '../tasks/index';
import { PersonWork, worksOfPeople } from '../works/index';
import type { BriefingContent, BriefingInterviewer, BriefingReadiness, BriefingMeeting, BriefingReferralBy, SourceLink } from './briefing-content';
import { briefingWork } from './briefing-work';
import { BriefingExtras } from './briefing-extras';
import { BriefingsRepository } from './briefings.repository';
import { PREP_TOPICS, RESUME_STAGES } from './prep-topics';

/** Works listed in an interviewer's profile. */
const TOP_WORKS = 5;
const PUBLISHED_SINCE_MAX = 10;
/** Topics and venues shown in an interviewer's profile. */
const TOPICS = 5;

type Profile = Omit<BriefingInterviewer, 'earlierMeetings' | 'referredYou' | 'asks'>;

/**
 * Gathers what a briefing says about one interview from the user's records and the shared works
 * cache. Everything is read as the interview's user, so nothing of another user's can appear.
 *
 * Each fact is asked of the module that owns it, for all the interviewers at once: their cards,
 * identities, meetings, referrals, asks and works are one read each, however large the panel. The
 * interviewers' works are read once and serve both their profiles and the reading checklist.
 */
@Injectable()
export class BriefingAssembler {
  constructor(
    private readonly briefings: BriefingsRepository,
    private readonly interviews: InterviewsService,
    private readonly applications: ApplicationsService,
    private readonly extras: BriefingExtras,
    private readonly retrospectives: StageRetrospectivesService,
    private readonly readiness: ReadinessService,
  ) {}

  private get db(): EntityManager {
    return this.briefings.manager;
  }

  async assemble(userId: string, interviewId: string, now: Date): Promise<BriefingContent> {
    const { interview, interviewers } = await this.interviews.get(userId, interviewId);
    const detail = await this.applications.get(userId, interview.applicationId);
    const { application, stages } = detail;
    const stage = stages.find((s) => s.id === interview.stageId) ?? stages[0];
    const stageType = (stage?.type ?? 'other') as StageType;
    const ids = interviewers.map((i) => i.id);
    const recruiterId = application.recruiterId;

    // Independent reads, each batched over the panel, run side by side; only the checklist waits for the works.
    const works = worksOfPeople(this.db, userId, ids, { withAbstract: true });
    const [timeZone, referral, tasks, lessons, history, cards, lastSpoke, identities, warmPaths, resumeProjects, reading, readiness] = await Promise.all([
      userTimeZone(this.db, userId),
      latestReferralOf(this.db, userId, application.id),
      // Prep tasks come from the stage's checklist: listed in its order.
      interviewTasks(this.db, userId, { interviewId: interview.id, stageId: stage?.id ?? null, applicationId: application.id, checklist: stage?.checklist ?? [] }),
      this.retrospectives.list(userId, { stageType, exceptStageId: stage?.id ?? interview.stageId }),
      this.history(userId, ids, interview.id, interview.startsAt, now),
      personCards(this.db, userId, recruiterId ? [...ids, recruiterId] : ids),
      lastSpokeWith(this.db, userId, ids, now),
      linkedIdentitiesOf(this.db, userId, ids),
      Promise.all(ids.map((id) => this.extras.warmPaths(userId, id))),
      RESUME_STAGES.has(stageType) ? this.extras.resumeProjects(userId, stageType) : Promise.resolve([]),
      // With abstracts, as the checklist ranks by them (the profiles only count and list). Works are
      // ranked as of the interview: a paper's age and recency are what they will be on the day.
      works.then((w) => this.extras.reading(userId, interview.id, interviewers, interview.startsAt, w)),
      this.readinessOf(userId, interview.id),
    ]);
    const worksOf = await works;
    const people: BriefingInterviewer[] = ids.map((id, k) => ({
      ...profile(cards.get(id)!, lastSpoke.get(id) ?? null, identities.get(id) ?? [], worksOf.get(id) ?? [], now),
      warmPaths: warmPaths[k],
      ...history(id),
    }));
    const recruiter = recruiterId ? cards.get(recruiterId) : undefined;
    const organization = application.organization;
    const team = application.teamId ? application.team : null;

    return {
      schema: 1,
      generatedAt: now.toISOString(),
      timeZone,
      interview: {
        id: interview.id,
        startsAt: interview.startsAt.toISOString(),
        timeZone: interview.timeZone,
        durationMinutes: interview.durationMinutes,
        format: interview.format,
        location: interview.location,
        meetingUrl: interview.meetingUrl,
        prepNotes: interview.prepNotes,
        stage: { id: stage?.id ?? interview.stageId, name: stage?.name ?? 'Interview', type: stageType, position: (stage?.position ?? 0) + 1, of: stages.length },
      },
      application: {
        id: application.id,
        role: application.role,
        status: application.status,
        appliedOn: application.appliedOn ?? null,
        team: team?.name ?? null,
        notes: application.notes,
        recruiter: recruiter ? { id: recruiter.id, fullName: recruiter.fullName } : null,
        history: detail.history.map((m) => ({ at: m.at.toISOString(), move: m.move, fromStage: m.fromStage, toStage: m.toStage, toStatus: m.toStatus, note: m.note })),
        referral: referral ? { referrer: { id: referral.referrerId, fullName: referral.referrerName }, status: referral.status, notes: referral.notes } : null,
      },
      organization: organization
        ? { id: organization.id, name: organization.name, website: organization.website, researchNotes: organization.researchNotes, team: team ? { name: team.name, researchNotes: team.researchNotes } : null }
        : null,
      interviewers: people,
      reading,
      prep: {
        checklist: stage?.checklist ?? [],
        topics: [...PREP_TOPICS[stageType]],
        tasks,
      },
      retrospectives: lessons.map((r) => ({
        id: r.id,
        application: { id: r.application.id, role: r.application.role, organization: r.application.organization.name, team: r.application.team?.name ?? null },
        stage: { name: r.stage.name, type: r.stage.type, status: r.stage.status, at: (r.stage.leftAt ?? r.stage.enteredAt)?.toISOString() ?? null },
        wentWell: r.wentWell,
        wentBadly: r.wentBadly,
        doDifferently: r.doDifferently,
      })),
      resumeProjects,
      readiness,
    };
  }

  /** The interview's readiness as the briefing keeps it, with the user's totals for the next version to compare. */
  private async readinessOf(userId: string, interviewId: string): Promise<BriefingReadiness> {
    const r = await this.readiness.forInterview(userId, interviewId);
    return {
      figure: r.figure,
      parts: r.parts.map((p) => ({ key: p.key, label: p.label, value: p.value, weight: p.weight, share: p.share, counts: p.counts, nextStep: p.nextStep })),
      leftOut: r.leftOut.map((l) => ({ key: l.key, label: l.label, reason: l.reason })),
      explanation: r.explanation,
      progress: await this.readiness.progress(userId, r),
    };
  }

  /**
   * What the user lived with each interviewer before this interview, read for all of them at once:
   * the earlier interviews they were on (cancelled ones did not happen), their referrals, the asks.
   */
  private async history(userId: string, personIds: string[], interviewId: string, startsAt: Date, now: Date): Promise<(personId: string) => Pick<BriefingInterviewer, 'earlierMeetings' | 'referredYou' | 'asks'>> {
    const [meetings, referrals, asks] = await Promise.all([
      this.interviews.meetings(this.db, userId, personIds, { before: startsAt, exceptInterviewId: interviewId }),
      referralsMadeBy(this.db, userId, personIds),
      asksOf(this.db, userId, personIds, now),
    ]);
    const applications = await this.applications.summaries(userId, [...new Set(referrals.map((r) => r.applicationId))]);
    return (personId) => ({
      earlierMeetings: (meetings.get(personId) ?? []).map(
        (m): BriefingMeeting => ({
          interviewId: m.interviewId,
          startsAt: m.startsAt.toISOString(),
          application: { id: m.application.id, role: m.application.role, organization: m.application.organization.name, team: m.application.team?.name ?? null, status: m.application.status },
          stage: { name: m.stage.name, type: m.stage.type, status: m.stage.status },
          outcome: m.outcome,
          notes: m.notes ? { asked: m.notes.asked, howItWent: m.notes.howItWent, followUp: m.notes.followUp } : null,
        }),
      ),
      referredYou: referrals
        .filter((r) => r.referrerId === personId && applications.has(r.applicationId))
        .map((r): BriefingReferralBy => {
          const a = applications.get(r.applicationId)!;
          return { applicationId: a.id, role: a.role, organization: a.organization, team: a.team, status: r.status, on: r.statusDates?.[r.status] ?? null, notes: r.notes };
        }),
      asks: asks.filter((a) => a.personId === personId).map((a) => ({ at: a.occurredAt.toISOString(), asked: a.asked })),
    });
  }
}

/** An interviewer's profile: who they are, where and on what they work, their works in figures. */
function profile(person: PersonCard, lastSpoke: Date | null, identities: LinkedIdentityFacts[], all: PersonWork[], now: Date): Omit<Profile, 'warmPaths'> {
  const since = lastSpoke ?? new Date(now.getTime() - 365 * 86_400_000);
  const publishedSince = all
    .filter((w) => publishedAfter(w, since))
    .sort((a, b) => dateOf(b).localeCompare(dateOf(a)))
    .slice(0, PUBLISHED_SINCE_MAX);
  const venues = new Map<string, number>();
  for (const w of all) if (w.work.venue) venues.set(w.work.venue, (venues.get(w.work.venue) ?? 0) + 1);

  // Each source lists institutions current first (how many are current where it says, else the
  // first one); one named current by any source is current.
  const affiliations = new Map<string, { name: string; current: boolean; sources: SourceLink[] }>();
  const topics = new Map<string, { name: string; sources: SourceLink[] }>();
  for (const identity of identities) {
    const url = identitySourceUrl(identity.source, identity.sourceAuthorId);
    const current = identity.lastSnapshot?.currentAffiliations ?? 1;
    (identity.lastSnapshot?.affiliations ?? []).forEach((name, i) => {
      const key = name.toLowerCase();
      const entry = affiliations.get(key) ?? { name, current: false, sources: [] };
      entry.current ||= i < current;
      if (!entry.sources.some((s) => s.source === identity.source)) entry.sources.push({ source: identity.source, url });
      affiliations.set(key, entry);
    });
    for (const name of identity.lastSnapshot?.topics ?? []) {
      const entry = topics.get(name.toLowerCase()) ?? { name, sources: [] };
      if (!entry.sources.some((s) => s.source === identity.source)) entry.sources.push({ source: identity.source, url });
      topics.set(name.toLowerCase(), entry);
    }
  }
  return {
    id: person.id,
    fullName: person.fullName,
    headline: person.headline,
    role: person.role,
    organization: person.organization,
    team: person.team,
    links: Object.entries(person.links ?? {}).map(([kind, url]) => ({ kind, url: url as string })),
    identities: identities.map((i) => ({ source: i.source, name: i.name, url: identitySourceUrl(i.source, i.sourceAuthorId), lastSyncedAt: i.lastSyncedAt?.toISOString() ?? null })),
    affiliations: [...affiliations.values()].sort((a, b) => Number(b.current) - Number(a.current) || a.name.localeCompare(b.name)),
    topics: [...topics.values()].slice(0, TOPICS),
    venues: [...venues.entries()]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, TOPICS)
      .map(([name, works]) => ({ name, works })),
    totals: {
      works: all.length,
      citations: all.reduce((sum, w) => sum + (w.work.citationCount ?? 0), 0),
      firstAuthor: all.filter((w) => w.authorship.first).length,
      lastAuthor: all.filter((w) => w.authorship.last && !w.authorship.first).length,
    },
    lastSpokeAt: lastSpoke?.toISOString() ?? null,
    publishedSince: publishedSince.map(briefingWork),
    topWorks: all.slice(0, TOP_WORKS).map(briefingWork),
  };
}

function dateOf(w: PersonWork): string {
  return w.work.publicationDate ?? (w.work.year ? `${w.work.year}-12-31` : '0000');
}

/** Published after `since`: by date when the source gives one, else by year (a work of that year counts). */
function publishedAfter(w: PersonWork, since: Date): boolean {
  if (w.work.publicationDate) return w.work.publicationDate > since.toISOString().slice(0, 10);
  return w.work.year !== null && w.work.year >= since.getUTCFullYear();
}
