import type { DataSource, EntityManager } from 'typeorm';

/** The names of some organizations and teams, by id. */
export interface OrganizationNames {
  organizations: Map<string, string>;
  teams: Map<string, string>;
}

/**
 * The names of these organizations and teams, in one statement: other modules read a page of their
 * own rows first, then the names of the organizations and teams on it here (rather than joining
 * organizations' tables in their SQL). Ids that are null, repeated or unknown are fine.
 */
export async function organizationNames(db: DataSource | EntityManager, organizationIds: (string | null | undefined)[], teamIds: (string | null | undefined)[] = []): Promise<OrganizationNames> {
  const orgs = [...new Set(organizationIds.filter((id): id is string => !!id))];
  const teams = [...new Set(teamIds.filter((id): id is string => !!id))];
  const names: OrganizationNames = { organizations: new Map(), teams: new Map() };
  if (orgs.length === 0 && teams.length === 0) return names;
  const rows = (await db.query(
    `SELECT 'organization' AS kind, id, name FROM organizations WHERE id = ANY($1::uuid[])
     UNION ALL SELECT 'team', id, name FROM teams WHERE id = ANY($2::uuid[])`,
    [orgs, teams],
  )) as { kind: 'organization' | 'team'; id: string; name: string }[];
  for (const row of rows) (row.kind === 'team' ? names.teams : names.organizations).set(row.id, row.name);
  return names;
}

/** What reading relevance needs of an organization and its team: the organization's tags and notes, the team's name, description and notes. */
export interface OrganizationTerms {
  tags: string[];
  researchNotes: string | null;
  team: { name: string; description: string | null; researchNotes: string | null } | null;
}

/** The terms of one organization (and one of its teams, if any); null for an unknown organization. */
export async function organizationTerms(db: DataSource | EntityManager, organizationId: string, teamId: string | null): Promise<OrganizationTerms | null> {
  const [terms] = await organizationTermsOf(db, [{ organizationId, teamId }]);
  return terms ?? null;
}

/**
 * The terms of several organization and team pairs in one statement, in the order asked (null for
 * an unknown organization): a Today of many interviews reads its applications' terms at once.
 */
export async function organizationTermsOf(db: DataSource | EntityManager, pairs: { organizationId: string; teamId: string | null }[]): Promise<(OrganizationTerms | null)[]> {
  if (pairs.length === 0) return [];
  const rows = (await db.query(
    `SELECT p.ord, o.tags, o.research_notes, t.name AS team_name, t.description AS team_description, t.research_notes AS team_notes
       FROM unnest($1::uuid[], $2::uuid[]) WITH ORDINALITY AS p(organization_id, team_id, ord)
       JOIN organizations o ON o.id = p.organization_id LEFT JOIN teams t ON t.id = p.team_id`,
    [pairs.map((p) => p.organizationId), pairs.map((p) => p.teamId)],
  )) as { ord: string; tags: string[] | null; research_notes: string | null; team_name: string | null; team_description: string | null; team_notes: string | null }[];
  const out: (OrganizationTerms | null)[] = pairs.map(() => null);
  for (const row of rows) {
    out[Number(row.ord) - 1] = {
      tags: row.tags ?? [],
      researchNotes: row.research_notes,
      team: row.team_name ? { name: row.team_name, description: row.team_description, researchNotes: row.team_notes } : null,
    };
  }
  return out;
}
