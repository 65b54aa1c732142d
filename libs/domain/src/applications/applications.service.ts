import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { NotFoundError } from '#platform';
import { userTimeZone } from '../accounts/index';
import { OrganizationsService } from '../organizations/index';
import { dateIn } from '../shared/dates';
import { livePeopleNamed } from '../people/index';
import { REROUTE_TEMPLATE, StageTemplatesService } from '../stage-templates/index';
import { carryReferrals, existingReferralIds } from '../referrals/index';
import { createPrepTasks, settlePrepTasks } from '../tasks/index';
import type { TaskCloseReason } from '../tasks/index';
import { ApplicationMove, ApplicationMoveKind } from './application-move.entity';
import { ApplicationStage } from './application-stage.entity';
import { Application, ApplicationSource, ApplicationStatus } from './application.entity';
import { ApplicationsRepository, ApplicationSummary } from './applications.repository';
import { AlreadyReroutedError, IllegalMoveError, InvalidApplicationError, StaleMoveError } from './applications.errors';
import { allowedMoves, PipelineState, transition, UserMove } from './pipeline-state-machine';
import type { Page } from '../people/index';

export interface ApplicationInput {
  organizationId?: string;
  teamId?: string | null;
  role?: string;
  source?: ApplicationSource;
  appliedOn?: string;
  notes?: string | null;
  keywords?: string[];
  recruiterId?: string | null;
}

export interface CreateApplicationInput extends ApplicationInput {
  organizationId: string;
  role: string;
  /** One of the user's templates; else `builtInTemplate`; else the organization's latest, else the default. */
  templateId?: string;
  builtInTemplate?: string;
}

export interface MoveInput {
  /** When it happened (default: now); may be backdated, never before the previous move. */
  at?: string;
  note?: string | null;
  /** The stage the user saw as current: when the application is elsewhere now, nothing is changed (409). */
  fromStageId?: string;
}

export interface RerouteInput extends MoveInput {
  teamId: string;
  /**
   * Whether the new application takes over the failed one's referrals (all but declined ones):
   * default true, as a referral vouches for the user at the organization the reroute stays in.
   */
  carryReferral?: boolean;
  /** Whether the new application keeps the failed one's recruiter: default true, the same lab's recruiter usually runs the team match. */
  carryRecruiter?: boolean;
  role?: string;
  templateId?: string;
  builtInTemplate?: string;
}

export interface ApplicationsQuery {
  status?: ApplicationStatus[];
  organizationId?: string;
  /** Text in the role, organization or team; accents and case ignored. */
  q?: string;
  limit?: number;
  offset?: number;
}

/** An application with everything its page shows. */
export interface ApplicationDetail {
  application: Application;
  stages: ApplicationStage[];
  allowedMoves: UserMove[];
  /** The moves of every application in its reroute chain, oldest first. */
  history: ApplicationMove[];
  reroutedFrom: Application | null;
  reroutedTo: Application[];
}

/** Applications and their loops. Every change of stage or status goes through `move`. */
@Injectable()
export class ApplicationsService {
  constructor(
    private readonly repository: ApplicationsRepository,
    private readonly organizations: OrganizationsService,
    private readonly templates: StageTemplatesService,
  ) {}

  async create(userId: string, input: CreateApplicationInput, actorId = userId): Promise<ApplicationDetail> {
    await this.organizations.assertOwned(userId, input.organizationId, input.teamId);
    await this.assertRecruiter(userId, input.recruiterId);
    const template = await this.templates.resolve(userId, input.organizationId, { templateId: input.templateId, builtIn: input.builtInTemplate });
    const id = await this.repository.transaction(async (em) => {
      const today = await this.today(em, userId);
      const appliedOn = input.appliedOn ?? today;
      if (appliedOn > today) throw new InvalidApplicationError([{ field: 'appliedOn', problem: 'must not be in the future' }]);
      // Applied on an earlier day: the history starts that day, so later moves can be backdated too.
      const at = appliedOn === today ? new Date() : await this.repository.startOfDay(em, appliedOn, await userTimeZone(em, userId));
      const application = await this.repository.insert(em, {
        userId,
        organizationId: input.organizationId,
        teamId: input.teamId ?? null,
        role: input.role.trim(),
        source: input.source ?? 'direct',
        status: 'active',
        appliedOn,
        closedOn: null,
        notes: input.notes ?? null,
        keywords: cleanKeywords(input.keywords),
        recruiterId: input.recruiterId ?? null,
        templateId: template.templateId,
        templateName: template.name,
        currentStageId: null,
        reroutedFromId: null,
      });
      await this.startLoop(em, application, template.stages, { move: 'apply', actorId, at, note: null, relatedApplicationId: null });
      return application.id;
    });
    return this.get(userId, id);
  }

  async list(userId: string, query: ApplicationsQuery = {}): Promise<Page<Application & { currentStage: ApplicationStage | null }>> {
    const limit = query.limit ?? 50;
    const offset = query.offset ?? 0;
    const [items, total] = await this.repository.page(userId, query, limit, offset);
    const stages = await this.currentStages(items);
    return { items: items.map((a) => Object.assign(a, { currentStage: stages.get(a.id) ?? null })), total, limit, offset };
  }

  async get(userId: string, id: string): Promise<ApplicationDetail> {
    const application = await this.repository.findWithRelations(userId, id);
    if (!application) throw new NotFoundError('application', id);
    const stages = await this.repository.stages(id);
    const chain = await this.repository.rerouteChain(userId, id);
    const moves = await this.repository.moves(chain);
    // A reroute is recorded on both sides at the same instant: the failed application's side first.
    // A referral erased with its referrer since is no longer listed as carried.
    const listed = [...new Set(moves.flatMap((m) => m.carriedReferralIds))];
    if (listed.length) {
      const existing = await existingReferralIds(this.repository.manager, userId, listed);
      for (const m of moves) m.carriedReferralIds = m.carriedReferralIds.filter((r) => existing.has(r));
    }
    const history = moves.sort((a, b) => a.at.getTime() - b.at.getTime() || chain.indexOf(a.applicationId) - chain.indexOf(b.applicationId));
    const reroutedFrom = application.reroutedFromId ? await this.repository.findWithRelations(userId, application.reroutedFromId) : null;
    const reroutedTo = await this.repository.reroutedFrom(userId, id);
    return { application, stages, allowedMoves: allowedMoves(state(application, stages)), history, reroutedFrom, reroutedTo };
  }

  async update(userId: string, id: string, input: ApplicationInput): Promise<ApplicationDetail> {
    const application = await this.repository.findOwned(userId, id);
    if (!application) throw new NotFoundError('application', id);
    if (input.organizationId !== undefined && input.organizationId !== application.organizationId) {
      throw new InvalidApplicationError([{ field: 'organizationId', problem: 'cannot change; reroute to a team of the same organization, or create a new application' }]);
    }
    await this.organizations.assertOwned(userId, application.organizationId, input.teamId);
    await this.assertRecruiter(userId, input.recruiterId);
    const patch: Partial<Application> = {};
    for (const key of ['teamId', 'source', 'appliedOn', 'notes', 'recruiterId'] as const) if (input[key] !== undefined) Object.assign(patch, { [key]: input[key] });
    if (input.role !== undefined) patch.role = input.role.trim();
    if (input.keywords !== undefined) patch.keywords = cleanKeywords(input.keywords);
    if (Object.keys(patch).length) await this.repository.update(userId, id, patch);
    return this.get(userId, id);
  }

  /** Deletes the application with its stages, moves, interviews, tasks and referrals; reroutes keep their own record. */
  async remove(userId: string, id: string): Promise<void> {
    if (!(await this.repository.delete(userId, id))) throw new NotFoundError('application', id);
  }

  /** How many applications the user has. */
  count(userId: string): Promise<number> {
    return this.repository.count(userId);
  }

  /** The user's stages among `ids` (of any application), by id. */
  async stagesByIds(ids: string[]): Promise<Map<string, ApplicationStage>> {
    return new Map((await this.repository.stagesByIds(ids)).map((s) => [s.id, s]));
  }

  /** The stages of the user's applications among `ids`, by application, in loop order: one read for them all. */
  async stagesOfApplications(userId: string, ids: string[]): Promise<Map<string, ApplicationStage[]>> {
    const out = new Map<string, ApplicationStage[]>();
    for (const stage of await this.repository.stagesOfApplications(userId, [...new Set(ids)])) out.set(stage.applicationId, [...(out.get(stage.applicationId) ?? []), stage]);
    return out;
  }

  /** The user's applications among `ids` by role, organization and team (for records that name them), in one read. */
  summaries(userId: string, ids: string[]): Promise<Map<string, ApplicationSummary>> {
    return this.repository.summaries(userId, ids);
  }

  /** One of the user's stages (of any application), or null; in the caller's transaction when given one. */
  stage(userId: string, stageId: string, em: EntityManager = this.repository.manager): Promise<ApplicationStage | null> {
    return this.repository.stageOwned(em, userId, stageId);
  }

  /** The application's stages in loop order. */
  stagesOf(applicationId: string, em: EntityManager = this.repository.manager): Promise<ApplicationStage[]> {
    return this.repository.stages(applicationId, em);
  }

  /** Applies one of the user's moves, or answers 409 with the moves that are allowed. */
  async move(userId: string, id: string, move: UserMove, input: MoveInput = {}, actorId = userId): Promise<ApplicationDetail> {
    await this.repository.transaction(async (em) => {
      const application = await this.locked(em, userId, id);
      const stages = await this.repository.stages(id, em);
      const before = state(application, stages);
      const current = stages[before.current] ?? null;
      if (input.fromStageId !== undefined && input.fromStageId !== application.currentStageId) {
        const from = stages.find((st) => st.id === input.fromStageId);
        if (!from) throw new InvalidApplicationError([{ field: 'fromStageId', problem: 'must be a stage of this application' }]);
        throw new StaleMoveError(move, application.status, current?.name ?? null, application.currentStageId, { id: from.id, name: from.name, entered: from.enteredAt !== null });
      }
      const allowed = allowedMoves(before);
      if (!allowed.includes(move)) throw new IllegalMoveError(move, application.status, current?.name ?? null, allowed);
      const at = await this.moveTime(em, id, input.at);
      const after = transition(before, move);
      for (const [i, stage] of stages.entries()) {
        const changed: Partial<ApplicationStage> = {};
        if (after.stages[i] !== stage.status) changed.status = after.stages[i];
        if (after.entered.includes(i)) changed.enteredAt = at;
        if (after.left.includes(i)) changed.leftAt = at;
        if (Object.keys(changed).length) await this.repository.setStage(em, stage.id, changed);
      }
      const next = stages[after.current];
      await this.repository.set(em, id, { status: after.status, currentStageId: next.id, closedOn: after.closed ? dateIn(await userTimeZone(em, userId), at) : null });
      await this.record(em, application, { move, actorId, at, note: input.note ?? null, relatedApplicationId: null, fromStatus: application.status, toStatus: after.status, from: current, to: next });
      if (after.entered.includes(after.current)) await createPrepTasks(em, userId, Object.assign(next, { applicationId: id }));
      // The loop ended: its prep is settled with it, not left due.
      if (after.closed) await settlePrepTasks(em, id, after.status as TaskCloseReason, at);
    });
    return this.get(userId, id);
  }

  /**
   * After a failed stage: a new application for another team of the same organization, with its
   * own (by default the short built-in) loop, linked both ways and recorded in both histories.
   */
  async reroute(userId: string, id: string, input: RerouteInput, actorId = userId): Promise<ApplicationDetail> {
    const newId = await this.repository.transaction(async (em) => {
      const failed = await this.locked(em, userId, id);
      const stages = await this.repository.stages(id, em);
      const current = stages.find((s) => s.id === failed.currentStageId) ?? null;
      if (failed.status !== 'rejected') {
        throw new IllegalMoveError('reroute', failed.status, current?.name ?? null, allowedMoves(state(failed, stages)));
      }
      await this.organizations.assertOwned(userId, failed.organizationId, input.teamId);
      if (input.teamId === failed.teamId) throw new InvalidApplicationError([{ field: 'teamId', problem: 'must be another team than the one of the failed application' }]);
      // The failed application is locked, so a second click waits here and finds the first one's.
      const earlier = await this.repository.earlierReroute(em, userId, failed.id, input.teamId);
      if (earlier) throw new AlreadyReroutedError(earlier.id);
      const template = await this.templates.resolve(userId, failed.organizationId, { templateId: input.templateId, builtIn: input.builtInTemplate ?? (input.templateId ? undefined : REROUTE_TEMPLATE.key) });
      const at = await this.moveTime(em, id, input.at);
      const rerouted = await this.repository.insert(em, {
        userId,
        organizationId: failed.organizationId,
        teamId: input.teamId,
        role: input.role?.trim() ?? failed.role,
        source: failed.source,
        status: 'active',
        appliedOn: dateIn(await userTimeZone(em, userId), at),
        closedOn: null,
        notes: null,
        // The same role's topics usually still apply on the new team.
        keywords: failed.keywords,
        recruiterId: (input.carryRecruiter ?? true) ? failed.recruiterId : null,
        templateId: template.templateId,
        templateName: template.name,
        currentStageId: null,
        reroutedFromId: failed.id,
      });
      const carried = (input.carryReferral ?? true) ? await carryReferrals(em, failed.userId, failed.id, rerouted.id) : [];
      const carriedRecruiter = rerouted.recruiterId !== null;
      await this.record(em, failed, { move: 'reroute', actorId, at, note: input.note ?? null, relatedApplicationId: rerouted.id, fromStatus: failed.status, toStatus: failed.status, from: current, to: current, carriedReferralIds: carried.map((c) => c.from), carriedRecruiter });
      await this.startLoop(em, rerouted, template.stages, { move: 'reroute', actorId, at, note: input.note ?? null, relatedApplicationId: failed.id, carriedReferralIds: carried.map((c) => c.to), carriedRecruiter });
      // Settled when it failed; any prep opened again since is settled now, as the story moved on.
      await settlePrepTasks(em, failed.id, 'rerouted', at);
      return rerouted.id;
    });
    return this.get(userId, newId);
  }

  /** Copies the stages, enters the first one and records how the application began. */
  private async startLoop(
    em: EntityManager,
    application: Application,
    templateStages: { name: string; type: ApplicationStage['type']; checklist: string[] }[],
    first: { move: ApplicationMoveKind; actorId: string; at: Date; note: string | null; relatedApplicationId: string | null; carriedReferralIds?: string[]; carriedRecruiter?: boolean },
  ): Promise<void> {
    const stages = await this.repository.insertStages(
      em,
      templateStages.map((s, position) => ({
        userId: application.userId,
        applicationId: application.id,
        position,
        name: s.name,
        type: s.type,
        checklist: [...s.checklist],
        status: position === 0 ? 'current' : 'upcoming',
        enteredAt: position === 0 ? first.at : null,
        leftAt: null,
      })),
    );
    await this.repository.set(em, application.id, { currentStageId: stages[0].id });
    await this.record(em, application, { ...first, fromStatus: null, toStatus: 'active', from: null, to: stages[0] });
    await createPrepTasks(em, application.userId, stages[0]);
  }

  private async record(
    em: EntityManager,
    application: Application,
    m: {
      move: ApplicationMoveKind;
      actorId: string;
      at: Date;
      note: string | null;
      relatedApplicationId: string | null;
      fromStatus: ApplicationStatus | null;
      toStatus: ApplicationStatus;
      from: ApplicationStage | null;
      to: ApplicationStage | null;
      carriedReferralIds?: string[];
      carriedRecruiter?: boolean;
    },
  ): Promise<void> {
    await this.repository.insertMove(em, {
      userId: application.userId,
      applicationId: application.id,
      move: m.move,
      actorId: m.actorId,
      at: m.at,
      fromStatus: m.fromStatus,
      toStatus: m.toStatus,
      fromStage: m.from?.name ?? null,
      fromStageId: m.from?.id ?? null,
      toStage: m.to?.name ?? null,
      toStageId: m.to?.id ?? null,
      relatedApplicationId: m.relatedApplicationId,
      carriedReferralIds: m.carriedReferralIds ?? [],
      carriedRecruiter: m.carriedRecruiter ?? false,
      note: m.note,
    });
    await this.repository.set(em, application.id, { updatedAt: new Date() });
  }

  /** A backdated move keeps the history in order: never before the previous move, never in the future. */
  private async moveTime(em: EntityManager, applicationId: string, at: string | undefined): Promise<Date> {
    const now = new Date();
    if (at === undefined) return now;
    const when = new Date(at);
    if (when.getTime() > now.getTime() + 60_000) throw new InvalidApplicationError([{ field: 'at', problem: 'must not be in the future' }]);
    const last = await this.repository.lastMoveAt(em, applicationId);
    if (last && when < last) throw new InvalidApplicationError([{ field: 'at', problem: `must not be before the previous move (${last.toISOString()})` }]);
    return when;
  }

  private async locked(em: EntityManager, userId: string, id: string): Promise<Application> {
    const application = await this.repository.locked(em, userId, id);
    if (!application) throw new NotFoundError('application', id);
    return application;
  }

  private async currentStages(applications: Application[]): Promise<Map<string, ApplicationStage>> {
    const ids = applications.map((a) => a.currentStageId).filter((s): s is string => !!s);
    const stages = await this.repository.stagesByIds(ids);
    return new Map(stages.map((s) => [s.applicationId, s]));
  }

  private async assertRecruiter(userId: string, recruiterId: string | null | undefined): Promise<void> {
    if (recruiterId && (await livePeopleNamed(this.repository.manager, userId, [recruiterId])).length === 0) throw new NotFoundError('person', recruiterId);
  }

  private async today(em: EntityManager, userId: string): Promise<string> {
    return dateIn(await userTimeZone(em, userId), new Date());
  }
}

function state(application: Application, stages: ApplicationStage[]): PipelineState {
  return { status: application.status, stages: stages.map((s) => s.status), current: stages.findIndex((s) => s.id === application.currentStageId) };
}

/** Keywords trimmed, blanks dropped, duplicates (ignoring case) kept once in their first spelling. */
export function cleanKeywords(keywords: string[] | undefined): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of keywords ?? []) {
    const keyword = raw.trim().replace(/\s+/g, ' ');
    if (!keyword || seen.has(keyword.toLowerCase())) continue;
    seen.add(keyword.toLowerCase());
    out.push(keyword);
  }
  return out;
}
