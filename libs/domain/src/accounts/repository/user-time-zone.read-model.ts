import type { DataSource, EntityManager } from 'typeorm';

/**
 * The user's time zone, for other modules that date things in it (a briefing, an application's
 * days): read here so that no other module reads the users table. UTC when the user is unknown.
 */
export async function userTimeZone(db: DataSource | EntityManager, userId: string): Promise<string> {
  const [row] = (await db.query('SELECT time_zone FROM users WHERE id = $1', [userId])) as { time_zone: string }[];
  return row?.time_zone ?? 'UTC';
}

/** Each account's time zone and where its new works start (its marker, or its creation before it first marked them seen), in one read. */
export async function accountDigestFacts(db: DataSource | EntityManager, userIds: string[]): Promise<Map<string, { timeZone: string; worksSince: Date }>> {
  if (userIds.length === 0) return new Map();
  const rows = (await db.query('SELECT id, time_zone, coalesce(works_seen_at, created_at) AS since FROM users WHERE id = ANY($1::uuid[])', [userIds])) as { id: string; time_zone: string; since: Date }[];
  return new Map(rows.map((r) => [r.id, { timeZone: r.time_zone, worksSince: new Date(r.since) }]));
}
