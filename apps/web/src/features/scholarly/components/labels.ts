import type { Candidate, Identity, ScholarlySource, SyncRun } from '../api/scholarly';

export const SOURCE_NAMES: Record<ScholarlySource, string> = {
  openalex: 'OpenAlex',
  semanticscholar: 'Semantic Scholar',
  arxiv: 'arXiv',
  dblp: 'DBLP',
  crossref: 'Crossref',
  orcid: 'ORCID',
};

export const sourceName = (source: string): string => SOURCE_NAMES[source as ScholarlySource] ?? source;

/** What each kind of evidence is, in a researcher's words. */
export const REASON_KINDS: Record<Candidate['reasons'][number]['kind'], string> = {
  name: 'Name',
  affiliation: 'Affiliation',
  orcid: 'ORCID iD',
  'profile-link': 'Profile link',
  coauthors: 'Co-authors',
  topics: 'Topics',
  'split-profile': 'Split profile',
};

export const NAME_MATCH: Record<Candidate['nameMatch'], string> = {
  exact: 'same name',
  variant: 'name with initials',
  similar: 'similar name',
  surname: 'same surname only',
  none: 'different name',
};

export const SYNC_STATE: Record<Identity['syncState'], string> = {
  never: 'not synced yet',
  queued: 'waiting to sync',
  running: 'syncing',
  ok: 'synced',
  broken: 'broken',
};

export const RUN_STATUS: Record<SyncRun['status'], string> = {
  running: 'Running',
  succeeded: 'Done',
  skipped: 'Nothing new',
  failed: 'Failed',
  broken: 'Identity refused by the source',
};

/** A score of 0..1 as the percent a person reads. */
export const percent = (score: number): string => `${Math.round(score * 100)}%`;

export const signed = (points: number): string => `${points >= 0 ? '+' : '−'}${Math.round(Math.abs(points) * 100)}`;
