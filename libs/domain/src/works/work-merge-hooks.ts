import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/**
 * What a module whose rows point at works does when the ingest merges stored works into one: it
 * moves its rows off the dropped works (`drop`) onto the kept one, in the merge's transaction
 * (`em`). It runs before the dropped works are deleted, whose delete cascades to rows still on them.
 */
export type WorkMergeHook = (em: EntityManager, keep: string, drop: string[]) => Promise<void>;

/**
 * The hooks of a merge of works. Modules above works (reading) register theirs when the app starts
 * (`onModuleInit`), so works moves their rows without importing them.
 */
@Injectable()
export class WorkMergeHooks {
  private readonly hooks: WorkMergeHook[] = [];

  register(hook: WorkMergeHook): void {
    this.hooks.push(hook);
  }

  /** Runs every registered hook, one after another, inside the merge's transaction. */
  async worksMerged(em: EntityManager, keep: string, drop: string[]): Promise<void> {
    for (const hook of this.hooks) await hook(em, keep, drop);
  }
}
