import { Injectable } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import type { EntityManager } from 'typeorm';
import { ConflictError } from '#platform';
import { AccountExport, AccountExportPart, EXPORT_FORMAT, EXPORT_VERSION, exportPartOptions, ExportPartOptions, RestoreContext, RestoreSkip } from '../account-export/index';
import { AccountExportRepository } from './account-export.repository';

const NOT_EMPTY = 'A Dossier export can only be imported into an empty account (no people, organizations, stage templates, tasks or résumé projects)';

/** What a restore wrote, and what the caller runs once it is committed. */
export interface RestoreResult {
  created: number;
  skips: RestoreSkip[];
  /** The parts' work that waits for the commit (schedulers, syncs of the imported people). */
  afterCommit: () => Promise<void>;
}

interface RegisteredPart {
  options: ExportPartOptions;
  part: AccountExportPart<Record<string, unknown>>;
}

/**
 * Whole-account export and restore. Each module exports and restores its own records (an
 * ExportPart among its providers); this service only finds the parts, orders them so that a part
 * comes after those it refers to, and runs them in one transaction: one snapshot for an export,
 * and for a restore all or nothing, because a partial restore would be worse than none. A restore
 * writes rows directly (not through the modules' services): it restores history as it was, it
 * does not replay it.
 */
@Injectable()
export class AccountExportService {
  private ordered?: RegisteredPart[];

  constructor(
    private readonly transactions: AccountExportRepository,
    private readonly discovery: DiscoveryService,
  ) {}

  /** One consistent snapshot: every part reads in the same repeatable-read transaction. */
  async export(userId: string): Promise<AccountExport> {
    return this.transactions.snapshot(async (em) => {
      const doc: AccountExport = { format: EXPORT_FORMAT, version: EXPORT_VERSION, exportedAt: new Date().toISOString(), account: {} };
      const fixes: ((doc: AccountExport) => void)[] = [];
      for (const { part } of this.parts()) {
        const { account, ...sections } = await part.exportPart(userId, { em, userId, whenComplete: (fix) => fixes.push(fix) });
        Object.assign(doc.account, account);
        Object.assign(doc, sections);
      }
      for (const fix of fixes) fix(doc);
      return doc;
    });
  }

  /** Number of records a restore of this document writes (its progress total). */
  countItems(doc: AccountExport): number {
    return this.parts().reduce((n, { options, part }) => n + (part.count ? part.count(doc) : listsLength(doc, options)), 0);
  }

  async assertEmptyAccount(userId: string): Promise<void> {
    if (await this.hasData(this.transactions.manager, userId)) throw new ConflictError('import.account-not-empty', NOT_EMPTY);
  }

  /**
   * Restores an export into an empty account, giving every record a new id and keeping every
   * reference and timestamp. References to ids the document does not hold are reported, not guessed.
   * New ids keep the order of the old ones, so records that tie on a date list in the same order.
   */
  async restore(userId: string, doc: AccountExport, onProgress: (done: number) => Promise<void>): Promise<RestoreResult> {
    return this.transactions.transaction(async (em) => {
      // Serializes concurrent restores into one account.
      await this.transactions.lockAccount(em, userId);
      if (await this.hasData(em, userId)) throw new ConflictError('import.account-not-empty', NOT_EMPTY);
      const ctx = new RestoreContext(em, userId, onProgress);
      for (const { part } of this.parts()) await part.restorePart(userId, doc, ctx);
      const afterCommit = await ctx.finish();
      return { created: ctx.created, skips: ctx.skips, afterCommit };
    });
  }

  private async hasData(em: EntityManager, userId: string): Promise<boolean> {
    for (const { part } of this.parts()) if (part.hasData && (await part.hasData(em, userId))) return true;
    return false;
  }

  /** The registered parts, each after the parts it names in `after` (ties in name order, so the order is the same on every server). */
  private parts(): RegisteredPart[] {
    if (this.ordered) return this.ordered;
    const found = new Map<string, RegisteredPart>();
    for (const wrapper of this.discovery.getProviders({ metadataKey: exportPartOptions.KEY })) {
      const options = this.discovery.getMetadataByDecorator(exportPartOptions, wrapper);
      if (!options || !wrapper.instance) continue;
      const known = found.get(options.name);
      if (known && known.part !== wrapper.instance) throw new Error(`Two account export parts are named ${options.name}`);
      found.set(options.name, { options, part: wrapper.instance as RegisteredPart['part'] });
    }
    const names = [...found.keys()].sort();
    const dependencies = (p: RegisteredPart): string[] => (p.options.after === 'all' ? names.filter((n) => n !== p.options.name && found.get(n)!.options.after !== 'all') : [...(p.options.after ?? [])]);
    const ordered: RegisteredPart[] = [];
    const state = new Map<string, 'visiting' | 'done'>();
    const visit = (name: string, from: string): void => {
      const p = found.get(name);
      // A part named in `after` that is not registered means its module is not loaded: its records would be lost.
      if (!p) throw new Error(`The account export part ${from} comes after ${name}, which no loaded module provides`);
      if (state.get(name) === 'done') return;
      if (state.get(name) === 'visiting') throw new Error(`The account export parts depend on each other in a circle through ${name}`);
      state.set(name, 'visiting');
      for (const dependency of dependencies(p)) visit(dependency, name);
      state.set(name, 'done');
      ordered.push(p);
    };
    for (const name of names) visit(name, name);
    return (this.ordered = ordered);
  }
}

/** A part's records by default: the length of its lists in the document. */
function listsLength(doc: AccountExport, options: ExportPartOptions): number {
  return Object.keys(options.schema)
    .filter((key) => !key.startsWith('account.'))
    .reduce((n, key) => n + (Array.isArray(doc[key]) ? (doc[key] as unknown[]).length : 0), 0);
}
