import type { Type } from '@nestjs/common';
import { JobName } from '#platform';
import { BriefingsProcessor } from './briefings.processor';
import { ImportsProcessor } from './imports.processor';
import { SyncPeopleProcessor } from './sync-people.processor';
import { SyncArxivProcessor, SyncCrossrefProcessor, SyncDblpProcessor, SyncOpenAlexProcessor, SyncOrcidProcessor, SyncSemanticScholarProcessor } from './sync-sources.processor';

/** Which processor handles each job. A job without a handler is a compile error here. */
export const JOB_HANDLERS: Record<JobName, Type> = {
  [JobName.RunImport]: ImportsProcessor,
  [JobName.GenerateBriefing]: BriefingsProcessor,
  [JobName.GenerateDueBriefings]: BriefingsProcessor,
  [JobName.SyncDuePeople]: SyncPeopleProcessor,
  [JobName.SyncScheduledPerson]: SyncPeopleProcessor,
  [JobName.SyncAccountPeople]: SyncPeopleProcessor,
  [JobName.FinishPersonSync]: SyncPeopleProcessor,
  [JobName.StartScheduledSyncs]: SyncPeopleProcessor,
  [JobName.CheckSemanticScholarAuthors]: SyncSemanticScholarProcessor,
  [JobName.SyncOpenAlexIdentity]: SyncOpenAlexProcessor,
  [JobName.SyncSemanticScholarIdentity]: SyncSemanticScholarProcessor,
  [JobName.SyncArxivIdentity]: SyncArxivProcessor,
  [JobName.SyncDblpIdentity]: SyncDblpProcessor,
  [JobName.SyncCrossrefIdentity]: SyncCrossrefProcessor,
  [JobName.SyncOrcidIdentity]: SyncOrcidProcessor,
  [JobName.LookupOpenAlex]: SyncOpenAlexProcessor,
  [JobName.LookupSemanticScholar]: SyncSemanticScholarProcessor,
  [JobName.LookupArxiv]: SyncArxivProcessor,
  [JobName.LookupDblp]: SyncDblpProcessor,
  [JobName.LookupCrossref]: SyncCrossrefProcessor,
  [JobName.LookupOrcid]: SyncOrcidProcessor,
};

export const PROCESSORS = [...new Set(Object.values(JOB_HANDLERS))];
