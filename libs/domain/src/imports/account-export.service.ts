import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ConflictError, NotFoundError } from '#platform';
import { User } from '../accounts/index';
import { Application, ApplicationMove, ApplicationStage, StageRetrospective } from '../applications/index';
import { Briefing } from '../briefings/index';
import { Interaction } from '../interactions/index';
import { Interview, InterviewerNote } from '../interviews/index';
import { Organization, Team } from '../organizations/index';
import { foldName } from '../shared/text/index';
import { Person } from '../people/index';
import { ChecklistSettings, ReadingEntry, ReadingGoal } from '../reading/index';
import { Referral } from '../referrals/index';
import { ResumeProject } from '../resume-projects/index';
import { parseIdentityInput, ScholarlyIdentity } from '../scholarly-identities/index';
import { StageTemplate } from '../stage-templates/index';
import { PersonSyncSettings } from '../sync/index';
import { Task } from '../tasks/index';
import { AccountExport, EXPORT_FORMAT, EXPORT_VERSION, ExportedApplication } from './account-export.types';

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);
const BATCH = 500;
const NOT_EMPTY = 'A Dossier export can only be imported into an empty account (no people, organizations, stage templates, tasks or résumé projects)';

const UNFINISHED_BRIEFING = 'This version was still being made when the account was exported; ask for a new one';

type Skip = { item: string; reason: string };

/** What a restore wrote, and what the caller does once it is committed. */
export interface RestoreResult {
  created: number;
  skips: Skip[];
  /** Imported people with linked identities (not deleted): their works are synced again. */
  linkedPeople: string[];
  /** People with their own sync schedule: their schedulers are set up. */
  schedules: number;
}

/**
 * Whole-account export and restore. Restore writes the tables of several modules at once, in one
 * transaction, because a partial restore would be worse than none. It writes rows directly (not
 * through the modules' services): it restores history as it was, it does not replay it.
 */
@Injectable()
export class AccountExportService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** One consistent snapshot: every table is read in the same repeatable-read transaction. */
  async export(userId: string): Promise<AccountExport> {
    return this.dataSource.transaction('REPEATABLE READ', async (em) => {
      const user = await em.findOneBy(User, { id: userId });
      if (!user) throw new NotFoundError('user', userId);
      const organizations = await em.find(Organization, { where: { userId }, order: { createdAt: 'ASC', id: 'ASC' } });
      const teams = await em.find(Team, { where: { userId }, order: { createdAt: 'ASC', id: 'ASC' } });
      const people = await em.find(Person, { where: { userId }, withDeleted: true, order: { createdAt: 'ASC', id: 'ASC' } });
      const interactions = await em.find(Interaction, { where: { userId }, order: { occurredAt: 'ASC', id: 'ASC' } });
      const templates = await em.find(StageTemplate, { where: { userId }, order: { createdAt: 'ASC', id: 'ASC' } });
      const applications = await em.find(Application, { where: { userId }, order: { createdAt: 'ASC', id: 'ASC' } });
      const stages = await em.find(ApplicationStage, { where: { userId }, order: { applicationId: 'ASC', position: 'ASC' } });
      const moves = await em.find(ApplicationMove, { where: { userId }, order: { at: 'ASC', recordedAt: 'ASC', id: 'ASC' } });
      const interviews = await em.find(Interview, { where: { userId }, order: { startsAt: 'ASC', createdAt: 'ASC', id: 'ASC' } });
      const interviewers = (await em.query(
        `SELECT ii.interview_id AS "interviewId", ii.person_id AS "personId" FROM interview_interviewers ii JOIN interviews i ON i.id = ii.interview_id
          WHERE i.user_id = $1 ORDER BY ii.person_id`,
        [userId],
      )) as { interviewId: string; personId: string }[];
      const interviewerNotes = await em.find(InterviewerNote, { where: { userId }, order: { createdAt: 'ASC', id: 'ASC' } });
      const retrospectives = await em.find(StageRetrospective, { where: { userId }, order: { createdAt: 'ASC', id: 'ASC' } });
      const stageApplication = new Map(stages.map((s) => [s.id, s.applicationId]));
      const tasks = await em.find(Task, { where: { userId }, order: { createdAt: 'ASC', id: 'ASC' } });
      const referrals = await em.find(Referral, { where: { userId }, order: { createdAt: 'ASC', id: 'ASC' } });
      const resumeProjects = await em.find(ResumeProject, { where: { userId }, order: { position: 'ASC', createdAt: 'ASC', id: 'ASC' } });
      const readingEntries = (await em.query(
        `SELECT e.*, w.doi, w.arxiv_id, w.title FROM reading_entries e JOIN works w ON w.id = e.work_id WHERE e.user_id = $1 ORDER BY e.created_at, e.id`,
        [userId],
      )) as Record<string, any>[];
      const checklistSettings = await em.find(ChecklistSettings, { where: { userId }, order: { updatedAt: 'ASC', id: 'ASC' } });
      const goal = await em.findOneBy(ReadingGoal, { userId });
      const referralIds = new Set(referrals.map((r) => r.id));
      const identities = await em.find(ScholarlyIdentity, { where: { userId }, order: { createdAt: 'ASC', id: 'ASC' } });
      const syncSchedules = await em.find(PersonSyncSettings, { where: { userId }, order: { personId: 'ASC' } });
      const briefings = await em.find(Briefing, { where: { userId }, order: { interviewId: 'ASC', version: 'ASC' } });
      return {
        format: EXPORT_FORMAT,
        version: EXPORT_VERSION,
        exportedAt: new Date().toISOString(),
        readingEntries: readingEntries.map((e) => ({
          id: e.id,
          workId: e.work_id,
          doi: e.doi,
          arxivId: e.arxiv_id,
          title: e.title,
          status: e.status,
          notes: e.notes,
          summary: e.summary,
          questions: e.questions,
          createdAt: e.created_at.toISOString(),
          updatedAt: e.updated_at.toISOString(),
        })),
        readingChecklistSettings: checklistSettings.map((c) => ({ id: c.id, personId: c.personId, interviewId: c.interviewId, size: c.size, weights: c.weights, updatedAt: c.updatedAt.toISOString() })),
        account: { displayName: user.displayName, timeZone: user.timeZone, readingCoverageTarget: goal?.coverageTarget ?? null },
        organizations: organizations.map((o) => ({
          id: o.id,
          name: o.name,
          aliases: o.aliases,
          website: o.website,
          description: o.description,
          researchNotes: o.researchNotes,
          tags: o.tags,
          createdAt: o.createdAt.toISOString(),
          updatedAt: o.updatedAt.toISOString(),
          teams: teams
            .filter((t) => t.organizationId === o.id)
            .map((t) => ({ id: t.id, name: t.name, description: t.description, researchNotes: t.researchNotes, createdAt: t.createdAt.toISOString(), updatedAt: t.updatedAt.toISOString() })),
        })),
        people: people.map((p) => ({
          id: p.id,
          fullName: p.fullName,
          givenName: p.givenName,
          familyName: p.familyName,
          headline: p.headline,
          role: p.role,
          organizationId: p.organizationId,
          teamId: p.teamId,
          emails: p.emails,
          phones: p.phones,
          links: p.links,
          tags: p.tags,
          howWeMet: p.howWeMet,
          relationshipStage: p.relationshipStage,
          notes: p.notes,
          nextFollowUpAt: p.nextFollowUpAt,
          nextFollowUpReason: p.nextFollowUpReason,
          followUpCadenceDays: p.followUpCadenceDays,
          lastInteractionAt: iso(p.lastInteractionAt),
          createdAt: p.createdAt.toISOString(),
          updatedAt: p.updatedAt.toISOString(),
          deletedAt: iso(p.deletedAt),
        })),
        interactions: interactions.map((i) => ({
          id: i.id,
          personId: i.personId,
          type: i.type,
          occurredAt: i.occurredAt.toISOString(),
          channel: i.channel,
          summary: i.summary,
          offered: i.offered,
          asked: i.asked,
          createdAt: i.createdAt.toISOString(),
          updatedAt: i.updatedAt.toISOString(),
        })),
        stageTemplates: templates.map((t) => ({ id: t.id, organizationId: t.organizationId, name: t.name, role: t.role, stages: t.stages, createdAt: t.createdAt.toISOString(), updatedAt: t.updatedAt.toISOString() })),
        applications: applications.map((a) => ({
          id: a.id,
          organizationId: a.organizationId,
          teamId: a.teamId,
          role: a.role,
          source: a.source,
          status: a.status,
          appliedOn: a.appliedOn,
          closedOn: a.closedOn,
          notes: a.notes,
          keywords: a.keywords,
          recruiterId: a.recruiterId,
          templateId: a.templateId,
          templateName: a.templateName,
          currentStageId: a.currentStageId,
          reroutedFromId: a.reroutedFromId,
          createdAt: a.createdAt.toISOString(),
          updatedAt: a.updatedAt.toISOString(),
          stages: stages
            .filter((s) => s.applicationId === a.id)
            .map((s) => ({ id: s.id, position: s.position, name: s.name, type: s.type, checklist: s.checklist, status: s.status, enteredAt: iso(s.enteredAt), leftAt: iso(s.leftAt) })),
          moves: moves
            .filter((m) => m.applicationId === a.id)
            .map((m) => ({
              id: m.id,
              move: m.move,
              at: m.at.toISOString(),
              fromStatus: m.fromStatus,
              toStatus: m.toStatus,
              fromStage: m.fromStage,
              toStage: m.toStage,
              fromStageId: m.fromStageId,
              toStageId: m.toStageId,
              relatedApplicationId: m.relatedApplicationId,
              // Only referrals still there (one erased with its referrer is gone).
              carriedReferralIds: m.carriedReferralIds.filter((id) => referralIds.has(id)),
              carriedRecruiter: m.carriedRecruiter,
              note: m.note,
              recordedAt: m.recordedAt.toISOString(),
            })),
        })),
        interviews: interviews.map((i) => ({
          id: i.id,
          applicationId: i.applicationId,
          stageId: i.stageId,
          startsAt: i.startsAt.toISOString(),
          timeZone: i.timeZone,
          durationMinutes: i.durationMinutes,
          format: i.format,
          location: i.location,
          meetingUrl: i.meetingUrl,
          prepNotes: i.prepNotes,
          outcome: i.outcome,
          feedback: i.feedback,
          sequence: i.sequence,
          interviewerIds: interviewers.filter((r) => r.interviewId === i.id).map((r) => r.personId),
          createdAt: i.createdAt.toISOString(),
          updatedAt: i.updatedAt.toISOString(),
        })),
        interviewerNotes: interviewerNotes.map((n) => ({
          id: n.id,
          interviewId: n.interviewId,
          personId: n.personId,
          asked: n.asked,
          howItWent: n.howItWent,
          followUp: n.followUp,
          createdAt: n.createdAt.toISOString(),
          updatedAt: n.updatedAt.toISOString(),
        })),
        stageRetrospectives: retrospectives.map((r) => ({
          id: r.id,
          applicationId: stageApplication.get(r.stageId) as string,
          stageId: r.stageId,
          wentWell: r.wentWell,
          wentBadly: r.wentBadly,
          doDifferently: r.doDifferently,
          createdAt: r.createdAt.toISOString(),
          updatedAt: r.updatedAt.toISOString(),
        })),
        tasks: tasks.map((t) => ({
          id: t.id,
          title: t.title,
          dueOn: t.dueOn,
          doneAt: iso(t.doneAt),
          closedAt: iso(t.closedAt),
          closedReason: t.closedReason,
          notes: t.notes,
          origin: t.origin,
          personId: t.personId,
          applicationId: t.applicationId,
          stageId: t.stageId,
          interviewId: t.interviewId,
          sequence: t.sequence,
          createdAt: t.createdAt.toISOString(),
          updatedAt: t.updatedAt.toISOString(),
        })),
        referrals: referrals.map((r) => ({
          id: r.id,
          applicationId: r.applicationId,
          referrerId: r.referrerId,
          recruiterId: r.recruiterId,
          status: r.status,
          statusDates: r.statusDates,
          notes: r.notes,
          carriedFromId: r.carriedFromId,
          createdAt: r.createdAt.toISOString(),
          updatedAt: r.updatedAt.toISOString(),
        })),
        resumeProjects: resumeProjects.map((p) => ({
          id: p.id,
          title: p.title,
          summary: p.summary,
          role: p.role,
          periodFrom: p.periodFrom,
          periodTo: p.periodTo,
          tags: p.tags,
          links: p.links,
          talkingPoints: p.talkingPoints,
          stageTypes: p.stageTypes,
          position: p.position,
          createdAt: p.createdAt.toISOString(),
          updatedAt: p.updatedAt.toISOString(),
        })),
        scholarlyIdentities: identities.map((i) => ({
          id: i.id,
          personId: i.personId,
          source: i.source,
          sourceAuthorId: i.sourceAuthorId,
          name: i.name,
          status: i.status,
          linkedBy: i.linkedBy,
          createdAt: i.createdAt.toISOString(),
        })),
        syncSchedules: syncSchedules.map((s) => ({ personId: s.personId, everyHours: s.everyHours, updatedAt: s.updatedAt.toISOString() })),
        briefings: briefings.map((b) => ({
          id: b.id,
          interviewId: b.interviewId,
          version: b.version,
          trigger: b.trigger,
          status: b.status,
          forStartsAt: iso(b.forStartsAt),
          content: b.content,
          markdown: b.markdown,
          html: b.html,
          changes: b.changes,
          error: b.error,
          createdAt: b.createdAt.toISOString(),
          generatedAt: iso(b.generatedAt),
        })),
      };
    });
  }

  /** Number of records a restore of this document writes (its progress total). */
  static countItems(doc: AccountExport): number {
    const applications = doc.applications ?? [];
    return (
      doc.organizations.length +
      doc.organizations.reduce((n, o) => n + o.teams.length, 0) +
      doc.people.length +
      doc.interactions.length +
      (doc.stageTemplates?.length ?? 0) +
      applications.length +
      applications.reduce((n, a) => n + a.stages.length + a.moves.length, 0) +
      (doc.interviews?.length ?? 0) +
      (doc.interviewerNotes?.length ?? 0) +
      (doc.stageRetrospectives?.length ?? 0) +
      (doc.tasks?.length ?? 0) +
      (doc.referrals?.length ?? 0) +
      (doc.readingEntries?.length ?? 0) +
      (doc.readingChecklistSettings?.length ?? 0) +
      (doc.resumeProjects?.length ?? 0) +
      (doc.scholarlyIdentities?.length ?? 0) +
      (doc.syncSchedules?.length ?? 0) +
      (doc.briefings?.length ?? 0)
    );
  }

  async assertEmptyAccount(userId: string): Promise<void> {
    if (await this.hasData(this.dataSource.manager, userId)) throw new ConflictError('import.account-not-empty', NOT_EMPTY);
  }

  /**
   * Restores an export into an empty account, giving every record a new id and keeping every
   * reference and timestamp. References to ids the document does not hold are reported, not guessed.
   * New ids keep the order of the old ones, so records that tie on a date list in the same order.
   */
  async restore(userId: string, doc: AccountExport, onProgress: (done: number) => Promise<void>): Promise<RestoreResult> {
    return this.dataSource.transaction(async (em) => {
      await this.assertEmptyAccountIn(em, userId);
      const skips: Skip[] = [];
      let done = 0;
      const write = async <T extends object>(target: new () => T, rows: Partial<T>[]): Promise<void> => {
        for (let i = 0; i < rows.length; i += BATCH) {
          await em.createQueryBuilder().insert().into(target).values(rows.slice(i, i + BATCH) as never).execute();
          done += Math.min(BATCH, rows.length - i);
          await onProgress(done);
        }
      };
      const ids = {
        organization: new IdMap('organizations', skips),
        team: new IdMap('teams', skips),
        person: new IdMap('people', skips),
        interaction: new IdMap('interactions', skips),
        template: new IdMap('stageTemplates', skips),
        application: new IdMap('applications', skips),
        stage: new IdMap('stages', skips),
        move: new IdMap('moves', skips),
        interview: new IdMap('interviews', skips),
        interviewerNote: new IdMap('interviewerNotes', skips),
        retrospective: new IdMap('stageRetrospectives', skips),
        task: new IdMap('tasks', skips),
        referral: new IdMap('referrals', skips),
      };
      /** The new id of a reference; one that is not in the document is reported and left empty. */
      const ref = (map: IdMap, id: string | null | undefined, item: string): string | null => {
        if (!id) return null;
        const mapped = map.get(id);
        if (!mapped) skips.push({ item, reason: `refers to ${id}, which is not in the document; left empty` });
        return mapped;
      };

      await em.update(User, { id: userId }, { displayName: doc.account.displayName, timeZone: doc.account.timeZone });
      if (doc.account.readingCoverageTarget != null) {
        await em.query('INSERT INTO reading_goals (user_id, coverage_target) VALUES ($1, $2) ON CONFLICT (user_id) DO UPDATE SET coverage_target = EXCLUDED.coverage_target, updated_at = now()', [userId, doc.account.readingCoverageTarget]);
      }

      const organizations = ids.organization.allocate(doc.organizations);
      await write(
        Organization,
        organizations.map((o) => ({ id: ids.organization.get(o.id)!, userId, name: o.name, nameFolded: foldName(o.name), ...aliasColumns(o.name, o.aliases ?? []), website: o.website, description: o.description, researchNotes: o.researchNotes, tags: o.tags, createdAt: new Date(o.createdAt), updatedAt: new Date(o.updatedAt) })),
      );
      const teams = ids.team.allocate(organizations.flatMap((o) => o.teams.map((t) => ({ ...t, organizationId: o.id }))));
      await write(
        Team,
        teams.map((t) => ({ id: ids.team.get(t.id)!, userId, organizationId: ids.organization.get(t.organizationId)!, name: t.name, nameFolded: foldName(t.name), description: t.description, researchNotes: t.researchNotes, createdAt: new Date(t.createdAt), updatedAt: new Date(t.updatedAt) })),
      );

      const people = ids.person.allocate(doc.people);
      await write(
        Person,
        people.map((p) => ({
          id: ids.person.get(p.id)!,
          userId,
          fullName: p.fullName,
          nameFolded: foldName(p.fullName),
          givenName: p.givenName,
          familyName: p.familyName,
          headline: p.headline,
          role: p.role,
          organizationId: ref(ids.organization, p.organizationId, `people[${p.id}].organizationId`),
          teamId: ref(ids.team, p.teamId, `people[${p.id}].teamId`),
          emails: p.emails,
          phones: p.phones ?? [],
          links: p.links,
          tags: p.tags,
          howWeMet: p.howWeMet,
          relationshipStage: p.relationshipStage,
          notes: p.notes,
          nextFollowUpAt: p.nextFollowUpAt,
          nextFollowUpReason: p.nextFollowUpReason ?? null,
          followUpCadenceDays: p.followUpCadenceDays,
          lastInteractionAt: p.lastInteractionAt ? new Date(p.lastInteractionAt) : null,
          createdAt: new Date(p.createdAt),
          updatedAt: new Date(p.updatedAt),
          deletedAt: p.deletedAt ? new Date(p.deletedAt) : null,
        })),
      );

      const interactions = ids.interaction.allocate(doc.interactions.filter((i) => required(ids.person, i.personId, `interactions[${i.id}]`, 'person', skips)));
      await write(
        Interaction,
        interactions.map((i) => ({
          id: ids.interaction.get(i.id)!,
          userId,
          personId: ids.person.get(i.personId)!,
          type: i.type,
          occurredAt: new Date(i.occurredAt),
          channel: i.channel,
          summary: i.summary,
          offered: i.offered,
          asked: i.asked ?? null,
          createdAt: new Date(i.createdAt),
          updatedAt: new Date(i.updatedAt),
        })),
      );

      const templates = ids.template.allocate(doc.stageTemplates ?? []);
      await write(
        StageTemplate,
        templates.map((t) => ({
          id: ids.template.get(t.id)!,
          userId,
          organizationId: ref(ids.organization, t.organizationId, `stageTemplates[${t.id}].organizationId`),
          name: t.name,
          role: t.role,
          stages: t.stages,
          createdAt: new Date(t.createdAt),
          updatedAt: new Date(t.updatedAt),
        })),
      );

      // An application's reroute source is written before it (a foreign key), whatever the document's order.
      const applications = ids.application.allocate(rerouteOrder((doc.applications ?? []).filter((a) => required(ids.organization, a.organizationId, `applications[${a.id}]`, 'organization', skips))));
      const stages = ids.stage.allocate(applications.flatMap((a) => a.stages.map((s) => ({ ...s, applicationId: a.id }))));
      await write(
        Application,
        applications.map((a) => ({
          id: ids.application.get(a.id)!,
          userId,
          organizationId: ids.organization.get(a.organizationId)!,
          teamId: ref(ids.team, a.teamId, `applications[${a.id}].teamId`),
          role: a.role,
          source: a.source,
          status: a.status,
          appliedOn: a.appliedOn,
          closedOn: a.closedOn,
          notes: a.notes,
          keywords: a.keywords ?? [],
          recruiterId: ref(ids.person, a.recruiterId, `applications[${a.id}].recruiterId`),
          templateId: ref(ids.template, a.templateId, `applications[${a.id}].templateId`),
          templateName: a.templateName,
          currentStageId: ref(ids.stage, a.currentStageId, `applications[${a.id}].currentStageId`),
          reroutedFromId: ref(ids.application, a.reroutedFromId, `applications[${a.id}].reroutedFromId`),
          createdAt: new Date(a.createdAt),
          updatedAt: new Date(a.updatedAt),
        })),
      );
      await write(
        ApplicationStage,
        stages.map((s) => ({
          id: ids.stage.get(s.id)!,
          userId,
          applicationId: ids.application.get(s.applicationId)!,
          position: s.position,
          name: s.name,
          type: s.type,
          checklist: s.checklist,
          status: s.status,
          enteredAt: s.enteredAt ? new Date(s.enteredAt) : null,
          leftAt: s.leftAt ? new Date(s.leftAt) : null,
        })),
      );
      const moves = ids.move.allocate(applications.flatMap((a) => a.moves.map((m) => ({ ...m, applicationId: a.id }))));
      await write(
        ApplicationMove,
        moves.map((m) => ({
          id: ids.move.get(m.id)!,
          userId,
          applicationId: ids.application.get(m.applicationId)!,
          move: m.move,
          // Today every move is the account owner's own.
          actorId: userId,
          at: new Date(m.at),
          fromStatus: m.fromStatus,
          toStatus: m.toStatus,
          fromStage: m.fromStage,
          toStage: m.toStage,
          fromStageId: ref(ids.stage, m.fromStageId, `applications[${m.applicationId}].moves[${m.id}].fromStageId`),
          toStageId: ref(ids.stage, m.toStageId, `applications[${m.applicationId}].moves[${m.id}].toStageId`),
          relatedApplicationId: ref(ids.application, m.relatedApplicationId, `applications[${m.applicationId}].moves[${m.id}].relatedApplicationId`),
          // Carried referrals are linked once the referrals are written, below.
          carriedReferralIds: [],
          carriedRecruiter: m.carriedRecruiter ?? false,
          note: m.note,
          recordedAt: new Date(m.recordedAt),
        })),
      );

      const interviews = ids.interview.allocate(
        (doc.interviews ?? []).filter((i) => required(ids.application, i.applicationId, `interviews[${i.id}]`, 'application', skips) && required(ids.stage, i.stageId, `interviews[${i.id}]`, 'stage', skips)),
      );
      await write(
        Interview,
        interviews.map((i) => ({
          id: ids.interview.get(i.id)!,
          userId,
          applicationId: ids.application.get(i.applicationId)!,
          stageId: ids.stage.get(i.stageId)!,
          startsAt: new Date(i.startsAt),
          timeZone: i.timeZone,
          durationMinutes: i.durationMinutes,
          format: i.format,
          location: i.location,
          meetingUrl: i.meetingUrl,
          prepNotes: i.prepNotes,
          outcome: i.outcome,
          feedback: i.feedback,
          sequence: i.sequence,
          createdAt: new Date(i.createdAt),
          updatedAt: new Date(i.updatedAt),
        })),
      );
      const panel = interviews.flatMap((i) =>
        [...new Set(i.interviewerIds)].flatMap((personId) => {
          const mapped = ref(ids.person, personId, `interviews[${i.id}].interviewerIds`);
          return mapped ? [[ids.interview.get(i.id)!, mapped] as const] : [];
        }),
      );
      if (panel.length) {
        await em.query('INSERT INTO interview_interviewers (interview_id, person_id) SELECT * FROM unnest($1::uuid[], $2::uuid[])', [panel.map((p) => p[0]), panel.map((p) => p[1])]);
      }
      const notedPairs = new Set<string>();
      const interviewerNotes = ids.interviewerNote.allocate(
        (doc.interviewerNotes ?? []).filter((n) => {
          const item = `interviewerNotes[${n.id}]`;
          if (!required(ids.interview, n.interviewId, item, 'interview', skips) || !required(ids.person, n.personId, item, 'person', skips)) return false;
          const pair = `${n.interviewId}/${n.personId}`;
          if (notedPairs.has(pair)) {
            skips.push({ item, reason: 'the document holds notes on this interviewer at this interview twice; the first are kept' });
            return false;
          }
          notedPairs.add(pair);
          return true;
        }),
      );
      await write(
        InterviewerNote,
        interviewerNotes.map((n) => ({
          id: ids.interviewerNote.get(n.id)!,
          userId,
          interviewId: ids.interview.get(n.interviewId)!,
          personId: ids.person.get(n.personId)!,
          asked: n.asked,
          howItWent: n.howItWent,
          followUp: n.followUp,
          createdAt: new Date(n.createdAt),
          updatedAt: new Date(n.updatedAt),
        })),
      );

      const retroStages = new Set<string>();
      const retrospectives = ids.retrospective.allocate(
        (doc.stageRetrospectives ?? []).filter((r) => {
          const item = `stageRetrospectives[${r.id}]`;
          if (!required(ids.stage, r.stageId, item, 'stage', skips)) return false;
          if (retroStages.has(r.stageId)) {
            skips.push({ item, reason: 'the document holds two retrospectives of this stage; the first is kept' });
            return false;
          }
          retroStages.add(r.stageId);
          return true;
        }),
      );
      await write(
        StageRetrospective,
        retrospectives.map((r) => ({
          id: ids.retrospective.get(r.id)!,
          userId,
          stageId: ids.stage.get(r.stageId)!,
          wentWell: r.wentWell,
          wentBadly: r.wentBadly,
          doDifferently: r.doDifferently,
          createdAt: new Date(r.createdAt),
          updatedAt: new Date(r.updatedAt),
        })),
      );

      const tasks = ids.task.allocate(doc.tasks ?? []);
      await write(
        Task,
        tasks.map((t) => ({
          id: ids.task.get(t.id)!,
          userId,
          title: t.title,
          dueOn: t.dueOn,
          doneAt: t.doneAt ? new Date(t.doneAt) : null,
          closedAt: t.closedAt ? new Date(t.closedAt) : null,
          closedReason: t.closedAt ? (t.closedReason ?? null) : null,
          notes: t.notes,
          origin: t.origin,
          personId: ref(ids.person, t.personId, `tasks[${t.id}].personId`),
          applicationId: ref(ids.application, t.applicationId, `tasks[${t.id}].applicationId`),
          stageId: ref(ids.stage, t.stageId, `tasks[${t.id}].stageId`),
          interviewId: ref(ids.interview, t.interviewId, `tasks[${t.id}].interviewId`),
          sequence: t.sequence,
          createdAt: new Date(t.createdAt),
          updatedAt: new Date(t.updatedAt),
        })),
      );

      const seenPairs = new Set<string>();
      const referrals = ids.referral.allocate(
        (doc.referrals ?? []).filter((r) => {
          if (!required(ids.application, r.applicationId, `referrals[${r.id}]`, 'application', skips) || !required(ids.person, r.referrerId, `referrals[${r.id}]`, 'person', skips)) return false;
          const pair = `${r.applicationId}/${r.referrerId}`;
          if (seenPairs.has(pair)) {
            skips.push({ item: `referrals[${r.id}]`, reason: 'the same person already referred this application earlier in the document' });
            return false;
          }
          seenPairs.add(pair);
          return true;
        }),
      );
      await write(
        Referral,
        referrals.map((r) => ({
          id: ids.referral.get(r.id)!,
          userId,
          applicationId: ids.application.get(r.applicationId)!,
          referrerId: ids.person.get(r.referrerId)!,
          recruiterId: ref(ids.person, r.recruiterId, `referrals[${r.id}].recruiterId`),
          status: r.status,
          statusDates: r.statusDates,
          notes: r.notes,
          createdAt: new Date(r.createdAt),
          updatedAt: new Date(r.updatedAt),
        })),
      );
      // Linked once all are written, so the document's order does not matter.
      for (const r of referrals) {
        const from = ref(ids.referral, r.carriedFromId, `referrals[${r.id}].carriedFromId`);
        if (from) await em.query('UPDATE referrals SET carried_from_id = $1 WHERE id = $2', [from, ids.referral.get(r.id)]);
      }
      for (const m of moves) {
        const carried = (m.carriedReferralIds ?? []).map((id) => ref(ids.referral, id, `applications[${m.applicationId}].moves[${m.id}].carriedReferralIds`)).filter((id): id is string => !!id);
        if (carried.length) await em.query('UPDATE application_moves SET carried_referral_ids = $1::uuid[] WHERE id = $2', [carried, ids.move.get(m.id)]);
      }
      const resumeProjectIds = new IdMap('resumeProjects', skips);
      const resumeProjects = resumeProjectIds.allocate(doc.resumeProjects ?? []);
      await write(
        ResumeProject,
        resumeProjects.map((p) => ({
          id: resumeProjectIds.get(p.id)!,
          userId,
          title: p.title,
          summary: p.summary,
          role: p.role,
          periodFrom: p.periodFrom,
          periodTo: p.periodTo,
          tags: p.tags,
          links: p.links,
          talkingPoints: p.talkingPoints,
          stageTypes: p.stageTypes,
          position: p.position,
          createdAt: new Date(p.createdAt),
          updatedAt: new Date(p.updatedAt),
        })),
      );
      await this.restoreReading(em, userId, doc, ids.person, ids.interview, skips, write);
      const research = await this.restoreResearch(userId, doc, ids, skips, write);
      return { created: done, skips, ...research };
    });
  }

  /**
   * Identities, sync schedules and briefings. Identities are written as never synced: the caller
   * starts a sync of the people they link once the restore is committed (works are the sources',
   * not the document's). A briefing keeps its versions; the facts it was made from name the new ids.
   */
  private async restoreResearch(
    userId: string,
    doc: AccountExport,
    ids: Record<'person' | 'interview', IdMap> & Record<string, IdMap>,
    skips: Skip[],
    write: <T extends object>(target: new () => T, rows: Partial<T>[]) => Promise<void>,
  ): Promise<{ linkedPeople: string[]; schedules: number }> {
    const identityIds = new IdMap('scholarlyIdentities', skips);
    const seenIdentities = new Set<string>();
    const identities = identityIds.allocate(doc.scholarlyIdentities ?? []).flatMap((i) => {
      const item = `scholarlyIdentities[${i.id}]`;
      if (!required(ids.person, i.personId, item, 'person', skips)) return [];
      // Kept in the form a sync asks for; one no source would take is kept too, marked broken, as a sync would mark it.
      const parsed = parseIdentityInput(i.source, i.sourceAuthorId);
      const sourceAuthorId = parsed.ok ? parsed.sourceAuthorId : i.sourceAuthorId;
      const key = `${i.personId}/${i.source}/${sourceAuthorId}`;
      if (seenIdentities.has(key)) {
        skips.push({ item, reason: 'the same person has this identity earlier in the document; the first is kept' });
        return [];
      }
      seenIdentities.add(key);
      return [{ ...i, sourceAuthorId, brokenReason: parsed.ok ? null : `Imported, but its id ${parsed.problem}` }];
    });
    await write(
      ScholarlyIdentity,
      identities.map((i) => ({
        id: identityIds.get(i.id)!,
        userId,
        personId: ids.person.get(i.personId)!,
        source: i.source,
        sourceAuthorId: i.sourceAuthorId,
        name: i.name,
        status: i.status,
        linkedBy: i.linkedBy,
        syncState: i.brokenReason ? ('broken' as const) : ('never' as const),
        brokenReason: i.brokenReason,
        createdAt: new Date(i.createdAt),
      })),
    );
    const deleted = new Set((doc.people ?? []).filter((p) => p.deletedAt).map((p) => p.id));
    const linkedPeople = [...new Set(identities.filter((i) => i.status === 'linked' && !i.brokenReason && !deleted.has(i.personId)).map((i) => ids.person.get(i.personId)!))];

    const scheduled = new Set<string>();
    const schedules = (doc.syncSchedules ?? []).filter((s, n) => {
      const item = `syncSchedules[${n}]`;
      if (!required(ids.person, s.personId, item, 'person', skips)) return false;
      if (scheduled.has(s.personId)) {
        skips.push({ item, reason: 'the same person has a schedule earlier in the document; the first is kept' });
        return false;
      }
      scheduled.add(s.personId);
      return true;
    });
    await write(
      PersonSyncSettings,
      schedules.map((s) => ({ personId: ids.person.get(s.personId)!, userId, everyHours: s.everyHours, updatedAt: new Date(s.updatedAt) })),
    );

    const briefingIds = new IdMap('briefings', skips);
    const versions = new Set<string>();
    const briefings = briefingIds.allocate(doc.briefings ?? []).filter((b) => {
      const item = `briefings[${b.id}]`;
      if (!required(ids.interview, b.interviewId, item, 'interview', skips)) return false;
      const key = `${b.interviewId}/${b.version}`;
      if (versions.has(key)) {
        skips.push({ item, reason: `the document holds version ${b.version} of this interview's briefing twice; the first is kept` });
        return false;
      }
      versions.add(key);
      return true;
    });
    const renamed = renamer(Object.values(ids).concat(identityIds, briefingIds));
    await write(
      Briefing,
      briefings.map((b) => {
        // A version still being made when the account was exported is not made here: it is reported failed.
        const unfinished = b.status === 'queued' || b.status === 'generating';
        return {
          id: briefingIds.get(b.id)!,
          userId,
          interviewId: ids.interview.get(b.interviewId)!,
          version: b.version,
          trigger: b.trigger,
          status: unfinished ? ('failed' as const) : b.status,
          forStartsAt: b.forStartsAt ? new Date(b.forStartsAt) : null,
          content: b.content ? (renamed(b.content) as typeof b.content) : null,
          markdown: b.markdown,
          html: b.html,
          changes: b.changes,
          error: unfinished ? UNFINISHED_BRIEFING : b.error,
          createdAt: new Date(b.createdAt),
          generatedAt: b.generatedAt ? new Date(b.generatedAt) : null,
        };
      }),
    );
    return { linkedPeople, schedules: schedules.length };
  }

  /**
   * Reading entries name shared works: the same id where the work is cached here, else the work with
   * the same DOI or arXiv id; one whose work is not here is reported (a sync of its author brings it).
   */
  private async restoreReading(
    em: EntityManager,
    userId: string,
    doc: AccountExport,
    people: IdMap,
    interviews: IdMap,
    skips: Skip[],
    write: <T extends object>(target: new () => T, rows: Partial<T>[]) => Promise<void>,
  ): Promise<void> {
    const entries = doc.readingEntries ?? [];
    const found = entries.length
      ? ((await em.query(
          `SELECT coalesce((SELECT w.id FROM works w WHERE w.id = e.id), (SELECT w.id FROM works w WHERE w.doi = e.doi), (SELECT w.id FROM works w WHERE w.arxiv_id = e.arxiv)) AS work_id
             FROM unnest($1::uuid[], $2::text[], $3::text[]) WITH ORDINALITY AS e(id, doi, arxiv, ord) ORDER BY e.ord`,
          [entries.map((e) => e.workId), entries.map((e) => e.doi), entries.map((e) => e.arxivId)],
        )) as { work_id: string | null }[])
      : [];
    const seenWorks = new Set<string>();
    const rows: Partial<ReadingEntry>[] = [];
    entries.forEach((e, i) => {
      const workId = found[i].work_id;
      if (!workId) return skips.push({ item: `readingEntries[${e.id}]`, reason: `the work "${e.title}" is not cached here; sync its author, then import again or set it anew` });
      if (seenWorks.has(workId)) return skips.push({ item: `readingEntries[${e.id}]`, reason: 'another entry of the document is about the same work; the first is kept' });
      seenWorks.add(workId);
      rows.push({ userId, workId, status: e.status, notes: e.notes, summary: e.summary, questions: e.questions, createdAt: new Date(e.createdAt), updatedAt: new Date(e.updatedAt) });
    });
    await write(ReadingEntry, rows);

    const seenTargets = new Set<string>();
    const settings: Partial<ChecklistSettings>[] = [];
    for (const c of doc.readingChecklistSettings ?? []) {
      const personId = c.personId ? people.get(c.personId) : null;
      const interviewId = c.interviewId ? interviews.get(c.interviewId) : null;
      const target = personId ? `p${personId}` : interviewId ? `i${interviewId}` : null;
      if (!target || (personId && interviewId)) {
        skips.push({ item: `readingChecklistSettings[${c.id}]`, reason: 'refers to no person or interview of the document (or to both); not imported' });
      } else if (seenTargets.has(target)) {
        skips.push({ item: `readingChecklistSettings[${c.id}]`, reason: 'the same checklist has settings earlier in the document; the first are kept' });
      } else {
        seenTargets.add(target);
        settings.push({ userId, personId, interviewId, size: c.size, weights: c.weights, updatedAt: new Date(c.updatedAt) });
      }
    }
    await write(ChecklistSettings, settings);
  }

  private async assertEmptyAccountIn(em: EntityManager, userId: string): Promise<void> {
    // Serializes concurrent restores into one account.
    await em.query('SELECT id FROM users WHERE id = $1 FOR UPDATE', [userId]);
    if (await this.hasData(em, userId)) throw new ConflictError('import.account-not-empty', NOT_EMPTY);
  }

  /** Applications need an organization, and interviews and referrals an application: these four cover the rest; résumé projects stand alone. */
  private async hasData(em: EntityManager, userId: string): Promise<boolean> {
    const [{ found }] = (await em.query(
      `SELECT EXISTS (SELECT 1 FROM people WHERE user_id = $1) OR EXISTS (SELECT 1 FROM organizations WHERE user_id = $1)
           OR EXISTS (SELECT 1 FROM stage_templates WHERE user_id = $1) OR EXISTS (SELECT 1 FROM tasks WHERE user_id = $1)
           OR EXISTS (SELECT 1 FROM resume_projects WHERE user_id = $1) AS found`,
      [userId],
    )) as { found: boolean }[];
    return found;
  }
}

/**
 * Old ids to new ones, for one kind of record. `allocate` hands out fresh ids in the same sorted
 * order as the old ones, so "by date, then id" lists the same after an import, and drops a record
 * whose id the document already used for another.
 */
class IdMap {
  private readonly ids = new Map<string, string>();

  constructor(
    private readonly kind: string,
    private readonly skips: Skip[],
  ) {}

  allocate<T extends { id: string }>(rows: T[]): T[] {
    const unique = rows.filter((row) => {
      if (!this.ids.has(row.id)) {
        this.ids.set(row.id, '');
        return true;
      }
      this.skips.push({ item: `${this.kind}[${row.id}]`, reason: 'the id appears twice in the document; the first is kept' });
      return false;
    });
    const fresh = unique.map(() => randomUUID()).sort();
    [...unique.map((r) => r.id)].sort().forEach((old, i) => this.ids.set(old, fresh[i]));
    return unique;
  }

  get(old: string): string | null {
    return this.ids.get(old) || null;
  }

  /** Every old id with its new one. */
  pairs(): [string, string][] {
    return [...this.ids].filter(([, fresh]) => fresh !== '');
  }
}

/**
 * Rewrites the ids held in a JSON value (a briefing's facts) to the new ones; ids of records the
 * document does not hold (shared works, among them) stay as they are.
 */
function renamer(maps: IdMap[]): (value: unknown) => unknown {
  const fresh = new Map(maps.flatMap((m) => m.pairs()));
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return fresh.get(v) ?? v;
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk;
}

/** Keeps a record whose required reference is in the document; reports the others. */
/** Aliases as the organizations service keeps them: distinct once folded, never the own name. */
function aliasColumns(name: string, list: string[]): { aliases: string[]; aliasesFolded: string[] } {
  const aliases = new Map<string, string>();
  for (const alias of list) {
    const key = foldName(alias);
    if (key && key !== foldName(name) && !aliases.has(key)) aliases.set(key, alias);
  }
  return { aliases: [...aliases.values()], aliasesFolded: [...aliases.keys()] };
}

function required(map: IdMap, id: string, item: string, what: string, skips: Skip[]): boolean {
  if (map.get(id)) return true;
  skips.push({ item, reason: `refers to ${what} ${id}, which is not in the document; not imported` });
  return false;
}

/** Applications in document order, except that one rerouted from another always comes after it. */
function rerouteOrder(applications: ExportedApplication[]): ExportedApplication[] {
  const byId = new Map(applications.map((a) => [a.id, a]));
  const out: ExportedApplication[] = [];
  const placed = new Set<string>();
  const place = (a: ExportedApplication, path: Set<string>): void => {
    if (placed.has(a.id) || path.has(a.id)) return;
    path.add(a.id);
    const parent = a.reroutedFromId ? byId.get(a.reroutedFromId) : undefined;
    if (parent) place(parent, path);
    placed.add(a.id);
    out.push(a);
  };
  for (const a of applications) place(a, new Set());
  return out;
}
