import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ApplicationsService, StageRetrospectivesService } from '../applications/index';
import { InterviewsService } from '../interviews/index';
import type { AuthorSnapshot, ScholarlySource } from '../scholarly/index';
import { identitySourceUrl } from '../scholarly-identities/index';
import type { StageType } from '../stage-templates/index';
import { PersonWork, WorksQueryService } from '../works/index';
import type { BriefingContent, BriefingInterviewer, BriefingMeeting, BriefingReferralBy, SourceLink } from './briefing-content';
import { briefingWork } from './briefing-work';
import { BriefingExtras } from './briefing-extras';
import { PREP_TOPICS, RESUME_STAGES } from './prep-topics';

/** Works listed in an interviewer's profile. */
const TOP_WORKS = 5;
const PUBLISHED_SINCE_MAX = 10;
/** Topics and venues shown in an interviewer's profile. */
const TOPICS = 5;
/** Read in pages of this many to total up an interviewer's works. */
const PAGE = 200;


/**
 * Gathers what a briefing says about one interview from the user's records and the shared works
 * cache. Everything is read as the interview's user, so nothing of another user's can appear.
 */
@Injectable()
export class BriefingAssembler {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly interviews: InterviewsService,
    private readonly applications: ApplicationsService,
    private readonly works: WorksQueryService,
    private readonly extras: BriefingExtras,
    private readonly retrospectives: StageRetrospectivesService,
  ) {}

  async assemble(userId: string, interviewId: string, now: Date): Promise<BriefingContent> {
    const { interview, interviewers } = await this.interviews.get(userId, interviewId);
    const detail = await this.applications.get(userId, interview.applicationId);
    const { application, stages } = detail;
    const stage = stages.find((s) => s.id === interview.stageId) ?? stages[0];
    const [user] = (await this.dataSource.query('SELECT time_zone FROM users WHERE id = $1', [userId])) as { time_zone: string }[];
    const org = (await this.dataSource.query(
      `SELECT o.id, o.name, o.website, o.research_notes, t.name AS team_name, t.research_notes AS team_notes
         FROM organizations o LEFT JOIN teams t ON t.id = $3 AND t.user_id = $2
        WHERE o.id = $1 AND o.user_id = $2`,
      [application.organizationId, userId, application.teamId],
    )) as { id: string; name: string; website: string | null; research_notes: string | null; team_name: string | null; team_notes: string | null }[];
    const names = await this.peopleNames(userId, [application.recruiterId].filter((id): id is string => !!id));
    const referral = (await this.dataSource.query(
      `SELECT r.status, r.notes, p.id AS referrer_id, p.full_name AS referrer_name
         FROM referrals r JOIN people p ON p.id = r.referrer_id
        WHERE r.user_id = $1 AND r.application_id = $2 ORDER BY r.created_at DESC LIMIT 1`,
      [userId, application.id],
    )) as { status: string; notes: string | null; referrer_id: string; referrer_name: string }[];
    const tasks = (await this.dataSource.query(
      `SELECT id, title, due_on::text AS due_on, done_at IS NOT NULL AS done FROM tasks
        WHERE user_id = $1 AND (interview_id = $2 OR (stage_id = $3 AND application_id = $4))
        ORDER BY due_on NULLS LAST, array_position($5::text[], title) NULLS LAST, created_at, title, id`,
      // Prep tasks come from the stage's checklist: listed in its order.
      [userId, interview.id, stage?.id ?? null, application.id, stage?.checklist ?? []],
    )) as { id: string; title: string; due_on: string | null; done: boolean }[];

    const stageType = (stage?.type ?? 'other') as StageType;
    const lessons = await this.retrospectives.list(userId, { stageType, exceptStageId: stage?.id ?? interview.stageId });
    const ids = interviewers.map((i) => i.id);
    const history = await this.history(userId, ids, interview.id, interview.startsAt, now);
    const people: BriefingInterviewer[] = [];
    for (const ref of interviewers) people.push({ ...(await this.interviewer(userId, ref.id, now)), ...history(ref.id) });

    return {
      schema: 1,
      generatedAt: now.toISOString(),
      timeZone: user?.time_zone ?? 'UTC',
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
        team: org[0]?.team_name ?? null,
        notes: application.notes,
        recruiter: application.recruiterId && names.has(application.recruiterId) ? { id: application.recruiterId, fullName: names.get(application.recruiterId) as string } : null,
        history: detail.history.map((m) => ({ at: m.at.toISOString(), move: m.move, fromStage: m.fromStage, toStage: m.toStage, toStatus: m.toStatus, note: m.note })),
        referral: referral[0] ? { referrer: { id: referral[0].referrer_id, fullName: referral[0].referrer_name }, status: referral[0].status, notes: referral[0].notes } : null,
      },
      organization: org[0]
        ? { id: org[0].id, name: org[0].name, website: org[0].website, researchNotes: org[0].research_notes, team: org[0].team_name ? { name: org[0].team_name, researchNotes: org[0].team_notes } : null }
        : null,
      interviewers: people,
      // Works are ranked as of the interview: a paper's age and recency are what they will be on the day.
      reading: await this.extras.reading(userId, interview.id, interviewers, interview.startsAt),
      prep: {
        checklist: stage?.checklist ?? [],
        topics: [...PREP_TOPICS[stageType]],
        tasks: tasks.map((t) => ({ id: t.id, title: t.title, dueOn: t.due_on, done: t.done })),
      },
      retrospectives: lessons.map((r) => ({
        id: r.id,
        application: { id: r.application.id, role: r.application.role, organization: r.application.organization.name, team: r.application.team?.name ?? null },
        stage: { name: r.stage.name, type: r.stage.type, status: r.stage.status, at: (r.stage.leftAt ?? r.stage.enteredAt)?.toISOString() ?? null },
        wentWell: r.wentWell,
        wentBadly: r.wentBadly,
        doDifferently: r.doDifferently,
      })),
      resumeProjects: RESUME_STAGES.has(stageType) ? await this.extras.resumeProjects(userId, stageType) : [],
    };
  }

  /**
   * What the user lived with each interviewer before this interview, read for all of them at once:
   * the earlier interviews they were on (cancelled ones did not happen), their referrals, the asks.
   */
  private async history(userId: string, personIds: string[], interviewId: string, startsAt: Date, now: Date): Promise<(personId: string) => Pick<BriefingInterviewer, 'earlierMeetings' | 'referredYou' | 'asks'>> {
    const meetings = await this.interviews.meetings(this.dataSource.manager, userId, personIds, { before: startsAt, exceptInterviewId: interviewId });
    const referrals = personIds.length
      ? ((await this.dataSource.query(
          `SELECT r.referrer_id, r.status, r.status_dates, r.notes, a.id AS application_id, a.role, o.name AS organization, t.name AS team
             FROM referrals r JOIN applications a ON a.id = r.application_id JOIN organizations o ON o.id = a.organization_id LEFT JOIN teams t ON t.id = a.team_id
            WHERE r.user_id = $1 AND r.referrer_id = ANY($2)
              -- A referral carried over by a reroute is one referral: shown once, as its latest copy.
              AND NOT EXISTS (SELECT 1 FROM referrals c WHERE c.carried_from_id = r.id)
            ORDER BY r.created_at, r.id`,
          [userId, personIds],
        )) as { referrer_id: string; status: string; status_dates: Record<string, string>; notes: string | null; application_id: string; role: string; organization: string; team: string | null }[])
      : [];
    const asks = personIds.length
      ? ((await this.dataSource.query(
          `SELECT person_id, occurred_at, asked FROM interactions WHERE user_id = $1 AND person_id = ANY($2) AND asked IS NOT NULL AND occurred_at <= $3 ORDER BY occurred_at DESC, id`,
          [userId, personIds, now],
        )) as { person_id: string; occurred_at: Date; asked: string }[])
      : [];
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
        .filter((r) => r.referrer_id === personId)
        .map(
          (r): BriefingReferralBy => ({
            applicationId: r.application_id,
            role: r.role,
            organization: r.organization,
            team: r.team,
            status: r.status,
            on: r.status_dates?.[r.status] ?? null,
            notes: r.notes,
          }),
        ),
      asks: asks.filter((a) => a.person_id === personId).map((a) => ({ at: a.occurred_at.toISOString(), asked: a.asked })),
    });
  }

  private async interviewer(userId: string, personId: string, now: Date): Promise<Omit<BriefingInterviewer, 'earlierMeetings' | 'referredYou' | 'asks'>> {
    const [person] = (await this.dataSource.query(
      `SELECT p.id, p.full_name, p.headline, p.role, p.links, o.name AS organization, t.name AS team,
              (SELECT max(occurred_at) FROM interactions x WHERE x.person_id = p.id AND x.user_id = p.user_id AND x.occurred_at <= $3) AS last_spoke
         FROM people p LEFT JOIN organizations o ON o.id = p.organization_id LEFT JOIN teams t ON t.id = p.team_id
        WHERE p.id = $1 AND p.user_id = $2`,
      [personId, userId, now],
    )) as { id: string; full_name: string; headline: string | null; role: string | null; links: Record<string, string> | null; organization: string | null; team: string | null; last_spoke: Date | null }[];
    const identities = (await this.dataSource.query(
      `SELECT source, source_author_id, name, last_synced_at, last_snapshot FROM scholarly_identities
        WHERE user_id = $1 AND person_id = $2 AND status = 'linked' ORDER BY source, created_at`,
      [userId, personId],
    )) as { source: ScholarlySource; source_author_id: string; name: string | null; last_synced_at: Date | null; last_snapshot: Pick<AuthorSnapshot, 'affiliations' | 'currentAffiliations' | 'topics'> | null }[];

    const all: PersonWork[] = [];
    for (let offset = 0; ; offset += PAGE) {
      const page = await this.works.forPerson(userId, personId, { sort: 'citations', limit: PAGE, offset });
      all.push(...page.items);
      if (offset + PAGE >= page.total) break;
    }
    const since = person.last_spoke ?? new Date(now.getTime() - 365 * 86_400_000);
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
      const url = identitySourceUrl(identity.source, identity.source_author_id);
      const current = identity.last_snapshot?.currentAffiliations ?? 1;
      (identity.last_snapshot?.affiliations ?? []).forEach((name, i) => {
        const key = name.toLowerCase();
        const entry = affiliations.get(key) ?? { name, current: false, sources: [] };
        entry.current ||= i < current;
        if (!entry.sources.some((s) => s.source === identity.source)) entry.sources.push({ source: identity.source, url });
        affiliations.set(key, entry);
      });
      for (const name of identity.last_snapshot?.topics ?? []) {
        const entry = topics.get(name.toLowerCase()) ?? { name, sources: [] };
        if (!entry.sources.some((s) => s.source === identity.source)) entry.sources.push({ source: identity.source, url });
        topics.set(name.toLowerCase(), entry);
      }
    }
    return {
      id: person.id,
      fullName: person.full_name,
      headline: person.headline,
      role: person.role,
      organization: person.organization,
      team: person.team,
      links: Object.entries(person.links ?? {}).map(([kind, url]) => ({ kind, url })),
      identities: identities.map((i) => ({ source: i.source, name: i.name, url: identitySourceUrl(i.source, i.source_author_id), lastSyncedAt: i.last_synced_at?.toISOString() ?? null })),
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
      lastSpokeAt: person.last_spoke?.toISOString() ?? null,
      publishedSince: publishedSince.map(briefingWork),
      topWorks: all.slice(0, TOP_WORKS).map(briefingWork),
      warmPaths: await this.extras.warmPaths(userId, personId),
    };
  }

  private async peopleNames(userId: string, ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = (await this.dataSource.query('SELECT id, full_name FROM people WHERE user_id = $1 AND id = ANY($2::uuid[])', [userId, ids])) as { id: string; full_name: string }[];
    return new Map(rows.map((r) => [r.id, r.full_name]));
  }
}


function dateOf(w: PersonWork): string {
  return w.work.publicationDate ?? (w.work.year ? `${w.work.year}-12-31` : '0000');
}

/** Published after `since`: by date when the source gives one, else by year (a work of that year counts). */
function publishedAfter(w: PersonWork, since: Date): boolean {
  if (w.work.publicationDate) return w.work.publicationDate > since.toISOString().slice(0, 10);
  return w.work.year !== null && w.work.year >= since.getUTCFullYear();
}
