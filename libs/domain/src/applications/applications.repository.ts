import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, EntityManager, In } from 'typeorm';
import { columnReference, userRowsReference } from '#platform';
import { organizationNames } from '../organizations/index';
import { foldName } from '../shared/text/index';
import { escapeLike } from '../shared/sql';
import { ApplicationMove } from './application-move.entity';
import { ApplicationStage } from './application-stage.entity';
import { Application, ApplicationStatus } from './application.entity';
import type { PersonReference } from '../people/index';
import type { OrganizationReference, TeamReference } from '../organizations/index';

const RELATIONS = { organization: true, team: true, recruiter: true } as const;

/** An application as other records show it: its role, organization and team by name. */
export interface ApplicationSummary {
  id: string;
  role: string;
  status: ApplicationStatus;
  organizationId: string;
  organization: string;
  teamId: string | null;
  team: string | null;
}

/** The applications module's tables (applications, application_stages, application_moves): every statement on them. */
@Injectable()
export class ApplicationsRepository {
  /** An application's organization and team follow a merge of organizations (registered in ApplicationsModule). */
  readonly organizationReferences: OrganizationReference[] = [{ kind: 'applications', ...userRowsReference({ table: 'applications', column: 'organization_id' }) }];
  readonly teamReferences: TeamReference[] = [userRowsReference({ table: 'applications', column: 'team_id' })];

  /** An application is the user's: erasing its recruiter only unlinks them. People's merges and erasures run these (registered in ApplicationsModule). */
  readonly personReferences: PersonReference[] = [
    { label: 'applicationsRecruited', ...columnReference({ table: 'applications', column: 'recruiter_id', onErase: 'nullify' }) },
  ];

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  get manager(): EntityManager {
    return this.dataSource.manager;
  }

  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** A page of the user's applications with organization, team and recruiter, newest applied first. */
  page(userId: string, filter: { status?: ApplicationStatus[]; organizationId?: string; q?: string }, limit: number, offset: number): Promise<[Application[], number]> {
    const qb = this.dataSource
      .getRepository(Application)
      .createQueryBuilder('a')
      .leftJoinAndSelect('a.organization', 'o')
      .leftJoinAndSelect('a.team', 't')
      .leftJoinAndSelect('a.recruiter', 'r')
      .where('a.user_id = :userId', { userId });
    if (filter.status?.length) qb.andWhere('a.status IN (:...status)', { status: filter.status });
    if (filter.organizationId) qb.andWhere('a.organization_id = :org', { org: filter.organizationId });
    if (filter.q) {
      const like = (text: string) => `%${escapeLike(text)}%`;
      const folded = like(foldName(filter.q));
      qb.andWhere(new Brackets((w) => w.where('a.role ILIKE :raw', { raw: like(filter.q!) }).orWhere('o.name_folded LIKE :folded', { folded }).orWhere('t.name_folded LIKE :folded', { folded })));
    }
    return qb.orderBy('a.applied_on', 'DESC').addOrderBy('a.created_at', 'DESC').addOrderBy('a.id', 'ASC').skip(offset).take(limit).getManyAndCount();
  }

  count(userId: string): Promise<number> {
    return this.dataSource.getRepository(Application).countBy({ userId });
  }

  /** The user's application with its organization, team and recruiter. */
  findWithRelations(userId: string, id: string): Promise<Application | null> {
    return this.dataSource.getRepository(Application).findOne({ where: { id, userId }, relations: RELATIONS });
  }

  findOwned(userId: string, id: string): Promise<Application | null> {
    return this.dataSource.getRepository(Application).findOneBy({ id, userId });
  }

  /** The applications rerouted from this one, oldest first. */
  reroutedFrom(userId: string, id: string): Promise<Application[]> {
    return this.dataSource.getRepository(Application).find({ where: { reroutedFromId: id, userId }, relations: RELATIONS, order: { createdAt: 'ASC' } });
  }

  /** The user's applications among `ids` by role, organization and team, in one read. */
  async summaries(userId: string, ids: string[]): Promise<Map<string, ApplicationSummary>> {
    if (ids.length === 0) return new Map();
    const rows = (await this.dataSource.query(
      `SELECT a.id, a.role, a.status, a.organization_id AS "organizationId", a.team_id AS "teamId"
         FROM applications a WHERE a.user_id = $1 AND a.id = ANY($2::uuid[])`,
      [userId, ids],
    )) as Omit<ApplicationSummary, 'organization' | 'team'>[];
    const names = await organizationNames(this.dataSource, rows.map((r) => r.organizationId), rows.map((r) => r.teamId));
    return new Map(rows.map((r) => [r.id, { ...r, organization: names.organizations.get(r.organizationId)!, team: r.teamId ? (names.teams.get(r.teamId) ?? null) : null }]));
  }

  stages(applicationId: string, em: EntityManager = this.manager): Promise<ApplicationStage[]> {
    return em.find(ApplicationStage, { where: { applicationId }, order: { position: 'ASC' } });
  }

  /** One of the user's stages, of any application. */
  stageOwned(em: EntityManager, userId: string, stageId: string): Promise<ApplicationStage | null> {
    return em.findOneBy(ApplicationStage, { id: stageId, userId });
  }

  /** The stages of several of the user's applications, each application's in loop order. */
  stagesOfApplications(userId: string, applicationIds: string[]): Promise<ApplicationStage[]> {
    return applicationIds.length ? this.dataSource.getRepository(ApplicationStage).find({ where: { userId, applicationId: In(applicationIds) }, order: { applicationId: 'ASC', position: 'ASC' } }) : Promise.resolve([]);
  }

  stagesByIds(ids: string[]): Promise<ApplicationStage[]> {
    return ids.length ? this.dataSource.getRepository(ApplicationStage).findBy({ id: In(ids) }) : Promise.resolve([]);
  }

  /** The moves of these applications, in time order. */
  moves(applicationIds: string[]): Promise<ApplicationMove[]> {
    return this.dataSource.getRepository(ApplicationMove).find({ where: { applicationId: In(applicationIds) }, order: { at: 'ASC', recordedAt: 'ASC', id: 'ASC' } });
  }

  async update(userId: string, id: string, patch: Partial<Application>): Promise<void> {
    await this.dataSource.getRepository(Application).update({ id, userId }, patch);
  }

  /** Deletes the user's application (its stages, moves, interviews, tasks and referrals cascade); false when none. */
  async delete(userId: string, id: string): Promise<boolean> {
    const result = await this.dataSource.getRepository(Application).delete({ id, userId });
    return !!result.affected;
  }

  /** The user's application, its row locked for the rest of the transaction. */
  locked(em: EntityManager, userId: string, id: string): Promise<Application | null> {
    return em.findOne(Application, { where: { id, userId }, lock: { mode: 'pessimistic_write' } });
  }

  /** An application already rerouted from `failedId` to this team. */
  earlierReroute(em: EntityManager, userId: string, failedId: string, teamId: string): Promise<Application | null> {
    return em.findOne(Application, { where: { userId, reroutedFromId: failedId, teamId }, select: { id: true } });
  }

  /** Writes a new application; answers it with its id. */
  async insert(em: EntityManager, fields: Partial<Application>): Promise<Application> {
    const application = em.create(Application, fields);
    await em.insert(Application, application);
    return application;
  }

  async set(em: EntityManager, id: string, patch: Partial<Application>): Promise<void> {
    await em.update(Application, { id }, patch);
  }

  /** Writes an application's stages; answers them with their ids. */
  async insertStages(em: EntityManager, fields: Partial<ApplicationStage>[]): Promise<ApplicationStage[]> {
    const stages = fields.map((f) => em.create(ApplicationStage, f));
    await em.insert(ApplicationStage, stages);
    return stages;
  }

  async setStage(em: EntityManager, stageId: string, patch: Partial<ApplicationStage>): Promise<void> {
    await em.update(ApplicationStage, { id: stageId }, patch);
  }

  async insertMove(em: EntityManager, move: Partial<ApplicationMove>): Promise<void> {
    await em.insert(ApplicationMove, move);
  }

  async lastMoveAt(em: EntityManager, applicationId: string): Promise<Date | null> {
    const [last] = (await em.query('SELECT max(at) AS at FROM application_moves WHERE application_id = $1', [applicationId])) as { at: Date | null }[];
    return last?.at ?? null;
  }

  /** The instant a date starts in a time zone. */
  async startOfDay(em: EntityManager, date: string, timeZone: string): Promise<Date> {
    const [row] = (await em.query('SELECT ($1::date)::timestamp AT TIME ZONE $2 AS at', [date, timeZone])) as { at: Date }[];
    return row.at;
  }

  /** Ids of every application linked to this one by reroutes, in either direction. */
  async rerouteChain(userId: string, id: string): Promise<string[]> {
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
}
