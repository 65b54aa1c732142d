import type { DataSource, EntityManager } from 'typeorm';

/**
 * The user's time zone, for other modules that date things in it (a briefing, an application's
 * days): read here so that no other module reads the users table. UTC when the user is unknown.
 */
export async function userTimeZone(db: DataSource | EntityManager, userId: string): Promise<string> {
  const [row] = (await db.query('SELECT time_zone FROM users WHERE id = $1', [userId])) as { time_zone: string }[];
  return row?.time_zone ?? 'UTC';
}
