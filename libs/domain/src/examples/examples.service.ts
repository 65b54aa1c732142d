import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { userTimeZone } from '../accounts/index';
import { ApplicationsService, ApplicationStage } from '../applications/index';
import { InteractionsService } from '../interactions/index';
import { InterviewFormat, InterviewOutcome, InterviewsService } from '../interviews/index';
import { OrganizationsService } from '../organizations/index';
import { addDays, dateIn } from '../shared/dates';
import { foldName } from '../shared/text/index';
import { PeopleService } from '../people/index';
import { ReferralsService } from '../referrals/index';
import { StageTemplatesService } from '../stage-templates/index';
import { completeLeftStagesPrep, countTasks, insertSeededTasks, refreshPrepTaskDueDates } from '../tasks/index';
import { ExampleAccountNotEmptyError, ExampleAlreadyLoadedError } from './examples.errors';
import { ExamplesRepository } from './examples.repository';
import {
  EXAMPLE_INTERACTIONS,
  EXAMPLE_ORGANIZATION,
  EXAMPLE_PEOPLE,
  EXAMPLE_TASKS,
  EXAMPLE_TEAMS,
  EXAMPLE_TEMPLATE_NAME,
  ExamplePersonKey,
} from './research-lab.example';

/** What the example put into the account. */
export interface ExampleSummary {
  organizationId: string;
  teamIds: { core: string; applied: string };
  templateId: string;
  applications: number;
  people: number;
  interactions: number;
  interviews: number;
  upcomingInterviews: number;
  tasks: number;
  referrals: number;
  /** The applications by where they stand in the loop. */
  applicationIds: { inQuiz: string; failedAtCoding: string; reroutedWithOffer: string };
  referralId: string;
}

interface InterviewSeed {
  stage: ApplicationStage;
  day: number;
  time: string;
  minutes: number;
  format: InterviewFormat;
  outcome: InterviewOutcome;
  interviewers: string[];
  feedback?: string;
  prepNotes?: string;
  meetingUrl?: string;
  location?: string;
}

/**
 * Seeded examples a new user can load in one call to see Dossier with realistic data. They go
 * through the domain services, so they look exactly like data the user would have entered;
 * interviews and tasks are written as rows (with the prep-task dates refreshed as their service does).
 */
@Injectable()
export class ExamplesService {
  constructor(
    private readonly repository: ExamplesRepository,
    private readonly organizations: OrganizationsService,
    private readonly people: PeopleService,
    private readonly interactions: InteractionsService,
    private readonly templates: StageTemplatesService,
    private readonly applications: ApplicationsService,
    private readonly referrals: ReferralsService,
    private readonly interviewsService: InterviewsService,
  ) {}

  /**
   * A research lab with two teams, eight people, the research-engineer loop as its template, and
   * three applications: one in the quiz stage with an interview in three days, one failed at
   * coding and rerouted to Applied, where it reached an offer. Only into an account with no applications.
   */
  async loadResearchLab(userId: string): Promise<ExampleSummary> {
    await this.assertLoadable(userId);
    const timeZone = await userTimeZone(this.repository.manager, userId);
    const today = dateIn(timeZone, new Date());
    const day = (offset: number): string => addDays(today, offset);
    const at = (offset: number, time = '10:00'): Promise<Date> => this.instant(day(offset), time, timeZone);
    const iso = async (offset: number, time?: string): Promise<string> => (await at(offset, time)).toISOString();

    // The organization first: its unique name makes a concurrent second load fail before writing anything else.
    const org = await this.organizations.create(userId, EXAMPLE_ORGANIZATION);
    const core = await this.organizations.addTeam(userId, org.id, EXAMPLE_TEAMS.core);
    const applied = await this.organizations.addTeam(userId, org.id, EXAMPLE_TEAMS.applied);
    const template = await this.templates.create(userId, { fromBuiltIn: 'research-engineer', organizationId: org.id, name: EXAMPLE_TEMPLATE_NAME });

    const person = {} as Record<ExamplePersonKey, string>;
    for (const [key, p] of Object.entries(EXAMPLE_PEOPLE) as [ExamplePersonKey, (typeof EXAMPLE_PEOPLE)[ExamplePersonKey]][]) {
      const created = await this.people.create(userId, {
        fullName: p.fullName,
        headline: p.headline,
        role: p.role,
        organizationId: p.atLab ? org.id : null,
        teamId: p.team === 'core' ? core.id : p.team === 'applied' ? applied.id : null,
        emails: p.emails,
        links: p.links,
        tags: p.tags,
        howWeMet: p.howWeMet,
        relationshipStage: p.relationshipStage,
        notes: p.notes,
        followUpCadenceDays: p.followUpCadenceDays ?? null,
      });
      person[key] = created.id;
    }
    // Logged before the referral is submitted: a later touch-point would settle its thank-you suggestion.
    for (const i of EXAMPLE_INTERACTIONS) {
      await this.interactions.create(userId, person[i.person], { type: i.type, occurredAt: await at(i.day, '18:00'), channel: i.channel, summary: i.summary, offered: i.offered ?? null, asked: i.asked ?? null });
    }

    // 1. An earlier application to Core that failed at the coding interview…
    let failed = await this.applications.create(userId, {
      organizationId: org.id,
      teamId: core.id,
      role: 'Research Engineer',
      source: 'direct',
      appliedOn: day(-75),
      recruiterId: person.recruiter,
      templateId: template.id,
      notes: 'First attempt, applied through the careers page.',
    });
    const firstLoop = failed.stages;
    for (const [move, offset, note] of [
      ['pass', -70, 'Friendly recruiter chat; the loop was explained in detail.'],
      ['advance', -69, null],
      ['pass', -62, 'First quiz went well.'],
      ['advance', -61, null],
      ['pass', -55, null],
      ['advance', -54, null],
      ['fail', -48, 'Coding: solved the first part, ran out of time on the dynamic-programming follow-up.'],
    ] as const) {
      failed = await this.applications.move(userId, failed.application.id, move, { at: await iso(offset, '17:00'), note });
    }
    // 2. …rerouted to Applied, whose shorter loop ended with an offer.
    let rerouted = await this.applications.reroute(userId, failed.application.id, { teamId: applied.id, at: await iso(-45, '12:00'), note: 'Priya suggested the Applied team: strong quizzes, and their loop is shorter.' });
    const secondLoop = rerouted.stages;
    for (const [move, offset, note] of [
      ['pass', -33, 'Mei liked the evaluation-harness work.'],
      ['advance', -32, null],
      ['pass', -20, null],
      ['offer', -4, 'Offer for Research Engineer, Applied; decision due in two weeks.'],
    ] as const) {
      rerouted = await this.applications.move(userId, rerouted.application.id, move, { at: await iso(offset, '17:00'), note });
    }
    // 3. A new application to Core, referred by Samuel, now in the quiz stage.
    let current = await this.applications.create(userId, {
      organizationId: org.id,
      teamId: core.id,
      role: 'Research Engineer',
      source: 'referral',
      appliedOn: day(-12),
      recruiterId: person.recruiter,
      templateId: template.id,
      notes: 'Second attempt at Core, with a referral from Samuel; keeps the Applied offer as a fallback.',
    });
    current = await this.applications.move(userId, current.application.id, 'pass', { at: await iso(-7, '16:00'), note: 'Recruiter chat: quiz next, then coding.' });
    current = await this.applications.move(userId, current.application.id, 'advance', { at: await iso(-6, '09:00'), note: null });
    const thirdLoop = current.stages;

    const referral = await this.referrals.create(userId, { applicationId: current.application.id, referrerId: person.referrer, recruiterId: person.recruiter, status: 'discussed', on: day(-24), notes: 'Samuel offered after the call; he knows the Core hiring manager.' });
    await this.referrals.update(userId, referral.id, { status: 'offered', on: day(-20) });
    await this.referrals.update(userId, referral.id, { status: 'submitted', on: day(-12) });

    const stage = (stages: ApplicationStage[], position: number): ApplicationStage => stages[position];
    const interviews: InterviewSeed[] = [
      { stage: stage(firstLoop, 0), day: -70, time: '10:00', minutes: 30, format: 'video', outcome: 'passed', interviewers: [person.recruiter] },
      { stage: stage(firstLoop, 1), day: -62, time: '15:00', minutes: 60, format: 'video', outcome: 'passed', interviewers: [person.quizLead] },
      { stage: stage(firstLoop, 2), day: -55, time: '15:00', minutes: 60, format: 'video', outcome: 'passed', interviewers: [person.quizSecond] },
      { stage: stage(firstLoop, 3), day: -48, time: '11:00', minutes: 60, format: 'video', outcome: 'failed', interviewers: [person.coding], feedback: 'Clean code for part one; too slow on the DP follow-up. Practise stating complexity aloud.' },
      { stage: stage(secondLoop, 0), day: -33, time: '14:00', minutes: 45, format: 'onsite', outcome: 'passed', interviewers: [person.appliedLead], location: 'Frontier Lab, 3rd floor' },
      { stage: stage(secondLoop, 1), day: -20, time: '14:00', minutes: 45, format: 'video', outcome: 'passed', interviewers: [person.recruiter, person.appliedLead] },
      { stage: stage(thirdLoop, 0), day: -7, time: '15:30', minutes: 30, format: 'phone', outcome: 'passed', interviewers: [person.recruiter] },
      {
        stage: stage(thirdLoop, 1),
        day: 3,
        time: '15:00',
        minutes: 60,
        format: 'video',
        outcome: 'pending',
        interviewers: [person.quizLead, person.quizSecond],
        meetingUrl: 'https://meet.example.org/frontier-quiz',
        prepNotes: 'Probability puzzles (Lena), linear algebra and ML fundamentals (Tomás). Bring questions about the evaluation infrastructure.',
      },
    ];
    const applicationOf = new Map([...firstLoop, ...secondLoop, ...thirdLoop].map((s) => [s.id, s.applicationId]));
    const appIds = { quiz: current.application.id, offer: rerouted.application.id };

    await this.repository.transaction(async (em) => {
      for (const i of interviews) {
        const fields = {
          applicationId: applicationOf.get(i.stage.id)!,
          stageId: i.stage.id,
          startsAt: await this.instant(day(i.day), i.time, timeZone, em),
          timeZone,
          durationMinutes: i.minutes,
          format: i.format,
          location: i.location ?? null,
          meetingUrl: i.meetingUrl ?? null,
          prepNotes: i.prepNotes ?? null,
          outcome: i.outcome,
          feedback: i.feedback ?? null,
        };
        await this.interviewsService.insertAsRecorded(em, userId, fields, i.interviewers);
        await refreshPrepTaskDueDates(em, i.stage.id);
      }
      // The prep of the stages already behind was done when they were left; the failed stage's
      // stays settled with its application, as the fail left it.
      await completeLeftStagesPrep(em, userId);
      await insertSeededTasks(
        em,
        userId,
        EXAMPLE_TASKS.map((t) => ({ title: t.title, dueOn: day(t.day), notes: t.notes ?? null, personId: t.person ? person[t.person] : null, applicationId: t.application ? appIds[t.application] : null })),
      );
    });

    const tasks = await countTasks(this.repository.manager, userId);
    return {
      organizationId: org.id,
      teamIds: { core: core.id, applied: applied.id },
      templateId: template.id,
      applications: 3,
      people: Object.keys(person).length,
      interactions: EXAMPLE_INTERACTIONS.length,
      interviews: interviews.length,
      upcomingInterviews: interviews.filter((i) => i.day >= 0).length,
      tasks,
      referrals: 1,
      applicationIds: { inQuiz: current.application.id, failedAtCoding: failed.application.id, reroutedWithOffer: rerouted.application.id },
      referralId: referral.id,
    };
  }

  private async assertLoadable(userId: string): Promise<void> {
    const applications = await this.applications.count(userId);
    if (applications > 0) throw new ExampleAccountNotEmptyError(applications);
    // By its own name only: an organization that merely has the name as an alias is another one.
    const found = await this.organizations.findByName(userId, EXAMPLE_ORGANIZATION.name);
    const existing = found?.nameFolded === foldName(EXAMPLE_ORGANIZATION.name) ? found : null;
    if (existing) throw new ExampleAlreadyLoadedError(existing.name, existing.id);
  }

  /** The instant of a wall-clock time on a date in a time zone. */
  private instant(date: string, time: string, timeZone: string, em: EntityManager = this.repository.manager): Promise<Date> {
    return this.repository.instant(em, date, time, timeZone);
  }
}

