import type { DataSource, EntityManager } from 'typeorm';

/** What other modules show of an application: its organization (an id: its name is organizations'), its role and status. */
export interface ApplicationHeading {
  id: string;
  userId: string;
  organizationId: string;
  role: string;
  status: string;
}

const HEADING = 'SELECT id, user_id, organization_id, role, status FROM applications';
type HeadingRow = { id: string; user_id: string; organization_id: string; role: string; status: string };

function headingsById(rows: HeadingRow[]): Map<string, ApplicationHeading> {
  return new Map(rows.map((r) => [r.id, { id: r.id, userId: r.user_id, organizationId: r.organization_id, role: r.role, status: r.status }]));
}

/**
 * The headings of these applications, by id, in one statement: other modules read their own rows
 * first, then the applications on them here. Ids that are null, repeated or unknown are fine.
 */
export async function applicationHeadings(db: DataSource | EntityManager, ids: (string | null | undefined)[]): Promise<Map<string, ApplicationHeading>> {
  const wanted = [...new Set(ids.filter((id): id is string => !!id))];
  if (wanted.length === 0) return new Map();
  return headingsById((await db.query(`${HEADING} WHERE id = ANY($1::uuid[])`, [wanted])) as HeadingRow[]);
}

/** The active applications of many accounts at once, in one statement: a map by id. */
export async function activeApplicationsOfAccounts(db: DataSource | EntityManager, userIds: string[]): Promise<Map<string, ApplicationHeading>> {
  if (userIds.length === 0) return new Map();
  return headingsById((await db.query(`${HEADING} WHERE user_id = ANY($1::uuid[]) AND status = 'active'`, [userIds])) as HeadingRow[]);
}

/** The names of these application stages, by id, in one statement. Ids that are null, repeated or unknown are fine. */
export async function stageNames(db: DataSource | EntityManager, ids: (string | null | undefined)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => !!id))];
  if (wanted.length === 0) return new Map();
  const rows = (await db.query('SELECT id, name FROM application_stages WHERE id = ANY($1::uuid[])', [wanted])) as { id: string; name: string }[];
  return new Map(rows.map((r) => [r.id, r.name]));
}
