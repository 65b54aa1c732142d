import type { ScholarlyConfig, SourceLimit, SyncConfig } from '#platform';
import type { ScholarlyHttp } from './scholarly-http';
import type { AuthorSnapshot, ScholarlyClient } from './scholarly.types';

/**
 * Everything Dossier knows about one scholarly source, declared once in the source's own folder
 * (sources/<name>/<name>.source.ts). The registry (source-registry.ts) lists them; the queues and
 * job names, the worker's processors, the clients, ingest priorities, identity scoring and the
 * labels of briefings all derive from it. Nothing outside the folder names the source.
 */
/** What a source says of an author being linked (see identity.checkLinked). */
export interface LinkCheck {
  problem?: string;
  sourceAuthorId?: string;
  warning?: string;
}

/** A typed or pasted identity, read: the id as stored, or the problem. */
export type IdentityInput = { ok: true; sourceAuthorId: string } | { ok: false; problem: string };

export interface ScholarlySourceDescriptor<N extends string = string> {
  /** Lowercase letters and digits: the stored `source` value, and the queue `sync-<name>`. */
  readonly name: N;
  /** How people see it written: "Semantic Scholar", "arXiv". */
  readonly displayName: string;
  /** The source's client, built once per process (one HTTP stack, shared by every job). */
  createClient(http: ScholarlyHttp, config: ScholarlyConfig): ScholarlyClient;
  /** Its published rate limit and concurrency, from configuration. */
  limit(config: SyncConfig, scholarly: ScholarlyConfig): SourceLimit;
  readonly identity: {
    /** Whether ids are compared case aside (OpenAlex A…/a…, an ORCID iD's X/x). */
    caseInsensitiveIds: boolean;
    /** Whether a name search here is worth running when looking for a person's candidates. */
    candidateSearch: boolean;
    /** Where a person opens the author at the source. */
    authorUrl(sourceAuthorId: string): string;
    /** The id a user typed or pasted (an id, or a profile URL) as stored, or what is wrong with it (read after the field's name). */
    parseInput(text: string): IdentityInput;
    /** Whether a pasted profile URL on `host` (lowercase, without www.) is this source's. */
    ownsHost?(host: string): boolean;
    /**
     * What linking makes of the author the source answered for `sourceAuthorId`: a refusal
     * (`problem`, a 422 naming the field: arXiv, a query no preprint matches), another id to link
     * instead (OpenAlex, a merged author's survivor), a warning to show (Crossref, no works yet).
     */
    checkLinked?(snapshot: AuthorSnapshot, sourceAuthorId: string): LinkCheck;
    /** Said after "cannot search authors" when a candidate search names this source (Crossref: what to do instead). */
    noSearchHint?: string;
  };
  /**
   * Rank when several sources describe one work: lower wins. `metadata` for title, date, venue
   * and links (also the order records are listed in), `abstract` for the abstract.
   */
  readonly priority: { metadata: number; abstract: number };
  /**
   * Sources whose works name their authors only by name (arXiv): the identity is a query, and
   * these are the author positions on a work that the query `sourceAuthorId` names.
   */
  readonly attributedByName?: { queriedPositions(authors: { position: number; name: string }[], sourceAuthorId: string): number[] };
  /** The id to list works under once the author was read (a merged OpenAlex author answers under the survivor's id). */
  listId?(sourceAuthorId: string, snapshot: AuthorSnapshot | null): string;
  /**
   * When a sync reads the author and the first page of works at once (the client's
   * getAuthorWithWorks): `always` where they are one document (DBLP's person page, ORCID's record);
   * `unscheduled` where the listing only stands in for the author read (arXiv, Crossref), so a
   * scheduled sync keeps its cheap author read, which spares the whole listing when nothing changed.
   */
  readonly authorWithWorks?: 'always' | 'unscheduled';
  /**
   * Whether a scheduled tick reads many authors in one request first (Semantic Scholar's batch):
   * how many at most, and the read (one snapshot or null per id, in the order asked).
   */
  readonly authorBatch?: { size: number; read(client: ScholarlyClient, ids: string[]): Promise<(AuthorSnapshot | null)[]> };
}
