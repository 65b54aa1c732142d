import type { AuthorCandidate, ScholarlySource } from '../scholarly/index';

/** How long a source's answer to a candidate search is reused by the auto-link that follows it. */
export const CANDIDATE_SEARCH_TTL_MS = 60_000;
const MAX_ENTRIES = 2_000;

export interface CandidateSearchKey {
  userId: string;
  personId: string;
  source: ScholarlySource;
  name: string;
  affiliation: string | null;
  limit: number;
}

/**
 * The sources' answers to the candidate searches made moments ago, per account, person and source
 * (and the query itself, so a renamed person is searched afresh). The dashboard lists a person's
 * candidates and then asks to auto-link them: the auto-link takes the answers from here instead of
 * asking every source a second time. Only answers are kept, never failures; in this process only
 * (a miss costs one search, as before).
 */
export class CandidateSearchCache {
  private readonly entries = new Map<string, { until: number; found: AuthorCandidate[] }>();

  constructor(private readonly now: () => number = Date.now) {}

  get(key: CandidateSearchKey): AuthorCandidate[] | null {
    const id = keyOf(key);
    const entry = this.entries.get(id);
    if (!entry) return null;
    if (entry.until <= this.now()) {
      this.entries.delete(id);
      return null;
    }
    return entry.found;
  }

  set(key: CandidateSearchKey, found: AuthorCandidate[]): void {
    if (this.entries.size >= MAX_ENTRIES) {
      const now = this.now();
      for (const [id, entry] of this.entries) if (entry.until <= now) this.entries.delete(id);
      // Still full: the oldest go first (a Map keeps insertion order).
      for (const id of this.entries.keys()) {
        if (this.entries.size < MAX_ENTRIES) break;
        this.entries.delete(id);
      }
    }
    this.entries.set(keyOf(key), { until: this.now() + CANDIDATE_SEARCH_TTL_MS, found });
  }
}

function keyOf(k: CandidateSearchKey): string {
  return [k.userId, k.personId, k.source, k.name, k.affiliation ?? '', String(k.limit)].join('\u0000');
}
