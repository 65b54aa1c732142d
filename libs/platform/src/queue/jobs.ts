import type { SyncSource } from '../config/app-config';

/** Every queue Dossier runs. Queue names are kebab-case; one queue per kind of outside work. */
export const QueueName = {
  Imports: 'imports',
  /** Pre-interview briefings: generating a version, and the tick that finds interviews coming up. */
  Briefings: 'briefings',
  /** Publication sync, per person: scheduler ticks and the parent job of each person's flow. */
  SyncPeople: 'sync-people',
  /** One queue per scholarly source, so each source's rate limit applies to its queue over every worker. */
  SyncOpenAlex: 'sync-openalex',
  SyncSemanticScholar: 'sync-semanticscholar',
  SyncArxiv: 'sync-arxiv',
  SyncDblp: 'sync-dblp',
  SyncCrossref: 'sync-crossref',
  SyncOrcid: 'sync-orcid',
} as const;
export type QueueName = (typeof QueueName)[keyof typeof QueueName];

/** Every job, named `domain.verb-noun`. */
export const JobName = {
  RunImport: 'imports.run-import',
  /** Assembles and renders one version of an interview's briefing. */
  GenerateBriefing: 'briefings.generate-briefing',
  /** The scheduler's tick: a briefing for every interview coming up without one. */
  GenerateDueBriefings: 'briefings.generate-due-briefings',
  /** The default-cadence scheduler's tick: starts a scheduled sync of every person without an own schedule whose account has none either. */
  SyncDuePeople: 'sync.sync-due-people',
  /** A person's own scheduler's tick: starts a scheduled sync of that person. */
  SyncScheduledPerson: 'sync.sync-scheduled-person',
  /** An account's own scheduler's tick: starts a scheduled sync of its people without an own schedule. */
  SyncAccountPeople: 'sync.sync-account-people',
  /** The parent of a person's sync flow: runs once every identity child has finished. */
  FinishPersonSync: 'sync.finish-person-sync',
  /** The parent of a scheduled tick's flow: starts each person's scheduled sync once their Semantic Scholar authors are checked. */
  StartScheduledSyncs: 'sync.start-scheduled-syncs',
  /** Reads up to 1,000 Semantic Scholar author records in one request (a child of StartScheduledSyncs, in that source's queue). */
  CheckSemanticScholarAuthors: 'sync.check-semanticscholar-authors',
  /** One identity's sync at one source (a child of the person's flow), one request per activation. */
  SyncOpenAlexIdentity: 'sync.sync-openalex-identity',
  SyncSemanticScholarIdentity: 'sync.sync-semanticscholar-identity',
  SyncArxivIdentity: 'sync.sync-arxiv-identity',
  SyncDblpIdentity: 'sync.sync-dblp-identity',
  SyncCrossrefIdentity: 'sync.sync-crossref-identity',
  SyncOrcidIdentity: 'sync.sync-orcid-identity',
  /**
   * One interactive request to a source (an author search, or reading one author), asked by the API
   * and run in the source's queue so that its rate limit counts it; the answer is the job's return value.
   */
  LookupOpenAlex: 'scholarly.lookup-openalex',
  LookupSemanticScholar: 'scholarly.lookup-semanticscholar',
  LookupArxiv: 'scholarly.lookup-arxiv',
  LookupDblp: 'scholarly.lookup-dblp',
  LookupCrossref: 'scholarly.lookup-crossref',
  LookupOrcid: 'scholarly.lookup-orcid',
} as const;
export type JobName = (typeof JobName)[keyof typeof JobName];

/** Which queue carries each job. */
export const JOB_QUEUE: Record<JobName, QueueName> = {
  [JobName.RunImport]: QueueName.Imports,
  [JobName.GenerateBriefing]: QueueName.Briefings,
  [JobName.GenerateDueBriefings]: QueueName.Briefings,
  [JobName.SyncDuePeople]: QueueName.SyncPeople,
  [JobName.SyncScheduledPerson]: QueueName.SyncPeople,
  [JobName.SyncAccountPeople]: QueueName.SyncPeople,
  [JobName.FinishPersonSync]: QueueName.SyncPeople,
  [JobName.StartScheduledSyncs]: QueueName.SyncPeople,
  [JobName.CheckSemanticScholarAuthors]: QueueName.SyncSemanticScholar,
  [JobName.SyncOpenAlexIdentity]: QueueName.SyncOpenAlex,
  [JobName.SyncSemanticScholarIdentity]: QueueName.SyncSemanticScholar,
  [JobName.SyncArxivIdentity]: QueueName.SyncArxiv,
  [JobName.SyncDblpIdentity]: QueueName.SyncDblp,
  [JobName.SyncCrossrefIdentity]: QueueName.SyncCrossref,
  [JobName.SyncOrcidIdentity]: QueueName.SyncOrcid,
  [JobName.LookupOpenAlex]: QueueName.SyncOpenAlex,
  [JobName.LookupSemanticScholar]: QueueName.SyncSemanticScholar,
  [JobName.LookupArxiv]: QueueName.SyncArxiv,
  [JobName.LookupDblp]: QueueName.SyncDblp,
  [JobName.LookupCrossref]: QueueName.SyncCrossref,
  [JobName.LookupOrcid]: QueueName.SyncOrcid,
};

/** Each source's sync queue, identity job and interactive lookup job. */
export const SYNC_SOURCE_JOBS: Record<SyncSource, { queue: QueueName; job: SyncIdentityJobName; lookup: SourceLookupJobName }> = {
  openalex: { queue: QueueName.SyncOpenAlex, job: JobName.SyncOpenAlexIdentity, lookup: JobName.LookupOpenAlex },
  semanticscholar: { queue: QueueName.SyncSemanticScholar, job: JobName.SyncSemanticScholarIdentity, lookup: JobName.LookupSemanticScholar },
  arxiv: { queue: QueueName.SyncArxiv, job: JobName.SyncArxivIdentity, lookup: JobName.LookupArxiv },
  dblp: { queue: QueueName.SyncDblp, job: JobName.SyncDblpIdentity, lookup: JobName.LookupDblp },
  crossref: { queue: QueueName.SyncCrossref, job: JobName.SyncCrossrefIdentity, lookup: JobName.LookupCrossref },
  orcid: { queue: QueueName.SyncOrcid, job: JobName.SyncOrcidIdentity, lookup: JobName.LookupOrcid },
};

export type SourceLookupJobName =
  | typeof JobName.LookupOpenAlex
  | typeof JobName.LookupSemanticScholar
  | typeof JobName.LookupArxiv
  | typeof JobName.LookupDblp
  | typeof JobName.LookupCrossref
  | typeof JobName.LookupOrcid;

/** What an interactive lookup asks its source: an author search by name, or one author by id. */
export type SourceLookupRequest =
  | { kind: 'search'; name: string; affiliation: string | null; limit: number }
  | { kind: 'author'; sourceAuthorId: string };

export type SyncIdentityJobName =
  | typeof JobName.SyncOpenAlexIdentity
  | typeof JobName.SyncSemanticScholarIdentity
  | typeof JobName.SyncArxivIdentity
  | typeof JobName.SyncDblpIdentity
  | typeof JobName.SyncCrossrefIdentity
  | typeof JobName.SyncOrcidIdentity;

/** Job payloads hold ids only; the handler loads the rest. */
export type JobItem =
  | { name: typeof JobName.RunImport; data: { importId: string } }
  | { name: typeof JobName.GenerateBriefing; data: { briefingId: string } }
  | { name: typeof JobName.GenerateDueBriefings; data: Record<string, never> }
  | { name: typeof JobName.SyncDuePeople; data: Record<string, never> }
  | { name: typeof JobName.SyncScheduledPerson; data: { personId: string } }
  | { name: typeof JobName.SyncAccountPeople; data: { userId: string } }
  | { name: typeof JobName.FinishPersonSync; data: { personId: string; runIds: string[] } }
  | { name: typeof JobName.StartScheduledSyncs; data: { personIds: string[] } }
  /** `batchId` names the job (and so the failed batch among its parent's children); `ids` are Semantic Scholar author ids. */
  | { name: typeof JobName.CheckSemanticScholarAuthors; data: { batchId: string; ids: string[] } }
  | SyncIdentityJobItem
  | SourceLookupJobItem;

/** The author record a batch check has already read, so an identity's sync starts at listing its works. */
export interface CheckedAuthorData {
  source: string;
  sourceAuthorId: string;
  name: string;
  worksCount: number | null;
  citationCount: number | null;
  updatedAt: string | null;
}

/** One item per source's identity job, so that JobData<N> resolves for each name. */
type SyncIdentityJobItem = { [N in SyncIdentityJobName]: { name: N; data: { runId: string; snapshot?: CheckedAuthorData } } }[SyncIdentityJobName];

type SourceLookupJobItem = { [N in SourceLookupJobName]: { name: N; data: SourceLookupRequest } }[SourceLookupJobName];

export type JobData<N extends JobName> = Extract<JobItem, { name: N }>['data'];
