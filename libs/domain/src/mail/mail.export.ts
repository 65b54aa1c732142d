import { applyDecorators, Injectable } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsDateString, IsEmail, IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, ValidateIf, ValidateNested } from 'class-validator';
import { AccountExportPart, ExportContext, ExportPart, NullableDateTime, NullableText, recordOf, RestoreContext, sectionOf } from '../account-export/index';
import { MailLogEntry } from './mail-log.entity';
import { MailSettingsRow } from './mail-settings.entity';
import { DEFAULT_BRIEFING_LEAD_HOURS, DEFAULT_DIGEST_HOUR, MAIL_KINDS, MAIL_STATUSES, MAX_BRIEFING_LEAD_HOURS, type MailKind, type MailStatus } from './mail.types';

const SINCE = 'Added with mail; absent in older documents';

export class ExportedMailKindsDto {
  @ApiProperty() @IsBoolean() digest: boolean;
  @ApiProperty() @IsBoolean() briefing: boolean;
  @ApiProperty() @IsBoolean() account: boolean;
}

/** The account's mail settings as PATCH /me/mail-settings sets them. */
export class ExportedMailSettingsDto {
  @ApiProperty({ type: String, nullable: true, description: "Where mail goes; null: the account's email" }) @ValidateIf((_, v) => v !== null) @IsString() @MaxLength(254) @IsEmail() address: string | null;
  @ApiProperty({ type: ExportedMailKindsDto }) @ValidateNested() @Type(() => ExportedMailKindsDto) kinds: ExportedMailKindsDto;
  @ApiProperty({ minimum: 0, maximum: 23 }) @IsInt() @Min(0) @Max(23) digestHour: number;
  @ApiProperty({ minimum: 1, maximum: MAX_BRIEFING_LEAD_HOURS }) @IsInt() @Min(1) @Max(MAX_BRIEFING_LEAD_HOURS) briefingLeadHours: number;
}

/** One mail of the log: never its body. */
export class ExportedMailLogEntryDto {
  @ApiProperty() @IsUUID() id: string;
  @ApiProperty({ enum: MAIL_KINDS, enumName: 'MailKind' }) @IsIn(MAIL_KINDS) kind: MailKind;
  @ApiProperty() @IsString() @MaxLength(320) toAddress: string;
  @ApiProperty({ nullable: true, type: String }) @NullableText() subject: string | null;
  @ApiProperty({ enum: MAIL_STATUSES, enumName: 'MailStatus' }) @IsIn(MAIL_STATUSES) status: MailStatus;
  @ApiProperty() @IsInt() @Min(0) @Max(1000) attempts: number;
  @ApiProperty({ nullable: true, type: String }) @NullableText() error: string | null;
  @ApiProperty({ format: 'date-time' }) @IsDateString() createdAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) @NullableDateTime() sentAt: string | null;
}

type MailSection = { account: { mail?: ExportedMailSettingsDto }; mailLog?: ExportedMailLogEntryDto[] };

/** The account's mail settings, and the log of its mail (when, kind, to, subject, status; no body). */
@Injectable()
@ExportPart({
  name: 'mail',
  schema: {
    'account.mail': applyDecorators(ApiPropertyOptional({ type: ExportedMailSettingsDto, description: SINCE }), IsOptional(), ValidateNested(), Type(() => ExportedMailSettingsDto)),
    mailLog: sectionOf(ExportedMailLogEntryDto, { since: SINCE }),
  },
})
export class MailExport implements AccountExportPart<MailSection> {
  async exportPart(userId: string, { em }: ExportContext): Promise<MailSection> {
    const row = await em.findOneBy(MailSettingsRow, { userId });
    const log = await em.find(MailLogEntry, { where: { userId }, order: { createdAt: 'ASC', id: 'ASC' } });
    return {
      account: {
        mail: {
          address: row?.address ?? null,
          kinds: { digest: row?.digestOn ?? true, briefing: row?.briefingOn ?? true, account: row?.accountOn ?? true },
          digestHour: row?.digestHour ?? DEFAULT_DIGEST_HOUR,
          briefingLeadHours: row?.briefingLeadHours ?? DEFAULT_BRIEFING_LEAD_HOURS,
        },
      },
      mailLog: log.map((e) => recordOf(ExportedMailLogEntryDto, e)),
    };
  }

  async restorePart(userId: string, doc: MailSection, ctx: RestoreContext): Promise<void> {
    const settings = doc.account.mail;
    if (settings) {
      await ctx.em.createQueryBuilder().insert().into(MailSettingsRow).values({ userId }).orIgnore().execute();
      await ctx.em.update(MailSettingsRow, { userId }, { address: settings.address, digestOn: settings.kinds.digest, briefingOn: settings.kinds.briefing, accountOn: settings.kinds.account, digestHour: settings.digestHour, briefingLeadHours: settings.briefingLeadHours });
    }
    // History only: a mail still queued or retrying in the old account is not sent from the new one.
    const log = ctx.ids('mailLog');
    await ctx.write(
      MailLogEntry,
      log.allocate(doc.mailLog ?? []).map((e) => ({
        id: log.get(e.id)!,
        userId,
        kind: e.kind,
        toAddress: e.toAddress,
        subject: e.subject,
        status: e.status,
        attempts: e.attempts,
        error: e.error,
        dedupeKey: null,
        createdAt: new Date(e.createdAt),
        sentAt: e.sentAt ? new Date(e.sentAt) : null,
      })),
    );
  }
}
