import { applyDecorators, Injectable } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDateString, IsIn, IsInt, IsOptional, IsUUID, Max, Min, ValidateIf, ValidateNested } from 'class-validator';
import { accountSyncCadence, setAccountSyncCadence } from '../accounts/index';
import { AccountExportPart, ExportContext, ExportPart, recordOf, RestoreContext, sectionOf } from '../account-export/index';
import { IMPORTED_LINKED_PEOPLE } from '../scholarly-identities/index';
import { PersonSyncSettings } from './person-sync-settings.entity';
import { SyncSchedulesService } from './sync-schedules.service';

/** What an account may set its default cadence to (PUT /me/sync-schedule). */
export const ACCOUNT_SYNC_MODES = ['every', 'paused', 'server'] as const;
export const MAX_SYNC_EVERY_HOURS = 24 * 365;

export class ExportedSyncScheduleDto {
  @ApiProperty() @IsUUID() personId: string;
  @ApiProperty({ minimum: 1, maximum: MAX_SYNC_EVERY_HOURS }) @IsInt() @Min(1) @Max(MAX_SYNC_EVERY_HOURS) everyHours: number;
  @ApiProperty({ format: 'date-time' }) @IsDateString() updatedAt: string;
}

/** The account's default cadence for its people without their own, as PUT /me/sync-schedule sets it. */
export class ExportedAccountSyncScheduleDto {
  @ApiProperty({ enum: ACCOUNT_SYNC_MODES, enumName: 'AccountSyncMode', description: "every: sync every everyHours hours; paused: no scheduled sync; server: back to the server's default (SYNC_DEFAULT_EVERY_HOURS)" })
  @IsIn(ACCOUNT_SYNC_MODES)
  mode: (typeof ACCOUNT_SYNC_MODES)[number];

  @ApiProperty({ type: 'integer', nullable: true, minimum: 1, maximum: MAX_SYNC_EVERY_HOURS, description: 'With mode every; null otherwise' })
  @ValidateIf((o: ExportedAccountSyncScheduleDto) => o.mode === 'every')
  @IsInt()
  @Min(1)
  @Max(MAX_SYNC_EVERY_HOURS)
  everyHours: number | null;
}

type SyncSection = { account: { syncSchedule?: ExportedAccountSyncScheduleDto }; syncSchedules?: ExportedSyncScheduleDto[] };

/** People synced at their own cadence, and the account's default cadence. */
@Injectable()
@ExportPart({
  name: 'syncSchedules',
  after: ['people', 'scholarlyIdentities'],
  schema: {
    'account.syncSchedule': applyDecorators(
      ApiPropertyOptional({ type: ExportedAccountSyncScheduleDto, description: 'Added with account sync schedules; absent in older documents' }),
      IsOptional(),
      ValidateNested(),
      Type(() => ExportedAccountSyncScheduleDto),
    ),
    syncSchedules: sectionOf(ExportedSyncScheduleDto, { since: "Since version 3: people's own sync cadences" }),
  },
})
export class SyncExport implements AccountExportPart<SyncSection> {
  constructor(private readonly schedules: SyncSchedulesService) {}

  async exportPart(userId: string, { em }: ExportContext): Promise<SyncSection> {
    const account = (await accountSyncCadence(em, userId)) ?? { everyHours: null, paused: false };
    const mode = account.paused ? 'paused' : account.everyHours === null ? 'server' : 'every';
    const schedules = await em.find(PersonSyncSettings, { where: { userId }, order: { personId: 'ASC' } });
    return {
      account: { syncSchedule: { mode, everyHours: mode === 'every' ? account.everyHours : null } },
      syncSchedules: schedules.map((s) => recordOf(ExportedSyncScheduleDto, s)),
    };
  }

  async restorePart(userId: string, doc: SyncSection, ctx: RestoreContext): Promise<void> {
    const account = doc.account.syncSchedule;
    if (account) await setAccountSyncCadence(ctx.em, userId, account.mode === 'every' ? account.everyHours : null, account.mode === 'paused');

    const scheduled = new Set<string>();
    const schedules = (doc.syncSchedules ?? []).filter((s, n) => {
      const item = `syncSchedules[${n}]`;
      if (!ctx.required('people', s.personId, item, 'person')) return false;
      if (scheduled.has(s.personId)) {
        ctx.skip(item, 'the same person has a schedule earlier in the document; the first is kept');
        return false;
      }
      scheduled.add(s.personId);
      return true;
    });
    await ctx.write(
      PersonSyncSettings,
      schedules.map((s) => ({ personId: ctx.ids('people').get(s.personId)!, userId, everyHours: s.everyHours, updatedAt: new Date(s.updatedAt) })),
    );

    // Committed: the schedulers of the cadences, and the linked people's works synced again from the
    // sources (as a scheduled sync would, at each source's pace).
    const linkedPeople = ctx.noted<string[]>(IMPORTED_LINKED_PEOPLE) ?? [];
    ctx.afterCommit(async () => {
      if (schedules.length > 0 || account?.mode === 'every') await this.schedules.reconcile();
      await this.schedules.startScheduled(linkedPeople);
    });
  }
}
