import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { NotFoundError } from '#platform';
import { scholarlySources, type ScholarlySource, type WorksPage } from '../scholarly/index';
import { evaluateAttributions, EvidenceRecord, heldReason, NameQueryEntry, PersonEvidence } from './attribution';
import type { AttributionDecision, AttributionEvidence, AttributionStatus } from './work-attribution.entity';
import { WorkAttributionsRepository } from './work-attributions.repository';
import { workFromRow, type WorkPage, type WorkView } from './works-query.service';

/** Sources whose authorships come from a name query, not an author id: their matches need evidence. */
export function nameQuerySources(): string[] {
  return scholarlySources().filter((s) => s.attributedByName).map((s) => s.name);
}

export const ATTRIBUTION_STATES = ['held', 'accepted', 'rejected', 'confirmed', 'all'] as const;
/**
 * held: unconfirmed and not decided (kept out of the person's works); accepted / rejected: the
 * user decided; confirmed: counted on the evidence alone; all of them.
 */
export type AttributionState = (typeof ATTRIBUTION_STATES)[number];

export interface AttributionView {
  work: WorkView;
  /** The record the name query matched. */
  record: { source: ScholarlySource; sourceId: string; sourceUrl: string };
  query: string;
  /** The author as the record writes them. */
  nameAsWritten: string;
  position: number;
  authorCount: number;
  categories: string[];
  status: AttributionStatus;
  decision: AttributionDecision | null;
  /** Whether the work counts as the person's through this record. */
  counted: boolean;
  evidence: AttributionEvidence[];
  /** Why it is held back; null when it is not. */
  reason: string | null;
  evaluatedAt: Date;
  decidedAt: Date | null;
}

/**
 * Evaluates, lists and records the user's decisions on the works that only a name query
 * attributes to a person (the rule: attribution.ts). A sync evaluates after every page it ingests
 * and when it ends; linking or unlinking an identity evaluates the person again.
 */
@Injectable()
export class WorkAttributionsService {
  constructor(private readonly store: WorkAttributionsRepository) {}

  /** Evaluates every name-query match of the person; answers how many are held back. */
  async evaluatePerson(userId: string, personId: string): Promise<{ confirmed: number; held: number }> {
    return this.store.transaction(async (em) => {
      // One evaluation of a person at a time: two identities' runs may end together.
      await this.store.lockPerson(em, personId);
      const fullName = await this.store.personName(em, userId, personId);
      if (fullName === null) return { confirmed: 0, held: 0 };
      const entries = await this.entries(em, userId, personId);
      if (entries.length === 0) {
        await this.store.deleteUndecided(em, personId, null);
        return { confirmed: 0, held: 0 };
      }
      const evidence = await this.evidence(em, userId, personId, fullName, entries);
      const verdicts = evaluateAttributions(evidence, entries);
      await this.store.saveVerdicts(em, userId, personId, verdicts);
      // Matches gone (an identity unlinked, a record that no longer names them): their evidence goes, a decision stays.
      await this.store.deleteUndecided(em, personId, verdicts.map((v) => v.recordId));
      const held = verdicts.filter((v, i) => v.status === 'unconfirmed' && entries[i].decision === null).length;
      return { confirmed: verdicts.length - held, held };
    });
  }

  async list(userId: string, personId: string, query: { state?: AttributionState; limit?: number; offset?: number } = {}): Promise<WorkPage<AttributionView>> {
    await this.assertPerson(userId, personId);
    const limit = query.limit ?? 50;
    const offset = query.offset ?? 0;
    const state = query.state ?? 'held';
    const rows = await this.store.listPage(userId, personId, state, limit, offset);
    return { items: rows.map(viewFromRow), total: rows[0]?.total ?? 0, limit, offset };
  }

  /**
   * The user's word on a work a name query attributes to the person: accepted (theirs, whatever
   * the evidence), rejected (not theirs), or null (back to the evidence). Kept across syncs.
   */
  async decide(userId: string, personId: string, workId: string, decision: AttributionDecision | null): Promise<AttributionView> {
    await this.assertPerson(userId, personId);
    const id = (await this.store.resolveWorkId(workId)) ?? workId;
    const updated = await this.store.decide(userId, personId, id, decision);
    if (updated === 0) throw new NotFoundError('work attribution', workId);
    const { items } = await this.list(userId, personId, { state: 'all', limit: 1_000_000 });
    return items.find((i) => i.work.id === id)!;
  }

  private async assertPerson(userId: string, personId: string): Promise<void> {
    if (!(await this.store.personExists(userId, personId))) throw new NotFoundError('person', personId);
  }

  /** The positions the person's name-query identities matched, once per record (the first position). */
  private async entries(em: EntityManager, userId: string, personId: string): Promise<NameQueryEntry[]> {
    const rows = await this.store.nameQueryEntries(em, userId, personId, nameQuerySources());
    return rows.map((r) => ({
      recordId: r.record_id,
      workId: r.work_id,
      source: r.source,
      query: r.query,
      name: r.name,
      position: r.position,
      authorCount: r.author_count,
      authors: r.authors ?? [],
      categories: r.categories,
      decision: r.decision,
    }));
  }

  private async evidence(em: EntityManager, userId: string, personId: string, fullName: string, entries: NameQueryEntry[]): Promise<PersonEvidence> {
    const matched = await this.store.idMatchedWorks(em, userId, personId);
    const identityWorks = new Map<string, ScholarlySource[]>();
    for (const m of matched) identityWorks.set(m.work_id, [...(identityWorks.get(m.work_id) ?? []), m.source]);
    const workIds = [...new Set([...identityWorks.keys(), ...entries.map((e) => e.workId)])];
    const records = await this.store.recordsOfWorks(em, workIds);
    return {
      fullName,
      identityWorks,
      identityNames: [...new Set(matched.map((m) => m.name))],
      records: records.map((r): EvidenceRecord => ({ recordId: r.record_id, workId: r.work_id, authors: r.authors, categories: r.categories })),
    };
  }
}

/**
 * The page's records with the categories the page files them under (WorksPage.categories), so the
 * stored record keeps them for the evidence of fields.
 */
export function withCategories(page: WorksPage): WorksPage['works'] {
  const categories = page.categories;
  if (!categories) return page.works;
  return page.works.map((w) => (categories[w.sourceId]?.length ? { ...w, categories: categories[w.sourceId] } : w));
}

function viewFromRow(row: Record<string, any>): AttributionView {
  const held = row.decision === null && row.status === 'unconfirmed';
  return {
    work: workFromRow(row, false),
    record: { source: row.source, sourceId: row.source_id, sourceUrl: row.source_url },
    query: row.query,
    nameAsWritten: row.name,
    position: row.position,
    authorCount: row.author_count,
    categories: row.categories,
    status: row.status,
    decision: row.decision,
    counted: row.counted,
    evidence: row.evidence,
    reason: held ? heldReason({ source: row.source, query: row.query, name: row.name, position: row.position, authorCount: row.author_count, categories: row.categories }) : null,
    evaluatedAt: new Date(row.evaluated_at),
    decidedAt: row.decided_at ? new Date(row.decided_at) : null,
  };
}
