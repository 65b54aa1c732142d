import { Injectable } from '@nestjs/common';
import type { ScholarlySource } from '../scholarly/index';
import { SyncRepository } from './sync.repository';

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
  constructor(private readonly store: SyncRepository) {}

  async list(userId: string, page: { limit?: number; offset?: number } = {}): Promise<{ items: SyncProblem[]; total: number; limit: number; offset: number }> {
    const limit = page.limit ?? 50;
    const offset = page.offset ?? 0;
    const rows = await this.store.problems(userId, limit, offset);
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
