import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min, ValidateIf } from 'class-validator';
import { SCHOLARLY_SOURCES } from '#domain/scholarly/index';
import { SYNC_RUN_STATUSES, SyncRun } from '#domain/sync/index';
import { SYNC_PROBLEM_KINDS, type SyncProblem, type SyncSchedule } from '#domain/sync/index';

export class SyncStartedResponse {
  @ApiProperty({
    type: [String],
    example: ['7f1c8a5e-3b0e-4d7a-9a51-0c2f4b6d8e10'],
    description: 'One run per linked identity, followed with GET /sync-runs/:id. An identity whose sync was already queued or running gives its open run; none are started for a person without linked identities',
  })
  runIds: string[];
}

export class SyncRunResponse {
  @ApiProperty() id: string;
  @ApiProperty() personId: string;
  @ApiProperty() identityId: string;
  @ApiProperty({ enum: SCHOLARLY_SOURCES, enumName: 'ScholarlySource' }) source: string;
  @ApiProperty({ enum: ['manual', 'schedule'] }) trigger: string;
  @ApiProperty({ enum: SYNC_RUN_STATUSES, enumName: 'SyncRunStatus', description: 'running (queued or in progress), succeeded, skipped (scheduled, and the author had not changed), failed (retries used up), broken (the source refused the identity)' })
  status: string;
  @ApiProperty({ description: 'Requests made to the source' }) requests: number;
  @ApiProperty({ description: 'Records of works new to the cache' }) worksNew: number;
  @ApiProperty({ description: 'Records that changed at the source' }) worksUpdated: number;
  @ApiProperty() worksUnchanged: number;
  @ApiProperty({ type: [String], description: 'What went wrong along the way, retried or not; each names the source and the request' }) errors: string[];
  @ApiProperty({ format: 'date-time' }) startedAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) finishedAt: string | null;

  static from(run: SyncRun): SyncRunResponse {
    return {
      id: run.id,
      personId: run.personId,
      identityId: run.identityId,
      source: run.source,
      trigger: run.trigger,
      status: run.status,
      requests: run.requests,
      worksNew: run.worksNew,
      worksUpdated: run.worksUpdated,
      worksUnchanged: run.worksUnchanged,
      errors: run.errors,
      startedAt: run.startedAt.toISOString(),
      finishedAt: run.finishedAt?.toISOString() ?? null,
    };
  }
}

export class SyncRunsPage {
  @ApiProperty({ type: [SyncRunResponse], description: 'Newest first' }) items: SyncRunResponse[];
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}

export class SetSyncScheduleDto {
  @ApiProperty({ type: Number, nullable: true, minimum: 1, maximum: 8760, example: 12, description: 'Hours between scheduled syncs of this person; null: the default cadence' })
  @ValidateIf((_, v) => v !== null)
  @IsInt()
  @Min(1)
  @Max(24 * 365)
  everyHours: number | null;
}

export class SyncScheduleResponse {
  @ApiProperty({ type: Number, nullable: true, description: "The person's own cadence in hours; null: the default" }) everyHours: number | null;
  @ApiProperty({ description: 'SYNC_DEFAULT_EVERY_HOURS' }) defaultEveryHours: number;
  @ApiProperty({ description: 'The cadence the person is synced at' }) effectiveEveryHours: number;

  static from(schedule: SyncSchedule): SyncScheduleResponse {
    return { ...schedule };
  }
}

export class SyncProblemPersonDto {
  @ApiProperty() id: string;
  @ApiProperty() fullName: string;
}

export class SyncProblemDto {
  @ApiProperty({ enum: SYNC_PROBLEM_KINDS, enumName: 'SyncProblemKind', description: 'broken: the source refused the identity (fix or unlink it); busy: its sync is running but the source answers with errors (rate-limited or unavailable; it waits and retries); failed: its last sync ran out of retries' })
  kind: string;
  @ApiProperty() identityId: string;
  @ApiProperty({ type: SyncProblemPersonDto }) person: SyncProblemPersonDto;
  @ApiProperty({ enum: SCHOLARLY_SOURCES, enumName: 'ScholarlySource' }) source: string;
  @ApiProperty() sourceAuthorId: string;
  @ApiProperty({ type: String, nullable: true, description: "The source's refusal, or the run's last error" }) message: string | null;
  @ApiProperty({ format: 'date-time', description: 'When it went wrong (a busy run: when it started)' }) at: string;
  @ApiProperty({ type: String, nullable: true, description: "The identity's latest run, for GET /sync-runs/{id}" }) runId: string | null;

  static from(p: SyncProblem): SyncProblemDto {
    return { ...p, person: { ...p.person }, at: p.at.toISOString() };
  }
}

export class SyncProblemsPage {
  @ApiProperty({ type: [SyncProblemDto], description: 'Most recent first' }) items: SyncProblemDto[];
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}
