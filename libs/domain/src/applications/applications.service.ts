import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, EntityManager, In } from 'typeorm';
import { NotFoundError } from '#platform';
import { OrganizationsService } from '../organizations/index';
import { foldName } from '../shared/text/index';
import { dateIn } from '../shared/dates';
import { Person } from '../people/index';
import { REROUTE_TEMPLATE, StageTemplatesService } from '../stage-templates/index';
import { Referral } from '../referrals/index';
import { createPrepTasks, settlePrepTasks } from '../tasks/index';
import type { TaskCloseReason } from '../tasks/index';
import { ApplicationMove, ApplicationMoveKind } from './application-move.entity';
import { ApplicationStage } from './application-stage.entity';
import { Application, ApplicationSource, ApplicationStatus } from './application.entity';
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

const RELATIONS = { organization: true, team: true, recruiter: true } as const;

/** Applications and their loops. Every change of stage or status goes through `move`. */
@Injectable()
export class ApplicationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly organizations: OrganizationsService,
    private readonly templates: StageTemplatesService,
  ) {}

  async create(userId: string, input: CreateApplicationInput, actorId = userId): Promise<ApplicationDetail> {
    await this.organizations.assertOwned(userId, input.organizationId, input.teamId);
    await this.assertRecruiter(userId, input.recruiterId);
    const template = await this.templates.resolve(userId, input.organizationId, { templateId: input.templateId, builtIn: input.builtInTemplate });
    const id = await this.dataSource.transaction(async (em) => {
      const today = await this.today(em, userId);
      const appliedOn = input.appliedOn ?? today;
      if (appliedOn > today) throw new InvalidApplicationError([{ field: 'appliedOn', problem: 'must not be in the future' }]);
      // Applied on an earlier day: the history starts that day, so later moves can be backdated too.
      const at = appliedOn === today ? new Date() : await this.startOfDay(em, userId, appliedOn);
      const application = em.create(Application, {
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
      await em.insert(Application, application);
      await this.startLoop(em, application, template.stages, { move: 'apply', actorId, at, note: null, relatedApplicationId: null });
      return application.id;
    });
    return this.get(userId, id);
  }

  async list(userId: string, query: ApplicationsQuery = {}): Promise<Page<Application & { currentStage: ApplicationStage | null }>> {
    const limit = query.limit ?? 50;
    const offset = query.offset ?? 0;
    const qb = this.dataSource
      .getRepository(Application)
      .createQueryBuilder('a')
      .leftJoinAndSelect('a.organization', 'o')
      .leftJoinAndSelect('a.team', 't')
      .leftJoinAndSelect('a.recruiter', 'r')
      .where('a.user_id = :userId', { userId });
    if (query.status?.length) qb.andWhere('a.status IN (:...status)', { status: query.status });
    if (query.organizationId) qb.andWhere('a.organization_id = :org', { org: query.organizationId });
    if (query.q) {
      const like = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      const folded = like(foldName(query.q));
      qb.andWhere(new Brackets((w) => w.where('a.role ILIKE :raw', { raw: like(query.q!) }).orWhere('o.name_folded LIKE :folded', { folded }).orWhere('t.name_folded LIKE :folded', { folded })));
    }
    const [items, total] = await qb.orderBy('a.applied_on', 'DESC').addOrderBy('a.created_at', 'DESC').addOrderBy('a.id', 'ASC').skip(offset).take(limit).getManyAndCount();
    const stages = await this.currentStages(items);
    return { items: items.map((a) => Object.assign(a, { currentStage: stages.get(a.id) ?? null })), total, limit, offset };
  }

  async get(userId: string, id: string): Promise<ApplicationDetail> {
    const repo = this.dataSource.getRepository(Application);
    const application = await repo.findOne({ where: { id, userId }, relations: RELATIONS });
    if (!application) throw new NotFoundError('application', id);
    const stages = await this.dataSource.getRepository(ApplicationStage).find({ where: { applicationId: id }, order: { position: 'ASC' } });
    const chain = await this.rerouteChain(userId, id);
    const moves = await this.dataSource.getRepository(ApplicationMove).find({ where: { applicationId: In(chain) }, order: { at: 'ASC', recordedAt: 'ASC', id: 'ASC' } });
    // A reroute is recorded on both sides at the same instant: the failed application's side first.
    // A referral erased with its referrer since is no longer listed as carried.
    const listed = [...new Set(moves.flatMap((m) => m.carriedReferralIds))];
    if (listed.length) {
      const existing = new Set((await this.dataSource.getRepository(Referral).find({ select: { id: true }, where: { id: In(listed), userId } })).map((r) => r.id));
      for (const m of moves) m.carriedReferralIds = m.carriedReferralIds.filter((r) => existing.has(r));
    }
    const history = moves.sort((a, b) => a.at.getTime() - b.at.getTime() || chain.indexOf(a.applicationId) - chain.indexOf(b.applicationId));
    const reroutedFrom = application.reroutedFromId ? await repo.findOne({ where: { id: application.reroutedFromId, userId }, relations: RELATIONS }) : null;
    const reroutedTo = await repo.find({ where: { reroutedFromId: id, userId }, relations: RELATIONS, order: { createdAt: 'ASC' } });
    return { application, stages, allowedMoves: allowedMoves(state(application, stages)), history, reroutedFrom, reroutedTo };
  }

  async update(userId: string, id: string, input: ApplicationInput): Promise<ApplicationDetail> {
    const application = await this.dataSource.getRepository(Application).findOneBy({ id, userId });
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
    if (Object.keys(patch).length) await this.dataSource.getRepository(Application).update({ id, userId }, patch);
    return this.get(userId, id);
  }

  /** Deletes the application with its stages, moves, interviews, tasks and referrals; reroutes keep their own record. */
  async remove(userId: string, id: string): Promise<void> {
    const result = await this.dataSource.getRepository(Application).delete({ id, userId });
    if (!result.affected) throw new NotFoundError('application', id);
  }

  /** Applies one of the user's moves, or answers 409 with the moves that are allowed. */
  async move(userId: string, id: string, move: UserMove, input: MoveInput = {}, actorId = userId): Promise<ApplicationDetail> {
    await this.dataSource.transaction(async (em) => {
      const application = await this.locked(em, userId, id);
      const stages = await em.find(ApplicationStage, { where: { applicationId: id }, order: { position: 'ASC' } });
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
        if (Object.keys(changed).length) await em.update(ApplicationStage, { id: stage.id }, changed);
      }
      const next = stages[after.current];
      await em.update(Application, { id }, { status: after.status, currentStageId: next.id, closedOn: after.closed ? dateIn(await this.timeZone(em, userId), at) : null });
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
    const newId = await this.dataSource.transaction(async (em) => {
      const failed = await this.locked(em, userId, id);
      const stages = await em.find(ApplicationStage, { where: { applicationId: id }, order: { position: 'ASC' } });
      const current = stages.find((s) => s.id === failed.currentStageId) ?? null;
      if (failed.status !== 'rejected') {
        throw new IllegalMoveError('reroute', failed.status, current?.name ?? null, allowedMoves(state(failed, stages)));
      }
      await this.organizations.assertOwned(userId, failed.organizationId, input.teamId);
      if (input.teamId === failed.teamId) throw new InvalidApplicationError([{ field: 'teamId', problem: 'must be another team than the one of the failed application' }]);
      // The failed application is locked, so a second click waits here and finds the first one's.
      const earlier = await em.findOne(Application, { where: { userId, reroutedFromId: failed.id, teamId: input.teamId }, select: { id: true } });
      if (earlier) throw new AlreadyReroutedError(earlier.id);
      const template = await this.templates.resolve(userId, failed.organizationId, { templateId: input.templateId, builtIn: input.builtInTemplate ?? (input.templateId ? undefined : REROUTE_TEMPLATE.key) });
      const at = await this.moveTime(em, id, input.at);
      const rerouted = em.create(Application, {
        userId,
        organizationId: failed.organizationId,
        teamId: input.teamId,
        role: input.role?.trim() ?? failed.role,
        source: failed.source,
        status: 'active',
        appliedOn: dateIn(await this.timeZone(em, userId), at),
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
      await em.insert(Application, rerouted);
      const carried = (input.carryReferral ?? true) ? await this.carryReferrals(em, failed, rerouted) : [];
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
    const stages = templateStages.map((s, position) =>
      em.create(ApplicationStage, {
        userId: application.userId,
        applicationId: application.id,
        position,
        name: s.name,
        type: s.type,
        checklist: [...s.checklist],
        status: position === 0 ? 'current' : 'upcoming',
        enteredAt: position === 0 ? first.at : null,
        leftAt: null,
      }),
    );
    await em.insert(ApplicationStage, stages);
    await em.update(Application, { id: application.id }, { currentStageId: stages[0].id });
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
    await em.insert(ApplicationMove, {
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
    await em.update(Application, { id: application.id }, { updatedAt: new Date() });
  }

  /**
   * Copies the failed application's referrals (declined ones stay behind) to the rerouted one, as
   * they stand, each naming the referral it came from. Returns each original with its copy.
   */
  private async carryReferrals(em: EntityManager, failed: Application, rerouted: Application): Promise<{ from: string; to: string }[]> {
    const referrals = await em.find(Referral, { where: { applicationId: failed.id, userId: failed.userId }, order: { createdAt: 'ASC', id: 'ASC' } });
    const carried = referrals.filter((r) => r.status !== 'declined');
    if (!carried.length) return [];
    const copies = carried.map((r) =>
      em.create(Referral, { userId: r.userId, applicationId: rerouted.id, referrerId: r.referrerId, recruiterId: r.recruiterId, status: r.status, statusDates: { ...r.statusDates }, notes: r.notes, carriedFromId: r.id }),
    );
    await em.insert(Referral, copies);
    return carried.map((r, i) => ({ from: r.id, to: copies[i].id }));
  }

  /** A backdated move keeps the history in order: never before the previous move, never in the future. */
  private async moveTime(em: EntityManager, applicationId: string, at: string | undefined): Promise<Date> {
    const now = new Date();
    if (at === undefined) return now;
    const when = new Date(at);
    if (when.getTime() > now.getTime() + 60_000) throw new InvalidApplicationError([{ field: 'at', problem: 'must not be in the future' }]);
    const [last] = (await em.query('SELECT max(at) AS at FROM application_moves WHERE application_id = $1', [applicationId])) as { at: Date | null }[];
    if (last?.at && when < last.at) throw new InvalidApplicationError([{ field: 'at', problem: `must not be before the previous move (${last.at.toISOString()})` }]);
    return when;
  }

  private async locked(em: EntityManager, userId: string, id: string): Promise<Application> {
    const application = await em.findOne(Application, { where: { id, userId }, lock: { mode: 'pessimistic_write' } });
    if (!application) throw new NotFoundError('application', id);
    return application;
  }

  /** Ids of every application linked to this one by reroutes, in either direction. */
  private async rerouteChain(userId: string, id: string): Promise<string[]> {
    const rows = (await this.dataSource.query(
      `WITH RECURSIVE up AS (
         SELECT id, rerouted_from_id FROM applications WHERE id = $1 AND user_id = $2
         UNION SELECT a.id, a.rerouted_from_id FROM applications a JOIN up ON a.id = up.rerouted_from_id
       ), root AS (SELECT id FROM up WHERE rerouted_from_id IS NULL),
       down AS (
         SELECT id, 0 AS depth FROM applications WHERE id IN (SELECT id FROM root)
         UNION SELECT a.id, down.depth + 1 FROM applications a JOIN down ON a.rerouted_from_id = down.id
       )
       SELECT down.id FROM down JOIN applications a ON a.id = down.id ORDER BY down.depth, a.created_at, a.id`,
      [id, userId],
    )) as { id: string }[];
    return rows.length ? rows.map((r) => r.id) : [id];
  }

  private async currentStages(applications: Application[]): Promise<Map<string, ApplicationStage>> {
    const ids = applications.map((a) => a.currentStageId).filter((s): s is string => !!s);
    const stages = ids.length ? await this.dataSource.getRepository(ApplicationStage).findBy({ id: In(ids) }) : [];
    return new Map(stages.map((s) => [s.applicationId, s]));
  }

  private async assertRecruiter(userId: string, recruiterId: string | null | undefined): Promise<void> {
    if (recruiterId && !(await this.dataSource.getRepository(Person).existsBy({ id: recruiterId, userId }))) throw new NotFoundError('person', recruiterId);
  }

  private async timeZone(em: EntityManager, userId: string): Promise<string> {
    const [row] = (await em.query('SELECT time_zone FROM users WHERE id = $1', [userId])) as { time_zone: string }[];
    return row?.time_zone ?? 'UTC';
  }

  private async startOfDay(em: EntityManager, userId: string, date: string): Promise<Date> {
    const [row] = (await em.query('SELECT ($1::date)::timestamp AT TIME ZONE $2 AS at', [date, await this.timeZone(em, userId)])) as { at: Date }[];
    return row.at;
  }

  private async today(em: EntityManager, userId: string): Promise<string> {
    return dateIn(await this.timeZone(em, userId), new Date());
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
