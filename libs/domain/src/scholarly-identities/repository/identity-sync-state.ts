import type { DataSource, EntityManager } from 'typeorm';
import type { ScholarlySource } from '../../scholarly/index';
import { ScholarlyIdentity } from '../scholarly-identity.entity';

// An identity's sync state (sync_state, broken_reason, last_synced_at, last_snapshot) is kept on its
// scholarly_identities row, but publication sync, which sits above this module, is what moves it:
// these are the reads and writes sync makes of it, so that only this module names the table. Each
// runs in the caller's transaction when handed its EntityManager (else the data source's manager).
type Db = DataSource | EntityManager;

/** What sync records on an identity. */
export type IdentitySyncPatch = Partial<Pick<ScholarlyIdentity, 'syncState' | 'brokenReason' | 'lastSyncedAt' | 'lastSnapshot'>>;

/** The person's linked identities, locked until the transaction ends (two triggers never queue one twice). */
export function lockLinkedIdentitiesOfPerson(em: EntityManager, userId: string, personId: string): Promise<ScholarlyIdentity[]> {
  return em
    .createQueryBuilder(ScholarlyIdentity, 'i')
    .setLock('pessimistic_write')
    .where('i.user_id = :userId AND i.person_id = :personId AND i.status = :status', { userId, personId, status: 'linked' })
    .orderBy('i.created_at')
    .addOrderBy('i.id')
    .getMany();
}

/** Any identity by id (linked or not), or null once it is gone. */
export function identityById(em: EntityManager, id: string): Promise<ScholarlyIdentity | null> {
  return em.findOneBy(ScholarlyIdentity, { id });
}

/** Records what sync found on the identity (its updated_at moves with it). */
export async function recordIdentitySync(em: EntityManager, id: string, patch: IdentitySyncPatch): Promise<void> {
  await em.update(ScholarlyIdentity, { id }, patch);
}

/** Identities left `queued` by runs that were never queued go back to the state they had. */
export async function unqueueIdentities(db: Db, identityIds: string[]): Promise<void> {
  await db.query(
    `UPDATE scholarly_identities SET sync_state = CASE WHEN broken_reason IS NOT NULL THEN 'broken' WHEN last_synced_at IS NOT NULL THEN 'ok' ELSE 'never' END
      WHERE id = ANY($1::uuid[]) AND sync_state = 'queued'`,
    [identityIds],
  );
}

/** The ids of `source`'s linked authors of these people that a scheduled sync would check (not broken, not being synced). */
export async function linkedAuthorIdsToCheck(db: Db, personIds: string[], source: ScholarlySource): Promise<string[]> {
  const rows = (await db.query(
    `SELECT DISTINCT btrim(source_author_id) AS id FROM scholarly_identities
      WHERE person_id = ANY($1::uuid[]) AND source = $2 AND status = 'linked' AND sync_state NOT IN ('broken', 'queued', 'running')
      ORDER BY 1`,
    [personIds, source],
  )) as { id: string }[];
  return rows.map((r) => r.id);
}
