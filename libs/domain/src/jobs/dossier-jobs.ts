import type { JobItemOf } from '#platform';
import { SCHOLARLY_SOURCES, type AuthorSnapshot, type ScholarlySource } from '../scholarly/index';
import type { SourceLookupRequest } from '../scholarly/index';

/**
 * Every job Dossier runs, in the domain's own terms: names, payloads and queues. The queue layer
 * (platform's JobQueue) is generic over this map; the scholarly sources' queues and jobs derive
 * from SCHOLARLY_SOURCES, so a source is listed in one place.
 *
 * Adding a job: its name in JobName, its payload in DossierJobs and its queue in JOB_QUEUE (here),
 * its retry and de-duplication policy in job-policies.ts, and its handler in the worker
 * (apps/worker/src/processors, listed in JOB_HANDLERS). Domain services enqueue it through
 * `JobQueue<DossierJobs>`; nothing else changes.
 */

/** The queues that are not a source's. Queue names are kebab-case; one queue per kind of outside work. */
export const QueueName = {
  Imports: 'imports',
  /** Pre-interview briefings: generating a version, and the tick that finds interviews coming up. */
  Briefings: 'briefings',
  /** Publication sync, per person: scheduler ticks and the parent job of each person's flow. */
  SyncPeople: 'sync-people',
} as const;

/** One queue per scholarly source, so each source's rate limit applies to its queue over every worker. */
export type SourceQueueName = `sync-${ScholarlySource}`;
/** One identity's sync at one source (a child of the person's flow), one request per activation. */
export type SyncIdentityJobName = `sync.sync-${ScholarlySource}-identity`;
/**
 * One interactive request to a source (an author search, or reading one author), asked by the API
 * and run in the source's queue so that its rate limit counts it; the answer is the job's return value.
 */
export type SourceLookupJobName = `scholarly.lookup-${ScholarlySource}`;

export type QueueName = (typeof QueueName)[keyof typeof QueueName] | SourceQueueName;

/** Each source's sync queue, identity job and interactive lookup job. */
export const SYNC_SOURCE_JOBS = Object.fromEntries(
  SCHOLARLY_SOURCES.map((source) => [source, { queue: `sync-${source}`, job: `sync.sync-${source}-identity`, lookup: `scholarly.lookup-${source}` }]),
) as { [S in ScholarlySource]: { queue: `sync-${S}`; job: `sync.sync-${S}-identity`; lookup: `scholarly.lookup-${S}` } };

/** Every queue, the sources' last. */
export const QUEUE_NAMES: readonly QueueName[] = [...Object.values(QueueName), ...SCHOLARLY_SOURCES.map((s) => SYNC_SOURCE_JOBS[s].queue)];

/** The jobs that are not one source's, named `domain.verb-noun`. */
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
} as const;

/** Job payloads hold ids only (and what a request needs); the handler loads the rest. */
export type DossierJobs = {
  [JobName.RunImport]: { importId: string };
  [JobName.GenerateBriefing]: { briefingId: string };
  [JobName.GenerateDueBriefings]: Record<string, never>;
  [JobName.SyncDuePeople]: Record<string, never>;
  [JobName.SyncScheduledPerson]: { personId: string };
  [JobName.SyncAccountPeople]: { userId: string };
  [JobName.FinishPersonSync]: { personId: string; runIds: string[] };
  [JobName.StartScheduledSyncs]: { personIds: string[] };
  /** `batchId` names the job (and so the failed batch among its parent's children); `ids` are Semantic Scholar author ids. */
  [JobName.CheckSemanticScholarAuthors]: { batchId: string; ids: string[] };
} & {
  /** `snapshot`: the author record a batch check has already read, so the sync starts at listing its works. */
  [N in SyncIdentityJobName]: { runId: string; snapshot?: AuthorSnapshot };
} & { [N in SourceLookupJobName]: SourceLookupRequest };

export type JobName = keyof DossierJobs & string;
export type JobItem = JobItemOf<DossierJobs>;
export type JobData<N extends JobName> = DossierJobs[N];

/** The queue of each job that is not one source's. A job without one is a compile error here. */
const JOB_QUEUE: Record<(typeof JobName)[keyof typeof JobName], QueueName> = {
  [JobName.RunImport]: QueueName.Imports,
  [JobName.GenerateBriefing]: QueueName.Briefings,
  [JobName.GenerateDueBriefings]: QueueName.Briefings,
  [JobName.SyncDuePeople]: QueueName.SyncPeople,
  [JobName.SyncScheduledPerson]: QueueName.SyncPeople,
  [JobName.SyncAccountPeople]: QueueName.SyncPeople,
  [JobName.FinishPersonSync]: QueueName.SyncPeople,
  [JobName.StartScheduledSyncs]: QueueName.SyncPeople,
  [JobName.CheckSemanticScholarAuthors]: SYNC_SOURCE_JOBS.semanticscholar.queue,
};

/** The queue that carries each job: a source's own jobs run in that source's queue. */
export function queueOf(name: JobName): QueueName {
  if (Object.hasOwn(JOB_QUEUE, name)) return JOB_QUEUE[name as keyof typeof JOB_QUEUE];
  const source = sourceOfJob(name);
  if (!source) throw new Error(`no queue carries the job ${name}`);
  return SYNC_SOURCE_JOBS[source].queue;
}

/** The source whose identity sync or lookup `name` is; null for any other job. */
export function sourceOfJob(name: string): ScholarlySource | null {
  return SCHOLARLY_SOURCES.find((s) => SYNC_SOURCE_JOBS[s].job === name || SYNC_SOURCE_JOBS[s].lookup === name) ?? null;
}

export function isSyncIdentityJob(item: JobItem): item is Extract<JobItem, { name: SyncIdentityJobName }> {
  return SCHOLARLY_SOURCES.some((s) => SYNC_SOURCE_JOBS[s].job === item.name);
}

export function isSourceLookupJob(item: JobItem): item is Extract<JobItem, { name: SourceLookupJobName }> {
  return SCHOLARLY_SOURCES.some((s) => SYNC_SOURCE_JOBS[s].lookup === item.name);
}
