import type { DataSource, EntityManager } from 'typeorm';

// What other modules keep on the account's row (users), read and written here so that no other
// module names the users table: the export's lock, the new-works marker, the account's sync cadence.
type Db = DataSource | EntityManager;

/** Locks the account's row until the transaction ends: an export and a restore of one account run one at a time. */
export async function lockAccountRow(em: EntityManager, userId: string): Promise<void> {
  await em.query('SELECT id FROM users WHERE id = $1 FOR UPDATE', [userId]);
}

/** Where the user's new works start: their marker (works_seen_at), or the account's creation until they first mark works seen. */
export async function worksSeenMarker(db: Db, userId: string): Promise<Date | null> {
  const [row] = (await db.query('SELECT coalesce(works_seen_at, created_at) AS since FROM users WHERE id = $1', [userId])) as { since: Date }[];
  return row ? new Date(row.since) : null;
}

/** Moves the user's new-works marker to `until` (default: now; never later than now, never back). Answers the marker. */
export async function markWorksSeen(db: Db, userId: string, until?: Date): Promise<Date> {
  const [row] = (await db.query(
    `UPDATE users SET works_seen_at = greatest(coalesce(works_seen_at, '-infinity'::timestamptz), least(coalesce($2::timestamptz, now()), now()))
      WHERE id = $1 RETURNING works_seen_at`,
    [userId, until ?? null],
  )) as [Record<string, Date>[], number] | Record<string, Date>[];
  const updated = Array.isArray(row) ? row[0] : row;
  return new Date((updated as Record<string, Date>).works_seen_at);
}

/** The account's own publication sync cadence: every N hours, or none (the server's default), and whether it is paused. */
export async function accountSyncCadence(db: Db, userId: string): Promise<{ everyHours: number | null; paused: boolean } | null> {
  const [row] = (await db.query('SELECT sync_every_hours, sync_paused FROM users WHERE id = $1', [userId])) as { sync_every_hours: number | null; sync_paused: boolean }[];
  return row ? { everyHours: row.sync_every_hours, paused: row.sync_paused } : null;
}

export async function setAccountSyncCadence(db: Db, userId: string, everyHours: number | null, paused: boolean): Promise<void> {
  await db.query('UPDATE users SET sync_every_hours = $2, sync_paused = $3 WHERE id = $1', [userId, everyHours, paused]);
}

/** Accounts with a sync cadence of their own, not paused. */
export async function accountsWithOwnSyncCadence(db: Db): Promise<{ id: string; everyHours: number }[]> {
  const rows = (await db.query('SELECT id, sync_every_hours FROM users WHERE sync_every_hours IS NOT NULL AND NOT sync_paused')) as { id: string; sync_every_hours: number }[];
  return rows.map((r) => ({ id: r.id, everyHours: r.sync_every_hours }));
}
