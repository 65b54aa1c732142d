import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, Max, Min, ValidateBy, ValidateIf, type ValidationArguments } from 'class-validator';
import { SCHOLARLY_SOURCES } from '#domain/scholarly/index';
import { ACCOUNT_SYNC_MODES, type AccountSyncSchedule, type AccountSyncSetting, MAX_SYNC_EVERY_HOURS, SYNC_PROBLEM_KINDS, SYNC_RUN_STATUSES, type SyncProblem, SyncRun, type SyncSchedule } from '#domain/sync/index';

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

const SYNC_DEFAULT_SOURCES = ['account', 'server'] as const;
const MAX_EVERY_HOURS = MAX_SYNC_EVERY_HOURS;

export class SetSyncScheduleDto {
  @ApiProperty({ type: Number, nullable: true, minimum: 1, maximum: 8760, example: 12, description: 'Hours between scheduled syncs of this person; null: the default cadence' })
  @ValidateIf((_, v) => v !== null)
  @IsInt()
  @Min(1)
  @Max(MAX_EVERY_HOURS)
  everyHours: number | null;
}

export class SyncScheduleResponse {
  @ApiProperty({ type: Number, nullable: true, description: "The person's own cadence in hours; null: the default" }) everyHours: number | null;
  @ApiProperty({ type: Number, nullable: true, description: "The default the person follows without their own cadence: the account's (GET /me/sync-schedule), else SYNC_DEFAULT_EVERY_HOURS; null: the account paused it" })
  defaultEveryHours: number | null;
  @ApiProperty({ enum: SYNC_DEFAULT_SOURCES, enumName: 'SyncDefaultSource', description: "Where the default comes from: the account's own setting, or the server's" }) defaultSource: string;
  @ApiProperty({ type: Number, nullable: true, description: 'The cadence the person is synced at; null: not on schedule (their own is unset and the account paused)' })
  effectiveEveryHours: number | null;

  static from(schedule: SyncSchedule): SyncScheduleResponse {
    return { ...schedule };
  }
}


/** everyHours: a whole number of hours in range with mode `every`, absent (or null) with any other mode. */
function IsEveryHoursOfMode(): PropertyDecorator {
  const inRange = (v: unknown): boolean => typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= MAX_EVERY_HOURS;
  const forEvery = (args: ValidationArguments): boolean => (args.object as { mode?: unknown }).mode === 'every';
  return ValidateBy({
    name: 'isEveryHoursOfMode',
    validator: {
      validate: (v, args) => (forEvery(args!) ? inRange(v) : v === undefined || v === null),
      defaultMessage: (args) => (forEvery(args!) ? `must be a whole number of hours from 1 to ${MAX_EVERY_HOURS}` : 'must be left out unless mode is every'),
    },
  });
}

export class SetAccountSyncScheduleDto {
  @ApiProperty({ enum: ACCOUNT_SYNC_MODES, enumName: 'AccountSyncMode', example: 'every', description: "every: sync every everyHours hours; paused: no scheduled sync; server: back to the server's default (SYNC_DEFAULT_EVERY_HOURS)" })
  @IsIn(ACCOUNT_SYNC_MODES)
  mode: (typeof ACCOUNT_SYNC_MODES)[number];

  @ApiPropertyOptional({ type: 'integer', nullable: true, minimum: 1, maximum: MAX_EVERY_HOURS, example: 12, description: 'Hours between scheduled syncs: given with mode every, and only then (left out or null otherwise)' })
  @IsEveryHoursOfMode()
  everyHours?: number | null;

  toSetting(): AccountSyncSetting {
    return this.mode === 'every' ? { mode: 'every', everyHours: this.everyHours! } : { mode: this.mode };
  }
}

export class AccountSyncScheduleResponse {
  @ApiProperty({ type: Number, nullable: true, example: 24, description: 'The cadence in force, in hours, for your people without a cadence of their own; null: paused' }) everyHours: number | null;
  @ApiProperty({ description: 'Scheduled sync paused for your people without a cadence of their own (a manual sync still works)' }) paused: boolean;
  @ApiProperty({ enum: SYNC_DEFAULT_SOURCES, enumName: 'SyncDefaultSource', description: "Where it comes from: your account's setting (a cadence or a pause), or the server's default" }) source: string;
  @ApiProperty({ description: "The server's default (SYNC_DEFAULT_EVERY_HOURS), what mode server goes back to" }) serverEveryHours: number;

  static from(schedule: AccountSyncSchedule): AccountSyncScheduleResponse {
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
