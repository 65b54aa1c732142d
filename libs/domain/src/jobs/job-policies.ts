import type { AppConfig, JobCatalogue, JobPolicy } from '#platform';
import { DossierJobs, isCheckAuthorsJob, isSourceLookupJob, isSyncIdentityJob, JobItem, JobName, queueNames, queueOf, sourceOfJob } from './dossier-jobs';

/** Jobs removed this long after they finish, successful or not (enough to read a failure). */
const KEEP_COMPLETED = { age: 24 * 3600, count: 1000 };
const KEEP_FAILED = { age: 7 * 24 * 3600, count: 5000 };
const LOOKUP_KEEP = { age: 600, count: 1000 };
/** Attempts of one sync step (one request) that fails in a way worth retrying: 5xx, reset, timeout, malformed body. */
export const SYNC_ATTEMPTS = 6;
/** Attempts to hand one mail to the SMTP server (with the default delay, about 4 hours in all). */
export const MAIL_ATTEMPTS = 8;

/** The id of the job that runs one sync run. */
export const syncRunJobId = (runId: string): string => `sync-run-${runId}`;

/** Retry and de-duplication rules, in one place. */
export function jobOptions(item: JobItem, config: AppConfig): JobPolicy {
  if (isSyncIdentityJob(item)) {
    // The run id names the job: one job per run. A failed child does not hold its person's flow:
    // the parent still runs and records it. 429s do not count as attempts (they wait, see the processor).
    return syncRequest(syncRunJobId(item.data.runId), config);
  }
  if (isCheckAuthorsJob(item)) {
    // One request, retried like a sync step. A batch that fails for good does not hold the tick:
    // its parent still runs, and the identities it held are checked one by one.
    return syncRequest(authorBatchJobId(sourceOfJob(item.name)!, item.data.batchId), config);
  }
  if (isSourceLookupJob(item)) {
    // Someone is waiting for it: LIFO puts it ahead of the queued sync steps (BullMQ runs jobs
    // without a priority before prioritized ones, so a numeric priority would put it behind them).
    // Never retried: a failure is the answer. Kept a little while, for the API to read the result.
    return { attempts: 1, lifo: true, removeOnComplete: LOOKUP_KEEP, removeOnFail: LOOKUP_KEEP };
  }
  switch (item.name) {
    case JobName.RunImport:
      // An import is not safe to run twice concurrently; the id de-duplicates a double enqueue.
      return { jobId: `import-${item.data.importId}`, attempts: 3, backoff: { type: 'exponential', delay: 1000 }, removeOnComplete: 1000, removeOnFail: 5000 };
    case JobName.GenerateBriefing:
      // The version's id names the job; a generation reads and writes only that row, so a retry is safe.
      return { jobId: `briefing-${item.data.briefingId}`, attempts: 3, backoff: { type: 'exponential', delay: 2000, jitter: 0.5 }, removeOnComplete: KEEP_COMPLETED, removeOnFail: KEEP_FAILED };
    case JobName.GenerateDueBriefings:
      // A tick that fails is the next tick's work.
      return { attempts: 1, removeOnComplete: 100, removeOnFail: 100 };
    case JobName.SyncDuePeople:
      // A tick that fails is simply the next tick's work; no retries.
      return { attempts: 1, removeOnComplete: 100, removeOnFail: 100 };
    case JobName.SyncScheduledPerson:
    case JobName.SyncAccountPeople:
      return { attempts: 1, removeOnComplete: 100, removeOnFail: 100 };
    case JobName.FinishPersonSync:
      // One flow per set of runs: the first run id names it, so a re-sent flow is not added twice.
      return { jobId: `sync-flow-${item.data.runIds[0] ?? item.data.personId}`, attempts: 3, backoff: { type: 'exponential', delay: 1000 }, removeOnComplete: KEEP_COMPLETED, removeOnFail: KEEP_FAILED };
    case JobName.StartScheduledSyncs:
      // Like the tick that adds it: a failure is the next tick's work.
      return { attempts: 1, removeOnComplete: 100, removeOnFail: 100 };
    case JobName.PublishEvent:
      // The event's id names the job: an event is fanned out once. Reading endpoints and writing rows only.
      return { jobId: `event-${item.data.id}`, attempts: 3, backoff: { type: 'exponential', delay: 1000 }, removeOnComplete: KEEP_COMPLETED, removeOnFail: KEEP_FAILED };
    case JobName.DeliverWebhook:
      // One job per delivery; its attempts are the delivery's (the log shows each one's outcome).
      return { jobId: `webhook-delivery-${item.data.deliveryId}`, attempts: config.webhooks.attempts, backoff: { type: 'exponential', delay: config.webhooks.backoffMs }, removeOnComplete: KEEP_COMPLETED, removeOnFail: KEEP_FAILED };
    case JobName.SendDueDigests:
      // A tick that fails is the next tick's work: the days it claimed and did not hand over are given back or taken back.
      return { attempts: 1, removeOnComplete: 100, removeOnFail: 100 };
    case JobName.SendMail:
      // The log row names the job: one send per row. Retried while the server refuses for now (4xx)
      // or cannot be reached, doubling from MAIL_RETRY_DELAY_MS; a sent job goes soon (its data holds
      // the sealed mail), a failed one stays a week for the admin's queue dashboard.
      return { jobId: `mail-${item.data.mailId}`, attempts: MAIL_ATTEMPTS, backoff: { type: 'exponential', delay: config.mail.retryDelayMs, jitter: 0.2 }, removeOnComplete: { age: 3600, count: 1000 }, removeOnFail: KEEP_FAILED };
    case JobName.SendDueBriefingMails:
      // A tick that fails is the next tick's work.
    case JobName.AnnounceDue:
      // A tick that fails is the next tick's work (what it had announced is recorded, so nothing twice).
      return { attempts: 1, removeOnComplete: 100, removeOnFail: 100 };
  }
}

/** One request to a source, a child of a flow: retried at the sync's pace, and never holding its parent when it fails for good. */
function syncRequest(jobId: string, config: AppConfig): JobPolicy {
  return {
    jobId,
    attempts: SYNC_ATTEMPTS,
    backoff: { type: 'exponential', delay: config.sync.backoffMs, jitter: 0.5 },
    ignoreDependencyOnFailure: true,
    removeOnComplete: KEEP_COMPLETED,
    removeOnFail: KEEP_FAILED,
  };
}

/**
 * What QueueModule.forRoot registers: every queue, which one carries each job, and each job's policy.
 * The queues are read when the apps are built, so a source registered before then has its own.
 */
export const DOSSIER_JOBS: JobCatalogue<DossierJobs> = {
  get queues() {
    return queueNames();
  },
  queueOf,
  policy: jobOptions,
};

/** The id of a source's author batch check: the source and the batch (the tick's flow reads both back from a failed child's key). */
export function authorBatchJobId(source: string, batchId: string): string {
  return `${source}-authors-${batchId}`;
}

/** The source and the job id of an author batch check, from a job's id or key; null for any other. */
export function parseAuthorBatchJobId(key: string): { source: string; jobId: string } | null {
  const match = /(([a-z][a-z0-9]*)-authors-[0-9a-f-]{36})$/.exec(key);
  return match ? { source: match[2], jobId: match[1] } : null;
}
