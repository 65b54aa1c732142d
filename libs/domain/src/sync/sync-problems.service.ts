import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ScholarlySource } from '../scholarly/index';

export const SYNC_PROBLEM_KINDS = ['broken', 'busy', 'failed'] as const;
export type SyncProblemKind = (typeof SYNC_PROBLEM_KINDS)[number];

export interface SyncProblem {
  /**
   * broken: the source refused the identity (the sync stops trying it); busy: its sync is still
   * running but the source answered with errors (rate-limited or unavailable: it waits and retries);
   * failed: its last sync ran out of retries.
   */
  kind: SyncProblemKind;
  identityId: string;
  person: { id: string; fullName: string };
  source: ScholarlySource;
  sourceAuthorId: string;
  /** The source's refusal, or the last error of the run. */
  message: string | null;
  /** When it went wrong: the broken or failed run's end, or the busy run's start. */
  at: Date;
  /** The identity's latest run (GET /sync-runs/{id}), if it has one. */
  runId: string | null;
}

/**
 * What is wrong with the user's publication sync, one line per linked identity: broken ones, and
 * those whose latest run failed or is stuck retrying at its source. An identity whose latest run
 * succeeded has no problem any more, whatever failed before.
 */
@Injectable()
export class SyncProblemsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(userId: string, page: { limit?: number; offset?: number } = {}): Promise<{ items: SyncProblem[]; total: number; limit: number; offset: number }> {
    const limit = page.limit ?? 50;
    const offset = page.offset ?? 0;
    const rows = (await this.dataSource.query(
      `WITH problems AS (
         SELECT CASE WHEN i.sync_state = 'broken' THEN 'broken' WHEN l.status = 'running' THEN 'busy' ELSE 'failed' END AS kind,
                i.id AS identity_id, p.id AS person_id, p.full_name, i.source, i.source_author_id,
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
          WHERE i.user_id = $1 AND i.status = 'linked'
            AND (i.sync_state = 'broken' OR l.status = 'failed' OR (l.status = 'running' AND jsonb_array_length(l.errors) > 0))
       )
       SELECT *, count(*) OVER ()::int AS total FROM problems ORDER BY at DESC, identity_id LIMIT $2 OFFSET $3`,
      [userId, limit, offset],
    )) as Record<string, any>[];
    let total = rows[0]?.total ?? 0;
    if (rows.length === 0 && offset > 0) total = (await this.list(userId, { limit: 1, offset: 0 })).total;
    const items = rows.map(
      (row): SyncProblem => ({
        kind: row.kind,
        identityId: row.identity_id,
        person: { id: row.person_id, fullName: row.full_name },
        source: row.source,
        sourceAuthorId: row.source_author_id,
        message: row.message ?? null,
        at: new Date(row.at),
        runId: row.run_id ?? null,
      }),
    );
    return { items, total, limit, offset };
  }
}
