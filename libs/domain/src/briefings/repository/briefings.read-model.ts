import type { DataSource, EntityManager } from 'typeorm';

/** The newest ready briefing of each of `interviewIds` (the caller's own), in one read: a map from interview id to briefing id. */
export async function latestReadyBriefings(db: DataSource | EntityManager, interviewIds: string[]): Promise<Map<string, string>> {
  if (interviewIds.length === 0) return new Map();
  const rows = (await db.query(
    `SELECT DISTINCT ON (b.interview_id) b.interview_id, b.id FROM briefings b
      WHERE b.interview_id = ANY($1::uuid[]) AND b.status = 'ready'
      ORDER BY b.interview_id, b.version DESC`,
    [interviewIds],
  )) as { interview_id: string; id: string }[];
  return new Map(rows.map((r) => [r.interview_id, r.id]));
}
