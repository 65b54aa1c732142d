import type { DataSource, EntityManager } from 'typeorm';
import { peopleInNameOrder } from '../../people/index';
import type { ScholarlySource } from '../../scholarly/index';
import { linkedIdentitiesOfAccounts } from '../../scholarly-identities/index';

/** A linked identity with a problem: broken, or its latest run failed ('failed') or is retrying with errors ('busy'). */
export interface SyncProblemFacts {
  kind: 'broken' | 'busy' | 'failed';
  userId: string;
  identityId: string;
  personId: string;
  fullName: string;
  source: ScholarlySource;
  sourceAuthorId: string;
  /** Why it broke, or the latest run's last error. */
  message: string | null;
  /** When the latest run started (one still running) or finished; the identity's last change when it has none. */
  at: Date;
  runId: string | null;
}

/**
 * Every linked identity with a problem among the accounts `userIds` (of people not in the trash),
 * newest first: the one rule the sync problems list and a digest share. Three statements however
 * many accounts: the identities (theirs), the latest run of each (sync's own), the people's names
 * (people's).
 */
export async function syncProblemsOfAccounts(db: DataSource | EntityManager, userIds: string[]): Promise<SyncProblemFacts[]> {
  const identities = await linkedIdentitiesOfAccounts(db, userIds);
  if (identities.length === 0) return [];
  const runs = (await db.query(
    `SELECT k.identity_id, l.id, l.status, l.errors->>-1 AS last_error, l.started_at, l.finished_at
       FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::boolean[]) AS k(identity_id, person_id, user_id, broken)
       JOIN LATERAL (
         SELECT r.id, r.status, r.errors, r.started_at, r.finished_at FROM sync_runs r
          WHERE r.user_id = k.user_id AND r.person_id = k.person_id AND r.identity_id = k.identity_id
          ORDER BY r.started_at DESC, r.id DESC LIMIT 1
       ) l ON true
      WHERE k.broken OR l.status = 'failed' OR (l.status = 'running' AND jsonb_array_length(l.errors) > 0)`,
    [identities.map((i) => i.id), identities.map((i) => i.personId), identities.map((i) => i.userId), identities.map((i) => i.broken)],
  )) as { identity_id: string; id: string; status: string; last_error: string | null; started_at: Date; finished_at: Date | null }[];
  const latest = new Map(runs.map((r) => [r.identity_id, r]));
  const troubled = identities.filter((i) => i.broken || latest.has(i.id));
  const people = new Map((await peopleInNameOrder(db, [...new Set(troubled.map((i) => i.personId))])).map((p) => [p.id, p.fullName]));
  const problems: SyncProblemFacts[] = [];
  for (const i of troubled) {
    const fullName = people.get(i.personId);
    if (fullName === undefined) continue;
    const run = latest.get(i.id);
    problems.push({
      kind: i.broken ? 'broken' : run?.status === 'running' ? 'busy' : 'failed',
      userId: i.userId,
      identityId: i.id,
      personId: i.personId,
      fullName,
      source: i.source,
      sourceAuthorId: i.sourceAuthorId,
      message: i.broken ? i.brokenReason : (run?.last_error ?? null),
      at: new Date(run?.status === 'running' ? run.started_at : (run?.finished_at ?? i.updatedAt)),
      runId: run?.id ?? null,
    });
  }
  return problems.sort((a, b) => b.at.getTime() - a.at.getTime() || (a.identityId < b.identityId ? -1 : a.identityId > b.identityId ? 1 : 0));
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
 * first, at most `perAccount` each, with each account's total. The statements of
 * syncProblemsOfAccounts, however many accounts.
 */
export async function brokenSyncsOfAccounts(db: DataSource | EntityManager, userIds: string[], perAccount: number): Promise<{ items: BrokenSyncFacts[]; totals: Map<string, number> }> {
  const items: BrokenSyncFacts[] = [];
  const totals = new Map<string, number>();
  for (const p of await syncProblemsOfAccounts(db, userIds)) {
    if (p.kind === 'busy') continue;
    const seen = totals.get(p.userId) ?? 0;
    totals.set(p.userId, seen + 1);
    if (seen < perAccount) items.push({ userId: p.userId, kind: p.kind, personId: p.personId, fullName: p.fullName, source: p.source, message: p.message, at: p.at });
  }
  return { items, totals };
}
