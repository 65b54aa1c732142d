import { Injectable } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsDateString, IsIn, IsInt, Matches, Max, Min } from 'class-validator';
import type { EntityManager } from 'typeorm';
import { AccountExportPart, ExportContext, ExportPart, recordOf, RestoreContext, sectionOf } from '../account-export/index';
import { DIGEST_RUN_STATUSES, DigestRun, type DigestRunStatus } from './digest-run.entity';

/** A day the daily digest was composed for: restored, it keeps a restored account from getting that day's digest again. */
export class ExportedDigestDayDto {
  @ApiProperty({ format: 'date', example: '2026-12-08', description: "The account's local day" }) @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'localDate must be a date as yyyy-mm-dd' }) localDate: string;
  @ApiProperty({ enum: DIGEST_RUN_STATUSES, enumName: 'DigestDayStatus', description: 'sent: handed to the mail; empty: nothing was in it, nothing sent; pending: being composed' })
  @IsIn(DIGEST_RUN_STATUSES)
  status: DigestRunStatus;
  @ApiProperty({ description: 'Lines it held' }) @IsInt() @Min(0) @Max(1_000_000) items: number;
  @ApiProperty({ format: 'date-time' }) @IsDateString() composedAt: string;
}

type DigestsSection = { digestDays?: ExportedDigestDayDto[] };

@Injectable()
@ExportPart({ name: 'digests', schema: { digestDays: sectionOf(ExportedDigestDayDto, { since: 'Added with the daily digest; absent in older documents' }) } })
export class DigestsExport implements AccountExportPart<DigestsSection> {
  async exportPart(userId: string, { em }: ExportContext): Promise<DigestsSection> {
    const days = await em.find(DigestRun, { where: { userId }, order: { localDate: 'ASC' } });
    return { digestDays: days.map((d) => recordOf(ExportedDigestDayDto, d)) };
  }

  async restorePart(userId: string, doc: DigestsSection, ctx: RestoreContext): Promise<void> {
    await ctx.write(
      DigestRun,
      (doc.digestDays ?? []).map((d) => ({ userId, localDate: d.localDate, status: d.status, items: d.items, composedAt: new Date(d.composedAt) })),
    );
  }

  async hasData(em: EntityManager, userId: string): Promise<boolean> {
    return em.existsBy(DigestRun, { userId });
  }
}
