import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, QueryFailedError, Repository } from 'typeorm';
import { ConflictError, FieldProblem, NotFoundError } from '#platform';
import { foldText } from '../people/name-folding';
import { normalizeLink } from '../people/person-links';
import { InvalidOrganizationError } from './organizations.errors';
import { Organization } from './organization.entity';
import { Team } from './team.entity';
import type { Page } from '../people/people.types';
import { escapeLike } from '../shared/sql';

export interface OrganizationsQuery {
  /** Text in the name; accents and case ignored. */
  q?: string;
  tag?: string;
  limit?: number;
  offset?: number;
}

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
    const org = this.organizations.create({ userId, tags: [], website: null, description: null, researchNotes: null, ...organizationPatch(input) });
    await this.saveUnique(() => this.organizations.insert(org), 'organization', input.name);
    return this.get(userId, org.id);
  }

  /** By name (accents and case folded), then id, so pages never repeat or skip one. */
  async list(userId: string, query: OrganizationsQuery = {}): Promise<Page<Organization>> {
    const limit = query.limit ?? 50;
    const offset = query.offset ?? 0;
    const qb = this.organizations.createQueryBuilder('o').where('o.user_id = :userId', { userId });
    if (query.q) qb.andWhere('o.name_folded LIKE :q', { q: `%${escapeLike(foldText(query.q))}%` });
    if (query.tag) qb.andWhere(':tag = ANY(o.tags)', { tag: query.tag });
    const [page, total] = await qb.orderBy('o.name_folded', 'ASC').addOrderBy('o.id', 'ASC').limit(limit).offset(offset).getManyAndCount();
    // Teams in a second query: joining them into the paged one would page over team rows.
    const teams = page.length ? await this.teams.find({ where: { organizationId: In(page.map((o) => o.id)) }, order: { nameFolded: 'ASC' } }) : [];
    const items = page.map((org) => Object.assign(org, { teams: teams.filter((team) => team.organizationId === org.id) }));
    return { items, total, limit, offset };
  }

  async get(userId: string, id: string): Promise<Organization> {
    const org = await this.organizations.findOne({ where: { id, userId }, relations: { teams: true }, order: { teams: { nameFolded: 'ASC' } } });
    if (!org) throw new NotFoundError('organization', id);
    return org;
  }

  async update(userId: string, id: string, input: OrganizationInput): Promise<Organization> {
    const org = await this.get(userId, id);
    const patch = organizationPatch(input);
    if (Object.keys(patch).length === 0) return org;
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
    const team = this.teams.create({ userId, organizationId, description: null, researchNotes: null, ...teamPatch(input) });
    await this.saveUnique(() => this.teams.insert(team), 'team', input.name);
    return this.getTeam(userId, organizationId, team.id);
  }

  async getTeam(userId: string, organizationId: string, teamId: string): Promise<Team> {
    const team = await this.teams.findOneBy({ id: teamId, organizationId, userId });
    if (!team) throw new NotFoundError('team', teamId);
    return team;
  }

  async updateTeam(userId: string, organizationId: string, teamId: string, input: TeamInput): Promise<Team> {
    const team = await this.getTeam(userId, organizationId, teamId);
    const patch = teamPatch(input);
    if (Object.keys(patch).length === 0) return team;
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
        const message = what === 'team' ? `This organization already has a team named "${name.trim()}"` : `An organization named "${name.trim()}" already exists`;
        throw new ConflictError(`${what}.name-taken`, message);
      }
      throw e;
    }
  }
}

/** Validates and normalizes organization fields; only the keys given are returned. */
function organizationPatch(input: OrganizationInput): Partial<Organization> {
  const problems: FieldProblem[] = [];
  const patch: Partial<Organization> = {};
  if (input.name !== undefined) Object.assign(patch, namePatch(input.name, problems));
  if (input.website !== undefined) {
    const website = input.website?.trim();
    if (!website) patch.website = null;
    else {
      const normalized = normalizeLink('homepage', website);
      if (normalized.ok) patch.website = normalized.value;
      else problems.push({ field: 'website', problem: normalized.problem });
    }
  }
  if (input.description !== undefined) patch.description = optionalText(input.description);
  if (input.researchNotes !== undefined) patch.researchNotes = optionalText(input.researchNotes);
  if (input.tags !== undefined) {
    if (Array.isArray(input.tags)) patch.tags = [...new Set(input.tags.map((t) => t.trim()).filter(Boolean))];
    else problems.push({ field: 'tags', problem: 'must be an array' });
  }
  if (problems.length > 0) throw new InvalidOrganizationError(problems);
  return patch;
}

function teamPatch(input: TeamInput): Partial<Team> {
  const problems: FieldProblem[] = [];
  const patch: Partial<Team> = {};
  if (input.name !== undefined) Object.assign(patch, namePatch(input.name, problems));
  if (input.description !== undefined) patch.description = optionalText(input.description);
  if (input.researchNotes !== undefined) patch.researchNotes = optionalText(input.researchNotes);
  if (problems.length > 0) throw new InvalidOrganizationError(problems, 'team');
  return patch;
}

function namePatch(raw: string, problems: FieldProblem[]): { name: string; nameFolded: string } {
  const name = typeof raw === 'string' ? raw.normalize('NFC').trim().replace(/\s+/g, ' ') : '';
  const nameFolded = foldText(name);
  // Folding drops invisible characters too, so a name of only those is blank.
  if (!nameFolded) problems.push({ field: 'name', problem: 'must not be blank' });
  return { name, nameFolded };
}

function optionalText(value: string | null): string | null {
  return value === null ? null : value.normalize('NFC').trim() || null;
}
