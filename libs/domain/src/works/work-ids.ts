import { DataSource, EntityManager } from 'typeorm';
import { WorksRepository } from './works.repository';

/**
 * The live id of a work: the id itself, or the work it was merged into (work_aliases); null when
 * neither knows it. Links and bookmarks to a merged version keep working.
 */
export function resolveWorkId(db: DataSource | EntityManager, workId: string): Promise<string | null> {
  return new WorksRepository(db instanceof DataSource ? db : db.connection).resolveWorkId(workId, db);
}
