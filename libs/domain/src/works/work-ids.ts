import type { DataSource, EntityManager } from 'typeorm';

/**
 * The live id of a work: the id itself, or the work it was merged into (work_aliases); null when
 * neither knows it. Links and bookmarks to a merged version keep working.
 */
export async function resolveWorkId(db: DataSource | EntityManager, workId: string): Promise<string | null> {
  const [row] = (await db.query(
    'SELECT coalesce((SELECT id FROM works WHERE id = $1), (SELECT work_id FROM work_aliases WHERE old_id = $1)) AS id',
    [workId],
  )) as { id: string | null }[];
  return row?.id ?? null;
}
