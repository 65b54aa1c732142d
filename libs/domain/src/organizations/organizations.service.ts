import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { QueryFailedError, Repository } from 'typeorm';
import { ConflictError, NotFoundError } from '#platform';
import { foldText } from '../people/name-folding';
import { Organization } from './organization.entity';
import { Team } from './team.entity';

export interface OrganizationInput {
  name?: string;
  website?: string | null;
  description?: string | null;
  researchNotes?: string | null;
  tags?: string[];
}

export interface TeamInput {
  name?: string;
  description?: string | null;
  researchNotes?: string | null;
}

/** Organizations (labs, companies) and their teams, private to each user. */
@Injectable()
export class OrganizationsService {
  constructor(
    @InjectRepository(Organization) private readonly organizations: Repository<Organization>,
    @InjectRepository(Team) private readonly teams: Repository<Team>,
  ) {}

  async create(userId: string, input: OrganizationInput & { name: string }): Promise<Organization> {
    const org = this.organizations.create({ userId, tags: [], website: null, description: null, researchNotes: null, ...input, name: input.name.trim(), nameFolded: foldText(input.name) });
    await this.saveUnique(() => this.organizations.insert(org), 'organization', input.name);
    return this.get(userId, org.id);
  }

  list(userId: string, q?: string): Promise<Organization[]> {
    const query = this.organizations.createQueryBuilder('o').leftJoinAndSelect('o.teams', 't').where('o.user_id = :userId', { userId });
    if (q) query.andWhere('o.name_folded LIKE :q', { q: `%${escapeLike(foldText(q))}%` });
    return query.orderBy('o.name_folded', 'ASC').addOrderBy('o.id', 'ASC').addOrderBy('t.name_folded', 'ASC').getMany();
  }

  async get(userId: string, id: string): Promise<Organization> {
    const org = await this.organizations.findOne({ where: { id, userId }, relations: { teams: true }, order: { teams: { nameFolded: 'ASC' } } });
    if (!org) throw new NotFoundError('organization', id);
    return org;
  }

  async update(userId: string, id: string, input: OrganizationInput): Promise<Organization> {
    const org = await this.get(userId, id);
    const patch: Partial<Organization> = { ...input };
    if (input.name !== undefined) Object.assign(patch, { name: input.name.trim(), nameFolded: foldText(input.name) });
    await this.saveUnique(() => this.organizations.update({ id: org.id, userId }, patch), 'organization', input.name ?? org.name);
    return this.get(userId, id);
  }

  async remove(userId: string, id: string): Promise<void> {
    const result = await this.organizations.delete({ id, userId });
    if (!result.affected) throw new NotFoundError('organization', id);
  }

  /** Finds the user's organization by name (accents and case ignored), creating it when missing. */
  async findOrCreateByName(userId: string, name: string): Promise<Organization> {
    const nameFolded = foldText(name);
    await this.organizations.createQueryBuilder().insert().values({ userId, name: name.trim(), nameFolded, tags: [] }).orIgnore().execute();
    return this.organizations.findOneByOrFail({ userId, nameFolded });
  }

  async addTeam(userId: string, organizationId: string, input: TeamInput & { name: string }): Promise<Team> {
    await this.get(userId, organizationId);
    const team = this.teams.create({ userId, organizationId, description: null, researchNotes: null, ...input, name: input.name.trim(), nameFolded: foldText(input.name) });
    await this.saveUnique(() => this.teams.insert(team), 'team', input.name);
    return team;
  }

  async getTeam(userId: string, organizationId: string, teamId: string): Promise<Team> {
    const team = await this.teams.findOneBy({ id: teamId, organizationId, userId });
    if (!team) throw new NotFoundError('team', teamId);
    return team;
  }

  async updateTeam(userId: string, organizationId: string, teamId: string, input: TeamInput): Promise<Team> {
    const team = await this.getTeam(userId, organizationId, teamId);
    const patch: Partial<Team> = { ...input };
    if (input.name !== undefined) Object.assign(patch, { name: input.name.trim(), nameFolded: foldText(input.name) });
    await this.saveUnique(() => this.teams.update({ id: team.id }, patch), 'team', input.name ?? team.name);
    return this.getTeam(userId, organizationId, teamId);
  }

  async removeTeam(userId: string, organizationId: string, teamId: string): Promise<void> {
    const result = await this.teams.delete({ id: teamId, organizationId, userId });
    if (!result.affected) throw new NotFoundError('team', teamId);
  }

  async findOrCreateTeam(userId: string, organizationId: string, name: string): Promise<Team> {
    const nameFolded = foldText(name);
    await this.teams.createQueryBuilder().insert().values({ userId, organizationId, name: name.trim(), nameFolded }).orIgnore().execute();
    return this.teams.findOneByOrFail({ organizationId, nameFolded });
  }

  /** Checks that an organization (and team, if given) belong to the user and to each other. */
  async assertOwned(userId: string, organizationId: string | null | undefined, teamId: string | null | undefined): Promise<void> {
    if (organizationId && !(await this.organizations.existsBy({ id: organizationId, userId }))) throw new NotFoundError('organization', organizationId);
    if (teamId) {
      const team = await this.teams.findOneBy({ id: teamId, userId });
      if (!team) throw new NotFoundError('team', teamId);
      if (organizationId && team.organizationId !== organizationId) throw new ConflictError('team.other-organization', `Team ${teamId} belongs to another organization`);
    }
  }

  async teamOrganization(userId: string, teamId: string): Promise<string | undefined> {
    return (await this.teams.findOneBy({ id: teamId, userId }))?.organizationId;
  }

  private async saveUnique(write: () => Promise<unknown>, what: string, name: string): Promise<void> {
    try {
      await write();
    } catch (e) {
      if (e instanceof QueryFailedError && (e.driverError as { code?: string }).code === '23505') {
        throw new ConflictError(`${what}.name-taken`, `${what === 'team' ? 'This organization already has a team' : 'An organization'} named "${name.trim()}" already exists`);
      }
      throw e;
    }
  }
}

export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}
