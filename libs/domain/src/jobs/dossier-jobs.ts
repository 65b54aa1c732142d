import type { JobItemOf } from '#platform';
import { isScholarlySource, SCHOLARLY_SOURCES, scholarlySourceNames, type AuthorSnapshot, type BuiltInSource, type ScholarlySource } from '../scholarly/index';
import type { SourceLookupRequest } from '../scholarly/index';
import type { DomainEvent } from './domain-event';

/**
 * Every job Dossier runs, in the domain's own terms: names, payloads and queues. The queue layer
 * (platform's JobQueue) is generic over this map; the scholarly sources' queues and jobs derive
 * from the source registry (scholarly/source-registry.ts), so a source is listed in one place.
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
  /** Webhooks: an event's fan-out to the endpoints that chose it, and each delivery (one at a time, so an endpoint receives events in order). */
  Webhooks: 'webhooks',
  /** The daily digest's tick. */
  Digests: 'digests',
  /** Outgoing mail: each send, and the tick that mails briefings before interviews. */
  Mail: 'mail',
} as const;

/** One queue per scholarly source, so each source's rate limit applies to its queue over every worker. */
export type SourceQueueName<S extends string = ScholarlySource> = `sync-${S}`;
/** One identity's sync at one source (a child of the person's flow), one request per activation. */
export type SyncIdentityJobName<S extends string = ScholarlySource> = `sync.sync-${S}-identity`;
/**
 * One interactive request to a source (an author search, or reading one author), asked by the API
 * and run in the source's queue so that its rate limit counts it; the answer is the job's return value.
 */
export type SourceLookupJobName<S extends string = ScholarlySource> = `scholarly.lookup-${S}`;
/**
 * A scheduled tick's read of many of a source's authors in one request (a child of
 * StartScheduledSyncs, in the source's queue), for sources whose descriptor has `authorBatch`.
 */
export type CheckAuthorsJobName<S extends string = ScholarlySource> = `sync.check-${S}-authors`;

export type QueueName = (typeof QueueName)[keyof typeof QueueName] | SourceQueueName;

export interface SourceJobs<S extends string = ScholarlySource> {
  queue: SourceQueueName<S>;
  job: SyncIdentityJobName<S>;
  lookup: SourceLookupJobName<S>;
  checkAuthors: CheckAuthorsJobName<S>;
}

/** A source's sync queue, identity job, interactive lookup job and author batch check, named after it. */
export function sourceJobs<S extends string>(source: S): SourceJobs<S> {
  return { queue: `sync-${source}`, job: `sync.sync-${source}-identity`, lookup: `scholarly.lookup-${source}`, checkAuthors: `sync.check-${source}-authors` };
}

/** The built-in sources' queues and jobs, by source. */
export const SYNC_SOURCE_JOBS = Object.fromEntries(SCHOLARLY_SOURCES.map((source) => [source, sourceJobs(source)])) as { [S in BuiltInSource]: SourceJobs<S> };

/** Every queue of the built-in sources, theirs last. */
export const QUEUE_NAMES: readonly QueueName[] = [...Object.values(QueueName), ...SCHOLARLY_SOURCES.map((s) => SYNC_SOURCE_JOBS[s].queue)];

/** Every queue of the sources registered now (a plug-in's too): what the apps register. */
export function queueNames(): QueueName[] {
  return [...Object.values(QueueName), ...scholarlySourceNames().map((s) => sourceJobs(s).queue)];
}

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
  /** The parent of a scheduled tick's flow: starts each person's scheduled sync once the batch checks of their authors (sources with `authorBatch`) have run. */
  StartScheduledSyncs: 'sync.start-scheduled-syncs',
  /** Something happened in an account (domain-events.ts): one delivery per endpoint of its owner that chose that event. */
  PublishEvent: 'webhooks.publish-event',
  /** Sends one webhook delivery, signed; retried with backoff. */
  DeliverWebhook: 'webhooks.deliver-webhook',
  /** The scheduler's tick: `task.due` and `follow-up.due` for what fell due, once per item and date, to accounts whose endpoints chose them. */
  AnnounceDue: 'webhooks.announce-due',
  /** The digest scheduler's tick: composes and hands to the mail every daily digest whose hour has come. */
  SendDueDigests: 'digests.send-due-digests',
  /** Hands one mail (its log row) to the SMTP server. */
  SendMail: 'mail.send-mail',
  /** The scheduler's tick: mails each briefing due before an interview (the account's lead time). */
  SendDueBriefingMails: 'mail.send-due-briefing-mails',
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
  [JobName.PublishEvent]: DomainEvent;
  [JobName.DeliverWebhook]: { deliveryId: string };
  [JobName.AnnounceDue]: Record<string, never>;
  [JobName.SendDueDigests]: Record<string, never>;
  /** `sealed`: the mail itself, sealed with the server key for this log row (the admin's queue dashboard shows no body). */
  [JobName.SendMail]: { mailId: string; sealed: string };
  [JobName.SendDueBriefingMails]: Record<string, never>;
} & {
  /** `snapshot`: the author record a batch check has already read, so the sync starts at listing its works. */
  [N in SyncIdentityJobName]: { runId: string; snapshot?: AuthorSnapshot };
} & { [N in SourceLookupJobName]: SourceLookupRequest } & {
  /** `batchId` names the job (and so the failed batch among its parent's children); `ids` are the source's author ids. */
  [N in CheckAuthorsJobName]: { batchId: string; ids: string[] };
};

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
  [JobName.PublishEvent]: QueueName.Webhooks,
  [JobName.DeliverWebhook]: QueueName.Webhooks,
  [JobName.AnnounceDue]: QueueName.Webhooks,
  [JobName.SendDueDigests]: QueueName.Digests,
  [JobName.SendMail]: QueueName.Mail,
  [JobName.SendDueBriefingMails]: QueueName.Mail,
};

/** The queue that carries each job: a source's own jobs run in that source's queue. */
export function queueOf(name: JobName): QueueName {
  if (Object.hasOwn(JOB_QUEUE, name)) return JOB_QUEUE[name as keyof typeof JOB_QUEUE];
  const source = sourceOfJob(name);
  if (!source) throw new Error(`no queue carries the job ${name}`);
  return sourceJobs(source).queue;
}

const SOURCE_JOB = /^(?:sync\.sync-([a-z][a-z0-9]*)-identity|scholarly\.lookup-([a-z][a-z0-9]*)|sync\.check-([a-z][a-z0-9]*)-authors)$/;

/** The registered source whose identity sync, lookup or author batch check `name` is; null for any other job. */
export function sourceOfJob(name: string): ScholarlySource | null {
  const match = SOURCE_JOB.exec(name);
  const source = match?.[1] ?? match?.[2] ?? match?.[3];
  return source && isScholarlySource(source) ? source : null;
}

export function isSyncIdentityJob(item: JobItem): item is Extract<JobItem, { name: SyncIdentityJobName }> {
  const source = sourceOfJob(item.name);
  return source !== null && sourceJobs(source).job === item.name;
}

export function isSourceLookupJob(item: JobItem): item is Extract<JobItem, { name: SourceLookupJobName }> {
  const source = sourceOfJob(item.name);
  return source !== null && sourceJobs(source).lookup === item.name;
}

export function isCheckAuthorsJob(item: JobItem): item is Extract<JobItem, { name: CheckAuthorsJobName }> {
  const source = sourceOfJob(item.name);
  return source !== null && sourceJobs(source).checkAuthors === item.name;
}
