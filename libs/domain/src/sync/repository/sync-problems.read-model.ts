import type { DataSource, EntityManager } from 'typeorm';

/**
 * SQL of every linked identity with a problem among the accounts `accounts` (an SQL condition on
 * `i.user_id`): broken, or its latest run failed or is retrying with errors. Columns: kind,
 * user_id, identity_id, person_id, full_name, source, source_author_id, message, at, run_id. The
 * one rule the sync problems list and a digest share.
 */
export function syncProblemsSql(accounts: string): string {
  return `
    SELECT CASE WHEN i.sync_state = 'broken' THEN 'broken' WHEN l.status = 'running' THEN 'busy' ELSE 'failed' END AS kind,
           i.user_id, i.id AS identity_id, p.id AS person_id, p.full_name, i.source, i.source_author_id,
           CASE WHEN i.sync_state = 'broken' THEN i.broken_reason ELSE l.errors->>-1 END AS message,
           CASE WHEN l.status = 'running' THEN l.started_at ELSE coalesce(l.finished_at, i.updated_at) END AS at,
           l.id AS run_id
      FROM scholarly_identities i
      JOIN people p ON p.id = i.person_id AND p.user_id = i.user_id AND p.deleted_at IS NULL
      LEFT JOIN LATERAL (
        SELECT r.id, r.status, r.errors, r.started_at, r.finished_at FROM sync_runs r
         WHERE r.user_id = i.user_id AND r.person_id = i.person_id AND r.identity_id = i.id
         ORDER BY r.started_at DESC, r.id DESC LIMIT 1
      ) l ON true
     WHERE ${accounts} AND i.status = 'linked'
       AND (i.sync_state = 'broken' OR l.status = 'failed' OR (l.status = 'running' AND jsonb_array_length(l.errors) > 0))`;
}

/** A sync that needs the user: the identity is broken, or its last sync ran out of retries. */
export interface BrokenSyncFacts {
  userId: string;
  kind: 'broken' | 'failed';
  personId: string;
  fullName: string;
  source: string;
  message: string | null;
  at: Date;
}

/**
 * For many accounts at once: their broken and failed syncs (not those still retrying), newest
 * first, at most `perAccount` each, with each account's total. One statement.
 */
export async function brokenSyncsOfAccounts(db: DataSource | EntityManager, userIds: string[], perAccount: number): Promise<{ items: BrokenSyncFacts[]; totals: Map<string, number> }> {
  if (userIds.length === 0) return { items: [], totals: new Map() };
  const rows = (await db.query(
    `WITH problems AS (${syncProblemsSql('i.user_id = ANY($1::uuid[])')}),
     numbered AS (
       SELECT *, row_number() OVER (PARTITION BY user_id ORDER BY at DESC, identity_id) AS n, count(*) OVER (PARTITION BY user_id)::int AS total
         FROM problems WHERE kind <> 'busy'
     )
     SELECT * FROM numbered WHERE n <= $2 ORDER BY user_id, n`,
    [userIds, perAccount],
  )) as { user_id: string; kind: 'broken' | 'failed'; person_id: string; full_name: string; source: string; message: string | null; at: Date; total: number }[];
  return {
    items: rows.map((r) => ({ userId: r.user_id, kind: r.kind, personId: r.person_id, fullName: r.full_name, source: r.source, message: r.message, at: new Date(r.at) })),
    totals: new Map(rows.map((r) => [r.user_id, r.total])),
  };
}
