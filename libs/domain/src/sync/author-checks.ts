import type { AuthorSnapshot } from '../scholarly/index';

/** What one batch check of a source's authors found (the return value of its job). */
export interface AuthorBatchResult {
  /** The source whose authors were read (one whose descriptor has `authorBatch`). */
  source: string;
  /** The author ids asked for, in the order asked. */
  ids: string[];
  /** One entry per id, in the same order; null where the source does not know the id. Null for a batch that failed. */
  snapshots: (AuthorSnapshot | null)[] | null;
  /** Requests the batch made, failed attempts included. */
  requests: number;
  /** Why the batch failed for good; null when it answered. */
  failure: string | null;
}

/** What a run takes from a batch check: the requests to count on it, and an error to record. */
export interface BatchCharge {
  requests: number;
  error: string | null;
}

const NO_CHARGE: BatchCharge = { requests: 0, error: null };

/** An author of one source: ids of two sources never meet. */
const authorKey = (source: string, id: string) => `${source}\u0000${id.trim()}`;

/**
 * The author records a scheduled tick read in batches (sources whose descriptor has `authorBatch`:
 * Semantic Scholar, up to 1,000 ids a request), for the person syncs it starts: an identity whose record is here starts without a
 * snapshot request of its own.
 *
 * sync_runs.requests counts whole requests, so a batch request is counted once, on the first run
 * it served (the first run created, in the tick's order, for an identity whose id was in the
 * batch); the other runs it served count 0 for it. Summed over a tick's runs, requests are the
 * requests made. A batch that failed for good is charged the same way, with its failure recorded
 * on that run; its identities then check their authors one by one. A batch whose identities all
 * got no run (each was already being synced) is on no run.
 */
export class AuthorChecks {
  private readonly snapshots = new Map<string, AuthorSnapshot | null>();
  private readonly batchOf = new Map<string, number>();
  private readonly charges = new Map<number, BatchCharge>();

  constructor(batches: AuthorBatchResult[] = []) {
    batches.forEach((batch, index) => {
      batch.ids.forEach((id, i) => {
        this.batchOf.set(authorKey(batch.source, id), index);
        if (batch.snapshots) this.snapshots.set(authorKey(batch.source, id), batch.snapshots[i] ?? null);
      });
      if (batch.requests > 0 || batch.failure) {
        this.charges.set(index, { requests: batch.requests, error: batch.failure ? `${batch.source}: the author batch check (${batch.ids.length} ids) failed; each author was checked alone: ${batch.failure}` : null });
      }
    });
  }

  get size(): number {
    return this.batchOf.size;
  }

  /** The author as a batch read it; null when no batch read it (not asked, failed, or unknown to the source). */
  snapshot(source: string, sourceAuthorId: string): AuthorSnapshot | null {
    return this.snapshots.get(authorKey(source, sourceAuthorId)) ?? null;
  }

  /** What the run of this identity is charged for its batch: the batch's requests once, on its first run. */
  charge(source: string, sourceAuthorId: string): BatchCharge {
    const batch = this.batchOf.get(authorKey(source, sourceAuthorId));
    if (batch === undefined) return NO_CHARGE;
    const charge = this.charges.get(batch);
    if (!charge) return NO_CHARGE;
    this.charges.delete(batch);
    return charge;
  }

  /** The charges not yet taken, to put back if the runs that took them were not written. */
  saveCharges(): Map<number, BatchCharge> {
    return new Map(this.charges);
  }

  restoreCharges(saved: Map<number, BatchCharge>): void {
    this.charges.clear();
    for (const [batch, charge] of saved) this.charges.set(batch, charge);
  }
}
