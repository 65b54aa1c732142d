import type { Type } from '@nestjs/common';
import { JobName, sourceJobs } from '#domain/jobs/index';
import { scholarlySources } from '#domain/scholarly/index';
import { BriefingsProcessor } from './briefings.processor';
import { DigestsProcessor } from './digests.processor';
import { ImportsProcessor } from './imports.processor';
import { MailProcessor } from './mail.processor';
import { SyncPeopleProcessor } from './sync-people.processor';
import { sourceProcessor } from './sync-sources.processor';
import { WebhooksProcessor } from './webhooks.processor';

/** The jobs that are not one source's, and their processor. A job without a handler is a compile error here. */
const HANDLERS: Record<(typeof JobName)[keyof typeof JobName], Type> = {
  [JobName.RunImport]: ImportsProcessor,
  [JobName.GenerateBriefing]: BriefingsProcessor,
  [JobName.GenerateDueBriefings]: BriefingsProcessor,
  [JobName.SyncDuePeople]: SyncPeopleProcessor,
  [JobName.SyncScheduledPerson]: SyncPeopleProcessor,
  [JobName.SyncAccountPeople]: SyncPeopleProcessor,
  [JobName.FinishPersonSync]: SyncPeopleProcessor,
  [JobName.StartScheduledSyncs]: SyncPeopleProcessor,
  [JobName.PublishEvent]: WebhooksProcessor,
  [JobName.DeliverWebhook]: WebhooksProcessor,
  [JobName.AnnounceDue]: WebhooksProcessor,
  [JobName.SendDueDigests]: DigestsProcessor,
  [JobName.SendMail]: MailProcessor,
  [JobName.SendDueBriefingMails]: MailProcessor,
};

/** One processor class per source, made once per process (a class per queue, as @Processor binds one). */
const SOURCE_PROCESSORS = new Map<string, Type>();

/**
 * Which processor handles each job: the fixed ones above, and for every source registered now its
 * identity syncs and lookups, and the author batch checks of those with `authorBatch`.
 */
export function jobHandlers(): Map<string, Type> {
  const handlers = new Map<string, Type>(Object.entries(HANDLERS));
  for (const source of scholarlySources()) {
    let processor = SOURCE_PROCESSORS.get(source.name);
    if (!processor) SOURCE_PROCESSORS.set(source.name, (processor = sourceProcessor(source)));
    const { job, lookup, checkAuthors } = sourceJobs(source.name);
    handlers.set(job, processor).set(lookup, processor);
    if (source.authorBatch) handlers.set(checkAuthors, processor);
  }
  return handlers;
}

/** Every processor of this process, each once. */
export function processors(): Type[] {
  return [...new Set(jobHandlers().values())];
}
