import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** The kinds of rows a merge of organizations reports moving (its preview's `moved`, an API field each). */
export type OrganizationReferenceKind = 'people' | 'applications' | 'stageTemplates' | 'mockInterviews' | 'practiceQuestions';

/**
 * A column of another module's table that points at an organization. Merging two organizations
 * moves these rows (the user's own, `userId`) to the survivor, inside the merge's transaction.
 */
export interface OrganizationReference {
  kind: OrganizationReferenceKind;
  table: string;
  column: string;
  count(em: EntityManager, userId: string, organizationId: string): Promise<number>;
  moveToSurvivor(em: EntityManager, userId: string, survivorId: string, mergedId: string): Promise<void>;
}

/** A column that points at a team: when a merge folds a team into the survivor's same-named one, its rows follow. */
export interface TeamReference {
  table: string;
  column: string;
  moveToSurvivor(em: EntityManager, userId: string, intoTeamId: string, fromTeamId: string): Promise<void>;
}

/**
 * The references to organizations and teams, registered by their owners when the app starts
 * (`onModuleInit`): organizations sits below them (people, applications, stage templates), so it
 * moves their rows only through what they register. test/e2e/references.e2e-spec.ts checks every foreign key
 * to organizations and teams against what the apps register.
 */
@Injectable()
export class OrganizationReferences {
  private readonly toOrganizations: OrganizationReference[] = [];
  private readonly toTeams: TeamReference[] = [];

  registerOrganizationReferences(...references: OrganizationReference[]): void {
    for (const reference of references) if (!this.toOrganizations.some((r) => sameColumn(r, reference))) this.toOrganizations.push(reference);
  }

  registerTeamReferences(...references: TeamReference[]): void {
    for (const reference of references) if (!this.toTeams.some((r) => sameColumn(r, reference))) this.toTeams.push(reference);
  }

  organizationReferences(): readonly OrganizationReference[] {
    return this.toOrganizations;
  }

  teamReferences(): readonly TeamReference[] {
    return this.toTeams;
  }
}

// A second registration of one column would move its rows twice.
const sameColumn = (a: { table: string; column: string }, b: { table: string; column: string }) => a.table === b.table && a.column === b.column;
