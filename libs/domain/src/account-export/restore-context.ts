import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';

const BATCH = 500;

/** A record of the document that was not restored, and why. */
export type RestoreSkip = { item: string; reason: string };

/**
 * Old ids to new ones, for one kind of record. `allocate` hands out fresh ids in the same sorted
 * order as the old ones, so "by date, then id" lists the same after an import, and drops a record
 * whose id the document already used for another.
 */
export class IdMap {
  private readonly ids = new Map<string, string>();

  constructor(
    private readonly kind: string,
    private readonly skips: RestoreSkip[],
  ) {}

  allocate<T extends { id: string }>(rows: T[]): T[] {
    const unique = rows.filter((row) => {
      if (!this.ids.has(row.id)) {
        this.ids.set(row.id, '');
        return true;
      }
      this.skips.push({ item: `${this.kind}[${row.id}]`, reason: 'the id appears twice in the document; the first is kept' });
      return false;
    });
    const fresh = unique.map(() => randomUUID()).sort();
    [...unique.map((r) => r.id)].sort().forEach((old, i) => this.ids.set(old, fresh[i]));
    return unique;
  }

  get(old: string): string | null {
    return this.ids.get(old) || null;
  }

  /** Every old id with its new one. */
  pairs(): [string, string][] {
    return [...this.ids].filter(([, fresh]) => fresh !== '');
  }
}

/**
 * What the parts of one restore share: its transaction, the new ids of every kind of record, the
 * report of what was left out, and the work that waits for all parts or for the commit.
 */
export class RestoreContext {
  readonly skips: RestoreSkip[] = [];
  private written = 0;
  private readonly maps = new Map<string, IdMap>();
  private readonly pending: (() => Promise<void>)[] = [];
  private readonly committed: (() => Promise<void>)[] = [];
  private readonly notes = new Map<string, unknown>();

  constructor(
    readonly em: EntityManager,
    readonly userId: string,
    private readonly onProgress: (done: number) => Promise<void>,
  ) {}

  /** Records written so far. */
  get created(): number {
    return this.written;
  }

  /** The ids of one kind of record, named as the document's lists are (`people`, `stages`). */
  ids(kind: string): IdMap {
    let map = this.maps.get(kind);
    if (!map) this.maps.set(kind, (map = new IdMap(kind, this.skips)));
    return map;
  }

  /** The new id of a reference; one that is not in the document is reported and left empty. */
  ref(kind: string, id: string | null | undefined, item: string): string | null {
    if (!id) return null;
    const mapped = this.ids(kind).get(id);
    if (!mapped) this.skips.push({ item, reason: `refers to ${id}, which is not in the document; left empty` });
    return mapped;
  }

  /** Keeps a record whose required reference is in the document; reports the others. */
  required(kind: string, id: string, item: string, what: string): boolean {
    if (this.ids(kind).get(id)) return true;
    this.skips.push({ item, reason: `refers to ${what} ${id}, which is not in the document; not imported` });
    return false;
  }

  skip(item: string, reason: string): void {
    this.skips.push({ item, reason });
  }

  /** Inserts rows in batches, counting them for the import's progress. */
  async write<T extends object>(target: new () => T, rows: Partial<T>[]): Promise<void> {
    for (let i = 0; i < rows.length; i += BATCH) {
      await this.em.createQueryBuilder().insert().into(target).values(rows.slice(i, i + BATCH) as never).execute();
      this.written += Math.min(BATCH, rows.length - i);
      await this.onProgress(this.written);
    }
  }

  /** Leaves a fact for a part restored later (the key is the writer's exported constant). */
  note<T>(key: string, value: T): void {
    this.notes.set(key, value);
  }

  noted<T>(key: string): T | undefined {
    return this.notes.get(key) as T | undefined;
  }

  /** Runs once every part is written, still in the transaction: links to records of parts restored later. */
  whenRestored(link: () => Promise<void>): void {
    this.pending.push(link);
  }

  /** Runs once the restore is committed (schedulers, syncs): a failure there leaves the import standing. */
  afterCommit(work: () => Promise<void>): void {
    this.committed.push(work);
  }

  /**
   * Rewrites the ids held in a JSON value (a briefing's facts) to the new ones; ids of records the
   * document does not hold (shared works, among them) stay as they are.
   */
  renamer(): (value: unknown) => unknown {
    const fresh = new Map([...this.maps.values()].flatMap((m) => m.pairs()));
    const walk = (v: unknown): unknown => {
      if (typeof v === 'string') return fresh.get(v) ?? v;
      if (Array.isArray(v)) return v.map(walk);
      if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
      return v;
    };
    return walk;
  }

  /** @internal the export service's: runs what waited for every part. */
  async finish(): Promise<() => Promise<void>> {
    for (const link of this.pending) await link();
    const committed = [...this.committed];
    return async () => {
      for (const work of committed) await work();
    };
  }
}
