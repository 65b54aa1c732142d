import type { DataSource, EntityManager } from 'typeorm';

/** What another module needs to write to an account's owner: the login email, name and time zone. */
export interface UserContact {
  userId: string;
  email: string;
  displayName: string;
  timeZone: string;
}

/** The contacts of the given accounts (unknown ids are left out), read here so that no other module reads the users table. */
export async function userContacts(db: DataSource | EntityManager, userIds: string[]): Promise<UserContact[]> {
  if (!userIds.length) return [];
  const rows = (await db.query('SELECT id, email, display_name, time_zone FROM users WHERE id = ANY($1::uuid[])', [userIds])) as { id: string; email: string; display_name: string; time_zone: string }[];
  return rows.map((r) => ({ userId: r.id, email: r.email, displayName: r.display_name, timeZone: r.time_zone }));
}

/** Every account that can sign in (not disabled), with its time zone: for a sender that schedules by the hour in each zone. */
export async function activeAccountZones(db: DataSource | EntityManager): Promise<{ userId: string; timeZone: string }[]> {
  const rows = (await db.query('SELECT id, time_zone FROM users WHERE disabled_at IS NULL ORDER BY id')) as { id: string; time_zone: string }[];
  return rows.map((r) => ({ userId: r.id, timeZone: r.time_zone }));
}
