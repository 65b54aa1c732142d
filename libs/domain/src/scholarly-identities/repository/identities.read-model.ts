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
