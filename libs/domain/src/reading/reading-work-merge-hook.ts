import { Injectable, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { WorkMergeHooks } from '../works/index';
import { ReadingEntryRow, ReadingRepository } from './reading.repository';

/**
 * Users' reading follows a merge of works: works sits below reading, so it calls this through the
 * hook reading registers (WorkMergeHooks), inside the ingest's transaction.
 */
@Injectable()
export class ReadingWorkMergeHook implements OnModuleInit {
  constructor(
    private readonly repository: ReadingRepository,
    private readonly workMergeHooks: WorkMergeHooks,
  ) {}

  onModuleInit(): void {
    this.workMergeHooks.register((em, keep, drop) => this.worksMerged(em, keep, drop));
  }

  /**
   * Each user's reading of the merged works becomes their reading of the one work. A user with
   * entries on two of them (one per version) loses nothing: the entry touched last stays, with its
   * status (their latest word on the paper); the notes and summaries that differ are all kept,
   * oldest first, a blank line apart; the questions are the union, oldest first. It keeps the
   * earliest created_at and the latest updated_at.
   */
  async worksMerged(em: EntityManager, keep: string, drop: string[]): Promise<void> {
    const rows = await this.repository.readingEntriesToFold(em, [keep, ...drop]);
    const byUser = new Map<string, ReadingEntryRow[]>();
    for (const row of rows) byUser.set(row.user_id, [...(byUser.get(row.user_id) ?? []), row]);
    for (const entries of byUser.values()) {
      const latest = entries[entries.length - 1];
      const texts = (pickText: (r: ReadingEntryRow) => string | null) => [...new Set(entries.map(pickText).filter((t): t is string => !!t))].join('\n\n') || null;
      await this.repository.foldReadingEntries(em, entries.slice(0, -1).map((e) => e.id), {
        id: latest.id,
        workId: keep,
        notes: texts((r) => r.notes),
        summary: texts((r) => r.summary),
        questions: [...new Set(entries.flatMap((e) => e.questions))],
        createdAt: entries.reduce((min, e) => (e.created_at < min ? e.created_at : min), latest.created_at),
        updatedAt: latest.updated_at,
      });
    }
    await this.repository.moveReadingEntries(em, keep, drop);
  }
}
