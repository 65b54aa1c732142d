import { Injectable } from '@nestjs/common';
import { EntityManager, QueryFailedError } from 'typeorm';
import { ConflictError, FieldProblem, NotFoundError } from '#platform';
import { foldName, normalizeLink } from '../shared/text/index';
import { InvalidOrganizationError, OrganizationMergeSelfError, OrganizationNameTakenError } from './organizations.errors';
import { Organization } from './organization.entity';
import { OrganizationReferenceKind, OrganizationReferences } from './organization-references';
import { OrganizationsRepository } from './organizations.repository';
import { Team } from './team.entity';
import type { Page } from '../people/index';

export interface OrganizationsQuery {
  /** Text in the name; accents and case ignored. */
  q?: string;
  tag?: string;
  limit?: number;
  offset?: number;
}

export interface OrganizationInput {
  name?: string;
  /** Other names it goes by; replaces the list. */
  aliases?: string[];
  website?: string | null;
  description?: string | null;
  researchNotes?: string | null;
  tags?: string[];
}

/** What merging one organization into another does (or did). */
export interface OrganizationMergePreview {
  survivor: Organization;
  merged: Organization;
  /** How many records move to the survivor: teams moved, teams folded into the survivor's same-named team, people, applications, stage templates, mock interviews, bank questions, referrals (of the moved applications). */
  moved: { teams: number; teamsMerged: number; people: number; applications: number; stageTemplates: number; mockInterviews: number; practiceQuestions: number; referrals: number };
  applied: boolean;
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
    private readonly organizations: OrganizationsRepository,
    private readonly references: OrganizationReferences,
  ) {}

  async create(userId: string, input: OrganizationInput & { name: string }): Promise<Organization> {
    const org = this.organizations.buildOrganization({ userId, tags: [], aliases: [], aliasesFolded: [], website: null, description: null, researchNotes: null, ...organizationPatch(input) });
    await this.assertNamesFree(userId, null, org, input.name.trim());
    await this.saveUnique(() => this.organizations.insertOrganization(org), 'organization', input.name);
    return this.get(userId, org.id);
  }

  /** By name (accents and case folded), then id, so pages never repeat or skip one. */
  async list(userId: string, query: OrganizationsQuery = {}): Promise<Page<Organization>> {
    const limit = query.limit ?? 50;
    const offset = query.offset ?? 0;
    const [page, total] = await this.organizations.page(userId, { foldedQuery: query.q ? foldName(query.q) : undefined, tag: query.tag }, limit, offset);
    // Teams in a second query: joining them into the paged one would page over team rows.
    const teams = await this.organizations.teamsOf(page.map((o) => o.id));
    const items = page.map((org) => Object.assign(org, { teams: teams.filter((team) => team.organizationId === org.id) }));
    return { items, total, limit, offset };
  }

  async get(userId: string, id: string): Promise<Organization> {
    const org = await this.organizations.findWithTeams(userId, id);
    if (!org) throw new NotFoundError('organization', id);
    return org;
  }

  async update(userId: string, id: string, input: OrganizationInput): Promise<Organization> {
    const org = await this.get(userId, id);
    const patch = organizationPatch(input, org);
    if (Object.keys(patch).length === 0) return org;
    await this.assertNamesFree(userId, org.id, { ...org, ...patch }, input.name?.trim() ?? org.name);
    await this.saveUnique(() => this.organizations.update(userId, org.id, patch), 'organization', input.name ?? org.name);
    return this.get(userId, id);
  }

  async remove(userId: string, id: string): Promise<void> {
    if (!(await this.organizations.delete(userId, id))) throw new NotFoundError('organization', id);
  }

  /** The user's organization known by this name or alias (accents, case and apostrophes folded); its own name wins over another's alias. */
  async findByName(userId: string, name: string, em?: EntityManager): Promise<Organization | null> {
    const folded = foldName(name);
    if (!folded) return null;
    return this.organizations.findByFoldedName(userId, folded, em);
  }

  /** Finds the user's organization by name or alias, creating it when missing. */
  async findOrCreateByName(userId: string, name: string): Promise<Organization> {
    const known = await this.findByName(userId, name);
    if (known) return known;
    return this.organizations.insertOrFindByFoldedName(userId, name.trim(), foldName(name));
  }

  /**
   * Merges `otherId` into `survivorId`: its teams (a team of the same name folds into the survivor's),
   * people, applications (with their referrals) and stage templates move over; the survivor's values
   * win, empty ones are filled, tags and aliases are united, notes appended; the other's name (and
   * aliases) become aliases of the survivor. With `dryRun` nothing is written and the preview shows it.
   */
  async merge(userId: string, survivorId: string, otherId: string, dryRun: boolean): Promise<OrganizationMergePreview> {
    if (survivorId === otherId) throw new OrganizationMergeSelfError();
    return this.organizations.transaction(async (em) => {
      // Locked in id order, so two opposite merges of the same pair wait instead of deadlocking.
      for (const id of [survivorId, otherId].sort()) {
        const found = await this.organizations.lock(em, userId, id);
        if (!found) throw new NotFoundError('organization', id);
      }
      const load = async (id: string) => (await this.organizations.findWithTeams(userId, id, em))!;
      const survivor = await load(survivorId);
      const other = await load(otherId);
      const survivorTeams = new Map((survivor.teams ?? []).map((t) => [t.nameFolded, t]));
      const folded = (other.teams ?? []).filter((t) => survivorTeams.has(t.nameFolded));
      const moving = (other.teams ?? []).filter((t) => !survivorTeams.has(t.nameFolded));
      const counts = {} as Record<OrganizationReferenceKind, number>;
      for (const ref of this.references.organizationReferences()) counts[ref.kind] = (counts[ref.kind] ?? 0) + (await ref.count(em, userId, otherId));
      const moved = { teams: moving.length, teamsMerged: folded.length, ...counts, referrals: await this.organizations.countReferrals(em, userId, otherId) };
      const merged = combineOrganizations(survivor, other);
      if (dryRun) {
        const teams = [...(survivor.teams ?? []), ...moving].sort((a, b) => a.nameFolded.localeCompare(b.nameFolded));
        return { survivor: Object.assign(new Organization(), survivor, merged, { teams }), merged: other, moved, applied: false };
      }
      for (const team of folded) {
        const into = survivorTeams.get(team.nameFolded)!;
        for (const ref of this.references.teamReferences()) await ref.moveToSurvivor(em, userId, into.id, team.id);
        const fill: Partial<Team> = {};
        if (!into.description && team.description) fill.description = team.description;
        if (team.researchNotes && team.researchNotes !== into.researchNotes) fill.researchNotes = into.researchNotes ? `${into.researchNotes}\n\n${team.researchNotes}` : team.researchNotes;
        if (Object.keys(fill).length) await this.organizations.updateTeam(into.id, fill, em);
        await this.organizations.deleteTeam({ id: team.id }, em);
      }
      if (moving.length) await this.organizations.moveTeams(em, moving.map((t) => t.id), survivorId);
      for (const ref of this.references.organizationReferences()) await ref.moveToSurvivor(em, userId, survivorId, otherId);
      await this.organizations.delete(userId, otherId, em);
      await this.organizations.update(userId, survivorId, { ...merged, updatedAt: new Date() }, em);
      return { survivor: await load(survivorId), merged: other, moved, applied: true };
    });
  }

  /** No other organization of the user goes by the name or any of the aliases. */
  private async assertNamesFree(userId: string, selfId: string | null, org: Pick<Organization, 'name' | 'nameFolded' | 'aliases' | 'aliasesFolded'>, given: string): Promise<void> {
    const names = [org.nameFolded, ...org.aliasesFolded];
    const clash = await this.organizations.findNameClash(userId, selfId, names);
    if (!clash) return;
    const index = Math.max(0, names.findIndex((n) => n === clash.name_folded || clash.aliases_folded.includes(n)));
    const ours = index === 0 ? given : org.aliases[index - 1];
    if (names[index] === clash.name_folded) {
      throw new OrganizationNameTakenError(index === 0 ? `An organization named "${ours}" already exists` : `"${ours}" is the name of another organization (${clash.name}): merge the two (POST /organizations/{id}/merge) instead`);
    }
    throw new OrganizationNameTakenError(`"${ours}" is already another name of ${clash.name}: merge the two (POST /organizations/{id}/merge) or drop the alias there`);
  }

  async addTeam(userId: string, organizationId: string, input: TeamInput & { name: string }): Promise<Team> {
    await this.get(userId, organizationId);
    const team = this.organizations.buildTeam({ userId, organizationId, description: null, researchNotes: null, ...teamPatch(input) });
    await this.saveUnique(() => this.organizations.insertTeam(team), 'team', input.name);
    return this.getTeam(userId, organizationId, team.id);
  }

  async getTeam(userId: string, organizationId: string, teamId: string): Promise<Team> {
    const team = await this.organizations.findTeam({ id: teamId, organizationId, userId });
    if (!team) throw new NotFoundError('team', teamId);
    return team;
  }

  async updateTeam(userId: string, organizationId: string, teamId: string, input: TeamInput): Promise<Team> {
    const team = await this.getTeam(userId, organizationId, teamId);
    const patch = teamPatch(input);
    if (Object.keys(patch).length === 0) return team;
    await this.saveUnique(() => this.organizations.updateTeam(team.id, patch), 'team', input.name ?? team.name);
    return this.getTeam(userId, organizationId, teamId);
  }

  async removeTeam(userId: string, organizationId: string, teamId: string): Promise<void> {
    if (!(await this.organizations.deleteTeam({ id: teamId, organizationId, userId }))) throw new NotFoundError('team', teamId);
  }

  async findOrCreateTeam(userId: string, organizationId: string, name: string): Promise<Team> {
    return this.organizations.insertOrFindTeam(userId, organizationId, name.trim(), foldName(name));
  }

  /** Checks that an organization (and team, if given) belong to the user and to each other. */
  async assertOwned(userId: string, organizationId: string | null | undefined, teamId: string | null | undefined): Promise<void> {
    if (organizationId && !(await this.organizations.organizationExists(userId, organizationId))) throw new NotFoundError('organization', organizationId);
    if (teamId) {
      const team = await this.organizations.findTeam({ id: teamId, userId });
      if (!team) throw new NotFoundError('team', teamId);
      if (organizationId && team.organizationId !== organizationId) throw new ConflictError('team.other-organization', `Team ${teamId} belongs to another organization`);
    }
  }

  async teamOrganization(userId: string, teamId: string): Promise<string | undefined> {
    return (await this.organizations.findTeam({ id: teamId, userId }))?.organizationId;
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

/** The survivor's values, empty ones filled from the other; tags and aliases united (the other's name among them); notes appended. */
function combineOrganizations(survivor: Organization, other: Organization): Partial<Organization> {
  const aliases = new Map<string, string>();
  for (const alias of [...survivor.aliases, other.name, ...other.aliases]) {
    const key = foldName(alias);
    if (key && key !== survivor.nameFolded && !aliases.has(key)) aliases.set(key, alias);
  }
  const appended = (a: string | null, b: string | null) => (a && b && a !== b ? `${a}\n\n${b}` : (a ?? b));
  return {
    name: survivor.name,
    nameFolded: survivor.nameFolded,
    aliases: [...aliases.values()],
    aliasesFolded: [...aliases.keys()],
    website: survivor.website ?? other.website,
    description: survivor.description ?? other.description,
    researchNotes: appended(survivor.researchNotes, other.researchNotes),
    tags: [...new Set([...survivor.tags, ...other.tags])],
  };
}

/** Validates and normalizes organization fields; only the keys given are returned. */
function organizationPatch(input: OrganizationInput, current?: Organization): Partial<Organization> {
  const problems: FieldProblem[] = [];
  const patch: Partial<Organization> = {};
  if (input.name !== undefined) Object.assign(patch, namePatch(input.name, problems));
  if (input.aliases !== undefined || (patch.nameFolded && current)) {
    // Aliases distinct once folded, never the organization's own name.
    const own = patch.nameFolded ?? current?.nameFolded;
    const aliases = new Map<string, string>();
    if (input.aliases !== undefined && !Array.isArray(input.aliases)) problems.push({ field: 'aliases', problem: 'must be an array' });
    for (const raw of Array.isArray(input.aliases) ? input.aliases : (current?.aliases ?? [])) {
      const alias = typeof raw === 'string' ? raw.normalize('NFC').trim().replace(/\s+/g, ' ') : '';
      const key = foldName(alias);
      if (key && key !== own && !aliases.has(key)) aliases.set(key, alias);
    }
    patch.aliases = [...aliases.values()];
    patch.aliasesFolded = [...aliases.keys()];
  }
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
  const nameFolded = foldName(name);
  // Folding drops invisible characters too, so a name of only those is blank.
  if (!nameFolded) problems.push({ field: 'name', problem: 'must not be blank' });
  return { name, nameFolded };
}

function optionalText(value: string | null): string | null {
  return value === null ? null : value.normalize('NFC').trim() || null;
}
