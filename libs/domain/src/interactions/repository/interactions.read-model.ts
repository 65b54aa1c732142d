import type { DataSource, EntityManager } from 'typeorm';

/** What the user asked each person for, up to `asOf`, newest first; for all of `personIds` in one read. */
export async function asksOf(db: DataSource | EntityManager, userId: string, personIds: string[], asOf: Date): Promise<{ personId: string; occurredAt: Date; asked: string }[]> {
  if (personIds.length === 0) return [];
  const rows = (await db.query(
    `SELECT person_id, occurred_at, asked FROM interactions WHERE user_id = $1 AND person_id = ANY($2) AND asked IS NOT NULL AND occurred_at <= $3 ORDER BY occurred_at DESC, id`,
    [userId, personIds, asOf],
  )) as { person_id: string; occurred_at: Date; asked: string }[];
  return rows.map((r) => ({ personId: r.person_id, occurredAt: r.occurred_at, asked: r.asked }));
}

/** When the user last spoke with each person (up to `asOf`); people never spoken with are absent. */
export async function lastSpokeWith(db: DataSource | EntityManager, userId: string, personIds: string[], asOf: Date): Promise<Map<string, Date>> {
  if (personIds.length === 0) return new Map();
  const rows = (await db.query(
    'SELECT person_id, max(occurred_at) AS last FROM interactions WHERE user_id = $1 AND person_id = ANY($2::uuid[]) AND occurred_at <= $3 GROUP BY person_id',
    [userId, personIds, asOf],
  )) as { person_id: string; last: Date }[];
  return new Map(rows.map((r) => [r.person_id, r.last]));
}
