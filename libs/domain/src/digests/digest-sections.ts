import type { DataSource, EntityManager } from 'typeorm';
import { activeApplicationsOfAccounts, applicationHeadings, stageNames } from '../applications/index';
import { UpcomingInterviewFacts, upcomingInterviewersOfAccounts, upcomingInterviewsOfAccounts } from '../interviews/index';
import { organizationNames } from '../organizations/index';
import { peopleInNameOrder } from '../people/index';
import { WaitingReferralFacts, waitingReferralsOfAccounts } from '../referrals/index';
import { DueTaskFacts, dueTasksOfAccounts } from '../tasks/index';
import { NewInterviewerWorkFacts, newInterviewerWorksOfAccounts } from '../works/index';

// The digest's sections that show another module's names: each reads its owner's rows for all the
// batch's accounts in one statement, then the names on them through their owners' batched read
// models (one statement per owner, however many accounts).

type Db = DataSource | EntityManager;
type Section<T> = { items: T[]; totals: Map<string, number> };

/** The application's organization name and role by application id, in two statements. */
async function applicationsNamed(db: Db, applicationIds: (string | null)[]): Promise<Map<string, { organization: string; role: string }>> {
  const headings = await applicationHeadings(db, applicationIds);
  const names = await organizationNames(db, [...headings.values()].map((a) => a.organizationId));
  return new Map([...headings.values()].map((a) => [a.id, { organization: names.organizations.get(a.organizationId) ?? '', role: a.role }]));
}

/** Interviews starting in [from, to) with their application's organization and role, the stage and the panel (live people, in name order). */
export async function upcomingInterviews(db: Db, userIds: string[], from: Date, to: Date): Promise<UpcomingInterviewFacts[]> {
  const rows = await upcomingInterviewsOfAccounts(db, userIds, from, to);
  if (rows.length === 0) return [];
  const [applications, stages, panel] = await Promise.all([
    applicationsNamed(db, rows.map((r) => r.applicationId)),
    stageNames(db, rows.map((r) => r.stageId)),
    peopleInNameOrder(db, [...new Set(rows.flatMap((r) => r.interviewerIds))]),
  ]);
  return rows.map(({ applicationId, stageId, interviewerIds, ...interview }) => {
    const on = new Set(interviewerIds);
    return {
      ...interview,
      organization: applications.get(applicationId)?.organization ?? '',
      role: applications.get(applicationId)?.role ?? '',
      stage: stageId ? (stages.get(stageId) ?? null) : null,
      interviewers: panel.filter((p) => on.has(p.id)).map((p) => p.fullName),
    };
  });
}

/** Open tasks due, each with whom or what it is about: the person's name (in the trash too), or the application's organization and role. */
export async function dueTasks(db: Db, days: { userId: string; today: string }[], perAccount: number): Promise<Section<DueTaskFacts>> {
  const { items, totals } = await dueTasksOfAccounts(db, days, perAccount);
  const [people, applications] = await Promise.all([
    peopleInNameOrder(db, [...new Set(items.flatMap((t) => (t.personId ? [t.personId] : [])))], { withDeleted: true }),
    applicationsNamed(db, items.map((t) => t.applicationId)),
  ]);
  const nameOf = new Map(people.map((p) => [p.id, p.fullName]));
  return {
    items: items.map(({ personId, applicationId, ...task }) => {
      const application = applicationId ? applications.get(applicationId) : undefined;
      return { ...task, about: (personId ? nameOf.get(personId) : undefined) ?? (application ? `${application.organization} · ${application.role}` : null) };
    }),
    totals,
  };
}

/** Referrals waiting on someone, on applications still active, with the application's organization and role. */
export async function waitingReferrals(db: Db, userIds: string[], perAccount: number): Promise<Section<WaitingReferralFacts>> {
  const active = await activeApplicationsOfAccounts(db, userIds);
  const { items, totals } = await waitingReferralsOfAccounts(db, userIds, [...active.keys()], perAccount);
  const names = await organizationNames(db, items.map((r) => active.get(r.applicationId)?.organizationId));
  return {
    items: items.map((r) => {
      const application = active.get(r.applicationId);
      return { ...r, organization: (application && names.organizations.get(application.organizationId)) ?? '', role: application?.role ?? '' };
    }),
    totals,
  };
}

/** Works new since each account's `since` by the people on its interviews not over at `now`. */
export async function newInterviewerWorks(db: Db, accounts: { userId: string; since: Date }[], now: Date, perAccount: number): Promise<Section<NewInterviewerWorkFacts>> {
  const interviewers = await upcomingInterviewersOfAccounts(db, accounts.map((a) => a.userId), now);
  return newInterviewerWorksOfAccounts(db, accounts, interviewers, perAccount);
}
