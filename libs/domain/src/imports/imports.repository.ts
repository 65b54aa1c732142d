import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, FindOptionsSelect } from 'typeorm';
import { mentionsSql } from '../shared/text-mentions';
import { ImportReport, ImportRun } from './import-run.entity';

/** A run as the API shows it: everything but the stored upload. */
const WITHOUT_PAYLOAD: FindOptionsSelect<ImportRun> = { payload: false, id: true, userId: true, format: true, status: true, totalItems: true, processedItems: true, report: true, error: true, createdAt: true, finishedAt: true };

/** A run that names an erased person somewhere: in its report, its error, or its kept upload. */
export interface RunMentioning {
  id: string;
  status: string;
  report: ImportReport | null;
  error: string | null;
  payload_names: boolean;
}

/** The import_runs table: every statement on it. */
@Injectable()
export class ImportsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** For the owners' read models the service calls (people). */
  get manager(): EntityManager {
    return this.dataSource.manager;
  }

  private get runs() {
    return this.dataSource.getRepository(ImportRun);
  }

  create(fields: Partial<ImportRun>): ImportRun {
    return this.runs.create(fields);
  }

  async insert(run: ImportRun): Promise<void> {
    await this.runs.insert(run);
  }

  /** The user's run, without its upload. */
  findOwned(userId: string, id: string): Promise<ImportRun | null> {
    return this.runs.findOne({ where: { id, userId }, select: WITHOUT_PAYLOAD });
  }

  /** The run with its upload (the worker's read). */
  findById(id: string): Promise<ImportRun | null> {
    return this.runs.findOneBy({ id });
  }

  /** Newest first, a page at a time, with the total; without uploads. */
  page(userId: string, limit: number, offset: number): Promise<[ImportRun[], number]> {
    return this.runs.findAndCount({ where: { userId }, order: { createdAt: 'DESC', id: 'ASC' }, take: limit, skip: offset, select: WITHOUT_PAYLOAD });
  }

  async update(id: string, patch: Partial<ImportRun>): Promise<void> {
    await this.runs.update({ id }, patch);
  }
}

/** The user's runs that mention any of `needles` (lower case) in their report, error or upload; in the caller's transaction. */
export async function importRunsMentioning(em: EntityManager, userId: string, needles: string[]): Promise<RunMentioning[]> {
  return (await em.query(
    `SELECT id, status, report, error, (payload IS NOT NULL AND ${mentionsSql('payload', 2)}) AS payload_names
       FROM import_runs
      WHERE user_id = $1 AND (${mentionsSql('report::text', 2)} OR ${mentionsSql("coalesce(error, '')", 2)} OR (payload IS NOT NULL AND ${mentionsSql('payload', 2)}))`,
    [userId, needles],
  )) as RunMentioning[];
}

/** Report rows name the person they were about (erasure finds them by it): after a merge, the survivor, in the merge's transaction. */
export async function renameInImportRuns(em: EntityManager, userId: string, survivorId: string, mergedId: string): Promise<void> {
  await em.query('UPDATE import_runs SET report = replace(report::text, $2, $1)::jsonb WHERE user_id = $3 AND strpos(report::text, $2) > 0', [survivorId, mergedId, userId]);
}

/** Rewrites a run's report and error, dropping its upload when asked. */
export async function rewriteImportRun(em: EntityManager, id: string, report: ImportReport | null, error: string | null, dropPayload: boolean): Promise<void> {
  await em.query(`UPDATE import_runs SET report = $2, error = $3${dropPayload ? ', payload = NULL' : ''} WHERE id = $1`, [id, report === null ? null : JSON.stringify(report), error]);
}
