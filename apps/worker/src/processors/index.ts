import type { Type } from '@nestjs/common';
import { JobName, SYNC_SOURCE_JOBS } from '#domain/jobs/index';
import { SCHOLARLY_SOURCES, type ScholarlySource } from '#domain/scholarly/index';
import { BriefingsProcessor } from './briefings.processor';
import { ImportsProcessor } from './imports.processor';
import { SyncPeopleProcessor } from './sync-people.processor';
import { SyncArxivProcessor, SyncCrossrefProcessor, SyncDblpProcessor, SyncOpenAlexProcessor, SyncOrcidProcessor, SyncSemanticScholarProcessor } from './sync-sources.processor';

/** Which processor runs each source's queue: its identity syncs and its lookups. A source without one is a compile error here. */
const SOURCE_PROCESSORS: Record<ScholarlySource, Type> = {
  openalex: SyncOpenAlexProcessor,
  semanticscholar: SyncSemanticScholarProcessor,
  arxiv: SyncArxivProcessor,
  dblp: SyncDblpProcessor,
  crossref: SyncCrossrefProcessor,
  orcid: SyncOrcidProcessor,
};

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
  ...(Object.fromEntries(
    SCHOLARLY_SOURCES.flatMap((source) => [
      [SYNC_SOURCE_JOBS[source].job, SOURCE_PROCESSORS[source]],
      [SYNC_SOURCE_JOBS[source].lookup, SOURCE_PROCESSORS[source]],
    ]),
  ) as Record<(typeof SYNC_SOURCE_JOBS)[ScholarlySource]['job' | 'lookup'], Type>),
};

export const PROCESSORS = [...new Set(Object.values(JOB_HANDLERS))];
