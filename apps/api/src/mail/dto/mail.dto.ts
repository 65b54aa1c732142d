import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsEmail, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, ValidateIf, ValidateNested } from 'class-validator';
import { MAIL_KINDS, MAIL_STATUSES, MAX_BRIEFING_LEAD_HOURS, MailKind, MailLogEntry, MailServerStatus, MailSettings, MailSettingsPatch, MailStatus } from '#domain/mail/index';
import { PageQuery } from '../../common/page-query';

export class MailServerStatusDto {
  @ApiProperty({ description: 'Whether this server sends mail at all (SMTP_URL is set)' }) enabled: boolean;
  @ApiProperty({ type: String, nullable: true, example: 'mail is off: the server has no SMTP_URL', description: 'Why no mail is sent; null when it is' }) reason: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The sender of every mail (MAIL_FROM); null when mail is off' }) from: string | null;

  static from(s: MailServerStatus): MailServerStatusDto {
    return { enabled: s.enabled, reason: s.reason, from: s.from };
  }
}

export class MailKindsDto {
  @ApiProperty({ description: 'The daily digest' }) digest: boolean;
  @ApiProperty({ description: 'The briefing mailed before each interview' }) briefing: boolean;
  @ApiProperty({ description: 'Password and two-factor changes, sign-ins from a new place' }) account: boolean;
}

export class MailKindsPatchDto {
  @ApiPropertyOptional() @IsOptional() @IsBoolean() digest?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() briefing?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() account?: boolean;
}

export class MailLogEntryDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: MAIL_KINDS, enumName: 'MailKind' }) kind: MailKind;
  @ApiProperty({ description: 'The address it went to' }) to: string;
  @ApiProperty({ type: String, nullable: true }) subject: string | null;
  @ApiProperty({
    enum: MAIL_STATUSES,
    enumName: 'MailStatus',
    description: 'queued; retrying (the server refused it for now or could not be reached: tried again later); sent (the server accepted it); failed (refused for good, or out of attempts: error says why)',
  })
  status: MailStatus;
  @ApiProperty({ description: 'Attempts made to hand it to the SMTP server' }) attempts: number;
  @ApiProperty({ type: String, nullable: true, description: 'The last refusal or failure, as the SMTP server or the connection gave it' }) error: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) sentAt: string | null;

  static from(e: MailLogEntry): MailLogEntryDto {
    return { id: e.id, kind: e.kind, to: e.toAddress, subject: e.subject, status: e.status, attempts: e.attempts, error: e.error, createdAt: e.createdAt.toISOString(), sentAt: e.sentAt?.toISOString() ?? null };
  }
}

export class MailFailuresDto {
  @ApiProperty({ description: 'Mail that failed for good in the last 7 days' }) count: number;
  @ApiProperty({ type: MailLogEntryDto, nullable: true }) latest: MailLogEntryDto | null;
}

export class MailSettingsResponse {
  @ApiProperty({ type: MailServerStatusDto }) server: MailServerStatusDto;
  @ApiProperty({ description: 'Where your mail goes' }) address: string;
  @ApiProperty({ description: "Whether that is your account's email (no other address set)" }) addressIsAccountEmail: boolean;
  @ApiProperty({ description: 'Your time zone (set on your account): the digest hour is in it' }) timeZone: string;
  @ApiProperty({ type: MailKindsDto, description: 'Each kind of mail on or off' }) kinds: MailKindsDto;
  @ApiProperty({ minimum: 0, maximum: 23, description: 'Hour of the day, in your time zone, at which the daily digest is sent' }) digestHour: number;
  @ApiProperty({ minimum: 1, maximum: MAX_BRIEFING_LEAD_HOURS, description: 'How many hours before each interview its briefing is mailed' }) briefingLeadHours: number;
  @ApiProperty({ type: MailFailuresDto, description: 'Mail that could not be delivered lately' }) failures: MailFailuresDto;

  static from(settings: MailSettings, server: MailServerStatus, failures: { count: number; latest: MailLogEntry | null }): MailSettingsResponse {
    return {
      server: MailServerStatusDto.from(server),
      address: settings.address,
      addressIsAccountEmail: settings.addressIsAccountEmail,
      timeZone: settings.timeZone,
      kinds: { ...settings.kinds },
      digestHour: settings.digestHour,
      briefingLeadHours: settings.briefingLeadHours,
      failures: { count: failures.count, latest: failures.latest ? MailLogEntryDto.from(failures.latest) : null },
    };
  }
}

export class UpdateMailSettingsDto {
  @ApiPropertyOptional({ type: String, nullable: true, description: "Where your mail goes; null: back to your account's email" })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(254)
  @IsEmail()
  address?: string | null;

  @ApiPropertyOptional({ type: MailKindsPatchDto, description: 'Kinds to turn on (true) or off; those left out stay as they are' })
  @IsOptional()
  @ValidateNested()
  @Type(() => MailKindsPatchDto)
  kinds?: MailKindsPatchDto;

  @ApiPropertyOptional({ minimum: 0, maximum: 23 }) @IsOptional() @IsInt() @Min(0) @Max(23) digestHour?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_BRIEFING_LEAD_HOURS }) @IsOptional() @IsInt() @Min(1) @Max(MAX_BRIEFING_LEAD_HOURS) briefingLeadHours?: number;

  toPatch(): MailSettingsPatch {
    return { address: this.address, kinds: this.kinds, digestHour: this.digestHour, briefingLeadHours: this.briefingLeadHours };
  }
}

export class MailLogQuery extends PageQuery {
  @ApiPropertyOptional({ enum: MAIL_STATUSES, enumName: 'MailStatus' }) @IsOptional() @IsIn(MAIL_STATUSES) status?: MailStatus;
  @ApiPropertyOptional({ enum: MAIL_KINDS, enumName: 'MailKind' }) @IsOptional() @IsIn(MAIL_KINDS) kind?: MailKind;
}

export class MailLogPage {
  @ApiProperty({ type: [MailLogEntryDto] }) items: MailLogEntryDto[];
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}

export class UnsubscribeQuery {
  @ApiProperty({ description: 'The token of the link in the mail' }) @IsString() @MaxLength(300) token: string;
}
