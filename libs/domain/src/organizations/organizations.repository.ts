import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, Repository } from 'typeorm';
import { APPLICATIONS } from '../applications/repository/applications.relations';
import { REFERRALS } from '../referrals/repository/referrals.relations';
import { escapeLike } from '../shared/sql';
import { Organization } from './organization.entity';
import { Team } from './team.entity';

/** The other name an organization clashes with. */
export interface NameClash {
  name: string;
  name_folded: string;
  aliases_folded: string[];
}

/**
 * Every statement on organizations and teams. The rows of other modules that point at an
 * organization or a team move on a merge through what their owners register (OrganizationReferences).
 */
@Injectable()
export class OrganizationsRepository {
  constructor(
    @InjectRepository(Organization) private readonly organizations: Repository<Organization>,
    @InjectRepository(Team) private readonly teams: Repository<Team>,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  buildOrganization(fields: Partial<Organization>): Organization {
    return this.organizations.create(fields);
  }

  buildTeam(fields: Partial<Team>): Team {
    return this.teams.create(fields);
  }

  async insertOrganization(org: Organization): Promise<void> {
    await this.organizations.insert(org);
  }

  async insertTeam(team: Team): Promise<void> {
    await this.teams.insert(team);
  }

  /** By folded name, then id; `q` matches the name or an alias, folded. */
  page(userId: string, filter: { foldedQuery?: string; tag?: string }, limit: number, offset: number): Promise<[Organization[], number]> {
    const qb = this.organizations.createQueryBuilder('o').where('o.user_id = :userId', { userId });
    if (filter.foldedQuery) {
      qb.andWhere('(o.name_folded LIKE :q OR EXISTS (SELECT 1 FROM unnest(o.aliases_folded) AS alias WHERE alias LIKE :q))', { q: `%${escapeLike(filter.foldedQuery)}%` });
    }
    if (filter.tag) qb.andWhere(':tag = ANY(o.tags)', { tag: filter.tag });
    return qb.orderBy('o.name_folded', 'ASC').addOrderBy('o.id', 'ASC').limit(limit).offset(offset).getManyAndCount();
  }

  /** The teams of these organizations, by folded name. */
  teamsOf(organizationIds: string[]): Promise<Team[]> {
    if (organizationIds.length === 0) return Promise.resolve([]);
    return this.teams.find({ where: { organizationId: In(organizationIds) }, order: { nameFolded: 'ASC' } });
  }

  /** With its teams by folded name. */
  findWithTeams(userId: string, id: string, em: EntityManager = this.dataSource.manager): Promise<Organization | null> {
    return em.findOne(Organization, { where: { id, userId }, relations: { teams: true }, order: { teams: { nameFolded: 'ASC' } } });
  }

  lock(em: EntityManager, userId: string, id: string): Promise<Organization | null> {
    return em.findOne(Organization, { where: { id, userId }, lock: { mode: 'pessimistic_write' } });
  }

  async update(userId: string, id: string, patch: Partial<Organization>, em: EntityManager = this.dataSource.manager): Promise<void> {
    await em.update(Organization, { id, userId }, patch);
  }

  async delete(userId: string, id: string, em: EntityManager = this.dataSource.manager): Promise<boolean> {
    return !!(await em.delete(Organization, { id, userId })).affected;
  }

  /** The user's organization known by this folded name or alias; its own name wins over another's alias. */
  findByFoldedName(userId: string, folded: string, em: EntityManager = this.dataSource.manager): Promise<Organization | null> {
    return em
      .getRepository(Organization)
      .createQueryBuilder('o')
      .where('o.user_id = :userId', { userId })
      .andWhere('(o.name_folded = :folded OR o.aliases_folded @> ARRAY[:folded]::text[])', { folded })
      .orderBy('o.name_folded = :folded', 'DESC')
      .addOrderBy('o.created_at', 'ASC')
      .getOne();
  }

  /** Inserts the organization unless the user has one of that folded name; answers the one stored. */
  async insertOrFindByFoldedName(userId: string, name: string, nameFolded: string): Promise<Organization> {
    await this.organizations.createQueryBuilder().insert().values({ userId, name, nameFolded, tags: [], aliases: [], aliasesFolded: [] }).orIgnore().execute();
    return this.organizations.findOneByOrFail({ userId, nameFolded });
  }

  /** Another organization of the user (not `selfId`) going by any of the folded names. */
  async findNameClash(userId: string, selfId: string | null, names: string[]): Promise<NameClash | undefined> {
    const [clash] = (await this.dataSource.query(
      `SELECT o.name, o.name_folded, o.aliases_folded FROM organizations o
        WHERE o.user_id = $1 AND ($2::uuid IS NULL OR o.id <> $2) AND (o.name_folded = ANY($3) OR o.aliases_folded && $3)
        ORDER BY o.name_folded LIMIT 1`,
      [userId, selfId, names],
    )) as NameClash[];
    return clash;
  }

  async organizationExists(userId: string, id: string): Promise<boolean> {
    return this.organizations.existsBy({ id, userId });
  }

  /** How many referrals the applications of the organization have (they follow their applications). */
  async countReferrals(em: EntityManager, userId: string, organizationId: string): Promise<number> {
    const [{ count }] = (await em.query(`SELECT count(*)::int AS count FROM ${REFERRALS} r JOIN ${APPLICATIONS} a ON a.id = r.application_id WHERE a.organization_id = $1 AND a.user_id = $2`, [
      organizationId,
      userId,
    ])) as { count: number }[];
    return count;
  }

  findTeam(where: { id: string; userId: string; organizationId?: string }): Promise<Team | null> {
    return this.teams.findOneBy(where);
  }

  async updateTeam(id: string, patch: Partial<Team>, em: EntityManager = this.dataSource.manager): Promise<void> {
    await em.update(Team, { id }, patch);
  }

  async deleteTeam(where: { id: string; userId?: string; organizationId?: string }, em: EntityManager = this.dataSource.manager): Promise<boolean> {
    return !!(await em.delete(Team, where)).affected;
  }

  async moveTeams(em: EntityManager, teamIds: string[], organizationId: string): Promise<void> {
    await em.update(Team, { id: In(teamIds) }, { organizationId });
  }

  /** Inserts the team unless the organization has one of that folded name; answers the one stored. */
  async insertOrFindTeam(userId: string, organizationId: string, name: string, nameFolded: string): Promise<Team> {
    await this.teams.createQueryBuilder().insert().values({ userId, organizationId, name, nameFolded }).orIgnore().execute();
    return this.teams.findOneByOrFail({ organizationId, nameFolded });
  }
}
