import type { DataSource, EntityManager } from 'typeorm';
import type { AuthorSnapshot, ScholarlySource } from '../../scholarly/index';

export interface LinkedIdentityFacts {
  personId: string;
  source: ScholarlySource;
  sourceAuthorId: string;
  name: string | null;
  lastSyncedAt: Date | null;
  lastSnapshot: Pick<AuthorSnapshot, 'affiliations' | 'currentAffiliations' | 'topics'> | null;
}

/** The linked identities of each of `personIds`, by source then age, in one read. */
export async function linkedIdentitiesOf(db: DataSource | EntityManager, userId: string, personIds: string[]): Promise<Map<string, LinkedIdentityFacts[]>> {
  const out = new Map<string, LinkedIdentityFacts[]>();
  if (personIds.length === 0) return out;
  const rows = (await db.query(
    `SELECT person_id, source, source_author_id, name, last_synced_at, last_snapshot FROM scholarly_identities
      WHERE user_id = $1 AND person_id = ANY($2::uuid[]) AND status = 'linked' ORDER BY source, created_at`,
    [userId, personIds],
  )) as { person_id: string; source: ScholarlySource; source_author_id: string; name: string | null; last_synced_at: Date | null; last_snapshot: LinkedIdentityFacts['lastSnapshot'] }[];
  for (const r of rows) {
    const list = out.get(r.person_id) ?? [];
    list.push({ personId: r.person_id, source: r.source, sourceAuthorId: r.source_author_id, name: r.name, lastSyncedAt: r.last_synced_at, lastSnapshot: r.last_snapshot });
    out.set(r.person_id, list);
  }
  return out;
}

/** A linked identity and its sync state, as the sync problems list reads it. */
export interface IdentitySyncFacts {
  id: string;
  userId: string;
  personId: string;
  source: ScholarlySource;
  sourceAuthorId: string;
  broken: boolean;
  brokenReason: string | null;
  updatedAt: Date;
}

/** For many accounts at once, in one statement: their linked identities, with their sync state. */
export async function linkedIdentitiesOfAccounts(db: DataSource | EntityManager, userIds: string[]): Promise<IdentitySyncFacts[]> {
  if (userIds.length === 0) return [];
  const rows = (await db.query(
    `SELECT id, user_id, person_id, source, source_author_id, sync_state, broken_reason, updated_at FROM scholarly_identities
      WHERE user_id = ANY($1::uuid[]) AND status = 'linked'`,
    [userIds],
  )) as { id: string; user_id: string; person_id: string; source: ScholarlySource; source_author_id: string; sync_state: string; broken_reason: string | null; updated_at: Date }[];
  return rows.map((r) => ({
    id: r.id,
    userId: r.user_id,
    personId: r.person_id,
    source: r.source,
    sourceAuthorId: r.source_author_id,
    broken: r.sync_state === 'broken',
    brokenReason: r.broken_reason,
    updatedAt: new Date(r.updated_at),
  }));
}
