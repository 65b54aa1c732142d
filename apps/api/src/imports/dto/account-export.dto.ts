import { BriefingContentDto } from '../../briefings/dto/briefing-content.dto';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { Equals, IsArray, IsBoolean, IsDateString, IsIn, IsInt, IsNumber, IsObject, IsOptional, IsString, IsTimeZone, IsUrl, IsUUID, Length, Matches, Max, MaxLength, Min, ValidateBy, ValidateIf, ValidateNested } from 'class-validator';
import { APPLICATION_MOVES, APPLICATION_SOURCES, APPLICATION_STATUSES, STAGE_STATUSES } from '#domain/applications/index';
import { BRIEFING_STATUSES } from '#domain/briefings/index';
import { EXPORT_FORMAT, EXPORT_VERSION, READABLE_EXPORT_VERSIONS } from '#domain/imports/index';
import { INTERACTION_TYPES } from '#domain/interactions/index';
import { INTERVIEW_FORMATS, INTERVIEW_OUTCOMES } from '#domain/interviews/index';
import { RELATIONSHIP_STAGES } from '#domain/people/index';
import { READING_STATUSES } from '#domain/reading/index';
import { REFERRAL_STATUSES } from '#domain/referrals/index';
import { SCHOLARLY_SOURCES } from '#domain/scholarly/index';
import { IDENTITY_STATUSES } from '#domain/scholarly-identities/index';
import { STAGE_TYPES } from '#domain/stage-templates/index';
import { TASK_CLOSE_REASONS, TASK_ORIGINS } from '#domain/tasks/index';
import { IsCalendarDate } from '../../common/date-validators';

// Nullable text: present, either a string or null.
const NullableText = (): PropertyDecorator => (target, key) => {
  ValidateIf((_, v) => v !== null)(target, key);
  IsString()(target, key);
  MaxLength(100_000)(target, key);
};

const NullableUuid = (): PropertyDecorator => (target, key) => {
  ValidateIf((_, v) => v !== null)(target, key);
  IsUUID()(target, key);
};

const NullableDateTime = (): PropertyDecorator => (target, key) => {
  ValidateIf((_, v) => v !== null)(target, key);
  IsDateString()(target, key);
};

class ExportedAccountDto {
  @ApiProperty() @IsString() @MaxLength(200) displayName: string;
  @ApiProperty() @IsTimeZone() timeZone: string;
  @ApiPropertyOptional({ nullable: true, type: Number, minimum: 1, maximum: 100, description: 'Reading goal in percent; null while the default applies; absent in older documents' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsInt()
  @Min(1)
  @Max(100)
  readingCoverageTarget?: number | null;
}

class ExportedTeamDto {
  @ApiProperty() @IsUUID() id: string;
  @ApiProperty() @IsString() @MaxLength(300) name: string;
  @ApiProperty({ nullable: true, type: String }) @NullableText() description: string | null;
  @ApiProperty({ nullable: true, type: String }) @NullableText() researchNotes: string | null;
  @ApiProperty({ format: 'date-time' }) @IsDateString() createdAt: string;
  @ApiProperty({ format: 'date-time' }) @IsDateString() updatedAt: string;
}

class ExportedOrganizationDto {
  @ApiProperty() @IsUUID() id: string;
  @ApiProperty() @IsString() @MaxLength(300) name: string;
  @ApiPropertyOptional({ type: [String], description: 'Added with organization aliases; absent in older documents' }) @IsOptional() @IsArray() @IsString({ each: true }) @MaxLength(300, { each: true }) aliases?: string[];
  @ApiProperty({ nullable: true, type: String }) @NullableText() website: string | null;
  @ApiProperty({ nullable: true, type: String }) @NullableText() description: string | null;
  @ApiProperty({ nullable: true, type: String }) @NullableText() researchNotes: string | null;
  @ApiProperty({ type: [String] }) @IsArray() @IsString({ each: true }) tags: string[];
  @ApiProperty({ format: 'date-time' }) @IsDateString() createdAt: string;
  @ApiProperty({ format: 'date-time' }) @IsDateString() updatedAt: string;
  @ApiProperty({ type: [ExportedTeamDto] }) @IsArray() @ValidateNested({ each: true }) @Type(() => ExportedTeamDto) teams: ExportedTeamDto[];
}

class ExportedPersonDto {
  @ApiProperty() @IsUUID() id: string;
  @ApiProperty() @IsString() @MaxLength(300) fullName: string;
  @ApiProperty({ nullable: true, type: String }) @NullableText() givenName: string | null;
  @ApiProperty({ nullable: true, type: String }) @NullableText() familyName: string | null;
  @ApiProperty({ nullable: true, type: String }) @NullableText() headline: string | null;
  @ApiProperty({ nullable: true, type: String }) @NullableText() role: string | null;
  @ApiProperty({ nullable: true, type: String }) @ValidateIf((_, v) => v !== null) @IsUUID() organizationId: string | null;
  @ApiProperty({ nullable: true, type: String }) @ValidateIf((_, v) => v !== null) @IsUUID() teamId: string | null;
  @ApiProperty({ type: [String] }) @IsArray() @IsString({ each: true }) emails: string[];
  @ApiPropertyOptional({ type: [String], description: 'Added with phone numbers; absent in older documents' }) @IsOptional() @IsArray() @IsString({ each: true }) @MaxLength(50, { each: true }) phones?: string[];
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, description: 'A map of profile links by kind' }) @IsObject() links: Record<string, string>;
  @ApiProperty({ type: [String] }) @IsArray() @IsString({ each: true }) tags: string[];
  @ApiProperty({ nullable: true, type: String }) @NullableText() howWeMet: string | null;
  @ApiProperty({ enum: RELATIONSHIP_STAGES, enumName: 'RelationshipStage' }) @IsIn(RELATIONSHIP_STAGES) relationshipStage: (typeof RELATIONSHIP_STAGES)[number];
  @ApiProperty({ nullable: true, type: String }) @NullableText() notes: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) @ValidateIf((_, v) => v !== null) @IsDateString({ strict: true }) nextFollowUpAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Since version 2' }) @IsOptional() @NullableText() nextFollowUpReason?: string | null;
  @ApiProperty({ nullable: true, type: Number }) @ValidateIf((_, v) => v !== null) @IsInt() @Min(1) @Max(3650) followUpCadenceDays: number | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) @ValidateIf((_, v) => v !== null) @IsDateString() lastInteractionAt: string | null;
  @ApiProperty({ format: 'date-time' }) @IsDateString() createdAt: string;
  @ApiProperty({ format: 'date-time' }) @IsDateString() updatedAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) @ValidateIf((_, v) => v !== null) @IsDateString() deletedAt: string | null;
}

class ExportedInteractionDto {
  @ApiProperty() @IsUUID() id: string;
  @ApiProperty() @IsUUID() personId: string;
  @ApiProperty({ enum: INTERACTION_TYPES, enumName: 'InteractionType' }) @IsIn(INTERACTION_TYPES) type: (typeof INTERACTION_TYPES)[number];
  @ApiProperty({ format: 'date-time' }) @IsDateString() occurredAt: string;
  @ApiProperty({ nullable: true, type: String }) @NullableText() channel: string | null;
  @ApiProperty() @IsString() @MaxLength(100_000) summary: string;
  @ApiProperty({ nullable: true, type: String }) @NullableText() offered: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Since version 2' }) @IsOptional() @NullableText() asked?: string | null;
  @ApiProperty({ format: 'date-time' }) @IsDateString() createdAt: string;
  @ApiProperty({ format: 'date-time' }) @IsDateString() updatedAt: string;
}

class ExportedTemplateStageDto {
  @ApiProperty() @IsString() @MaxLength(300) name: string;
  @ApiProperty({ enum: STAGE_TYPES, enumName: 'StageType' }) @IsIn(STAGE_TYPES) type: (typeof STAGE_TYPES)[number];
  @ApiProperty({ type: [String] }) @IsArray() @IsString({ each: true }) @MaxLength(2000, { each: true }) checklist: string[];
}

class ExportedStageTemplateDto {
  @ApiProperty() @IsUUID() id: string;
  @ApiProperty({ nullable: true, type: String }) @NullableUuid() organizationId: string | null;
  @ApiProperty() @IsString() @MaxLength(300) name: string;
  @ApiProperty({ nullable: true, type: String }) @NullableText() role: string | null;
  @ApiProperty({ type: [ExportedTemplateStageDto] }) @IsArray() @ValidateNested({ each: true }) @Type(() => ExportedTemplateStageDto) stages: ExportedTemplateStageDto[];
  @ApiProperty({ format: 'date-time' }) @IsDateString() createdAt: string;
  @ApiProperty({ format: 'date-time' }) @IsDateString() updatedAt: string;
}

class ExportedStageDto {
  @ApiProperty() @IsUUID() id: string;
  @ApiProperty() @IsInt() @Min(0) position: number;
  @ApiProperty() @IsString() @MaxLength(300) name: string;
  @ApiProperty({ enum: STAGE_TYPES, enumName: 'StageType' }) @IsIn(STAGE_TYPES) type: (typeof STAGE_TYPES)[number];
  @ApiProperty({ type: [String] }) @IsArray() @IsString({ each: true }) @MaxLength(2000, { each: true }) checklist: string[];
  @ApiProperty({ enum: STAGE_STATUSES, enumName: 'StageStatus' }) @IsIn(STAGE_STATUSES) status: (typeof STAGE_STATUSES)[number];
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) @NullableDateTime() enteredAt: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) @NullableDateTime() leftAt: string | null;
}

class ExportedMoveDto {
  @ApiProperty() @IsUUID() id: string;
  @ApiProperty({ enum: APPLICATION_MOVES, enumName: 'ApplicationMove' }) @IsIn(APPLICATION_MOVES) move: (typeof APPLICATION_MOVES)[number];
  @ApiProperty() @IsDateString() at: string;
  @ApiProperty({ nullable: true, enum: APPLICATION_STATUSES, enumName: 'ApplicationStatus' }) @ValidateIf((_, v) => v !== null) @IsIn(APPLICATION_STATUSES) fromStatus: (typeof APPLICATION_STATUSES)[number] | null;
  @ApiProperty({ enum: APPLICATION_STATUSES, enumName: 'ApplicationStatus' }) @IsIn(APPLICATION_STATUSES) toStatus: (typeof APPLICATION_STATUSES)[number];
  @ApiProperty({ nullable: true, type: String }) @NullableText() fromStage: string | null;
  @ApiProperty({ nullable: true, type: String }) @NullableText() toStage: string | null;
  @ApiProperty({ nullable: true, type: String }) @NullableUuid() fromStageId: string | null;
  @ApiProperty({ nullable: true, type: String }) @NullableUuid() toStageId: string | null;
  @ApiProperty({ nullable: true, type: String }) @NullableUuid() relatedApplicationId: string | null;
  @ApiPropertyOptional({ type: [String], description: 'Referral ids; absent in older documents' }) @IsOptional() @IsArray() @IsUUID(undefined, { each: true }) carriedReferralIds?: string[];
  @ApiPropertyOptional({ type: Boolean, description: 'Absent in older documents' }) @IsOptional() @IsBoolean() carriedRecruiter?: boolean;
  @ApiProperty({ nullable: true, type: String }) @NullableText() note: string | null;
  @ApiProperty({ format: 'date-time' }) @IsDateString() recordedAt: string;
}

class ExportedApplicationDto {
  @ApiProperty() @IsUUID() id: string;
  @ApiProperty() @IsUUID() organizationId: string;
  @ApiProperty({ nullable: true, type: String }) @NullableUuid() teamId: string | null;
  @ApiProperty() @IsString() @MaxLength(300) role: string;
  @ApiProperty({ enum: APPLICATION_SOURCES, enumName: 'ApplicationSource' }) @IsIn(APPLICATION_SOURCES) source: (typeof APPLICATION_SOURCES)[number];
  @ApiProperty({ enum: APPLICATION_STATUSES, enumName: 'ApplicationStatus' }) @IsIn(APPLICATION_STATUSES) status: (typeof APPLICATION_STATUSES)[number];
  @ApiProperty({ format: 'date' }) @IsCalendarDate() appliedOn: string;
  @ApiProperty({ format: 'date', nullable: true, type: String }) @ValidateIf((_, v) => v !== null) @IsCalendarDate() closedOn: string | null;
  @ApiProperty({ nullable: true, type: String }) @NullableText() notes: string | null;
  @ApiPropertyOptional({ type: [String], description: 'Added with reading checklists; absent in older documents' }) @IsOptional() @IsArray() @IsString({ each: true }) @MaxLength(100, { each: true }) keywords?: string[];
  @ApiProperty({ nullable: true, type: String }) @NullableUuid() recruiterId: string | null;
  @ApiProperty({ nullable: true, type: String }) @NullableUuid() templateId: string | null;
  @ApiProperty() @IsString() @MaxLength(300) templateName: string;
  @ApiProperty({ nullable: true, type: String }) @NullableUuid() currentStageId: string | null;
  @ApiProperty({ nullable: true, type: String }) @NullableUuid() reroutedFromId: string | null;
  @ApiProperty({ format: 'date-time' }) @IsDateString() createdAt: string;
  @ApiProperty({ format: 'date-time' }) @IsDateString() updatedAt: string;
  @ApiProperty({ type: [ExportedStageDto] }) @IsArray() @ValidateNested({ each: true }) @Type(() => ExportedStageDto) stages: ExportedStageDto[];
  @ApiProperty({ type: [ExportedMoveDto], description: 'Oldest first' }) @IsArray() @ValidateNested({ each: true }) @Type(() => ExportedMoveDto) moves: ExportedMoveDto[];
}

class ExportedInterviewDto {
  @ApiProperty() @IsUUID() id: string;
  @ApiProperty() @IsUUID() applicationId: string;
  @ApiProperty() @IsUUID() stageId: string;
  @ApiProperty({ format: 'date-time' }) @IsDateString() startsAt: string;
  @ApiProperty() @IsTimeZone() timeZone: string;
  @ApiProperty() @IsInt() @Min(1) @Max(24 * 60) durationMinutes: number;
  @ApiProperty({ enum: INTERVIEW_FORMATS, enumName: 'InterviewFormat' }) @IsIn(INTERVIEW_FORMATS) format: (typeof INTERVIEW_FORMATS)[number];
  @ApiProperty({ nullable: true, type: String }) @NullableText() location: string | null;
  @ApiProperty({ nullable: true, type: String }) @NullableText() meetingUrl: string | null;
  @ApiProperty({ nullable: true, type: String }) @NullableText() prepNotes: string | null;
  @ApiProperty({ enum: INTERVIEW_OUTCOMES, enumName: 'InterviewOutcome' }) @IsIn(INTERVIEW_OUTCOMES) outcome: (typeof INTERVIEW_OUTCOMES)[number];
  @ApiProperty({ nullable: true, type: String }) @NullableText() feedback: string | null;
  @ApiProperty() @IsInt() @Min(0) sequence: number;
  @ApiProperty({ type: [String] }) @IsArray() @IsUUID(undefined, { each: true }) interviewerIds: string[];
  @ApiProperty({ format: 'date-time' }) @IsDateString() createdAt: string;
  @ApiProperty({ format: 'date-time' }) @IsDateString() updatedAt: string;
}

class ExportedInterviewerNoteDto {
  @ApiProperty() @IsUUID() id: string;
  @ApiProperty() @IsUUID() interviewId: string;
  @ApiProperty() @IsUUID() personId: string;
  @ApiProperty({ nullable: true, type: String }) @NullableText() asked: string | null;
  @ApiProperty({ nullable: true, type: String }) @NullableText() howItWent: string | null;
  @ApiProperty({ nullable: true, type: String }) @NullableText() followUp: string | null;
  @ApiProperty({ format: 'date-time' }) @IsDateString() createdAt: string;
  @ApiProperty({ format: 'date-time' }) @IsDateString() updatedAt: string;
}

class ExportedStageRetrospectiveDto {
  @ApiProperty() @IsUUID() id: string;
  @ApiProperty({ description: 'The application of the stage (for readers; the stage decides)' }) @IsUUID() applicationId: string;
  @ApiProperty() @IsUUID() stageId: string;
  @ApiProperty({ nullable: true, type: String }) @NullableText() wentWell: string | null;
  @ApiProperty({ nullable: true, type: String }) @NullableText() wentBadly: string | null;
  @ApiProperty({ nullable: true, type: String }) @NullableText() doDifferently: string | null;
  @ApiProperty({ format: 'date-time' }) @IsDateString() createdAt: string;
  @ApiProperty({ format: 'date-time' }) @IsDateString() updatedAt: string;
}

class ExportedTaskDto {
  @ApiProperty() @IsUUID() id: string;
  @ApiProperty() @IsString() @MaxLength(2000) title: string;
  @ApiProperty({ format: 'date', nullable: true, type: String }) @ValidateIf((_, v) => v !== null) @IsCalendarDate() dueOn: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) @NullableDateTime() doneAt: string | null;
  @ApiPropertyOptional({ format: 'date-time', nullable: true, type: String, description: 'Settled with its application; absent in older documents' }) @IsOptional() @NullableDateTime() closedAt?: string | null;
  @ApiPropertyOptional({ nullable: true, enum: TASK_CLOSE_REASONS, enumName: 'TaskCloseReason', description: 'Absent in older documents' }) @IsOptional() @ValidateIf((_, v) => v !== null) @IsIn(TASK_CLOSE_REASONS) closedReason?: (typeof TASK_CLOSE_REASONS)[number] | null;
  @ApiProperty({ nullable: true, type: String }) @NullableText() notes: string | null;
  @ApiProperty({ enum: TASK_ORIGINS, enumName: 'TaskOrigin' }) @IsIn(TASK_ORIGINS) origin: (typeof TASK_ORIGINS)[number];
  @ApiProperty({ nullable: true, type: String }) @NullableUuid() personId: string | null;
  @ApiProperty({ nullable: true, type: String }) @NullableUuid() applicationId: string | null;
  @ApiProperty({ nullable: true, type: String }) @NullableUuid() stageId: string | null;
  @ApiProperty({ nullable: true, type: String }) @NullableUuid() interviewId: string | null;
  @ApiProperty() @IsInt() @Min(0) sequence: number;
  @ApiProperty({ format: 'date-time' }) @IsDateString() createdAt: string;
  @ApiProperty({ format: 'date-time' }) @IsDateString() updatedAt: string;
}

class ExportedReferralDto {
  @ApiProperty() @IsUUID() id: string;
  @ApiProperty() @IsUUID() applicationId: string;
  @ApiProperty() @IsUUID() referrerId: string;
  @ApiProperty({ nullable: true, type: String }) @NullableUuid() recruiterId: string | null;
  @ApiProperty({ enum: REFERRAL_STATUSES, enumName: 'ReferralStatus' }) @IsIn(REFERRAL_STATUSES) status: (typeof REFERRAL_STATUSES)[number];
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string', format: 'date' }, description: 'A map of status to the date it was reached', example: { discussed: '2026-03-02', submitted: '2026-03-09' } }) @IsObject() @IsValidStatusDates() statusDates: Record<string, string>;
  @ApiProperty({ nullable: true, type: String }) @NullableText() notes: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Absent in older documents' }) @IsOptional() @NullableUuid() carriedFromId?: string | null;
  @ApiProperty({ format: 'date-time' }) @IsDateString() createdAt: string;
  @ApiProperty({ format: 'date-time' }) @IsDateString() updatedAt: string;
}

class ExportedResumeProjectLinkDto {
  @ApiProperty() @IsString() @MaxLength(2000) @IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { message: 'must be an http(s) URL' }) url: string;
  @ApiProperty({ nullable: true, type: String }) @ValidateIf((_, v) => v !== null) @IsString() @MaxLength(200) label: string | null;
}

class ExportedResumeProjectDto {
  @ApiProperty() @IsUUID() id: string;
  @ApiProperty() @IsString() @Length(1, 300) title: string;
  @ApiProperty({ nullable: true, type: String }) @NullableText() summary: string | null;
  @ApiProperty({ nullable: true, type: String }) @NullableText() role: string | null;
  @ApiProperty({ nullable: true, type: String, example: '2024-03' }) @ValidateIf((_, v) => v !== null) @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'periodFrom must be a month as yyyy-mm' }) periodFrom: string | null;
  @ApiProperty({ nullable: true, type: String, example: '2025-01' }) @ValidateIf((_, v) => v !== null) @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'periodTo must be a month as yyyy-mm' }) periodTo: string | null;
  @ApiProperty({ type: [String] }) @IsArray() @IsString({ each: true }) @MaxLength(100, { each: true }) tags: string[];
  @ApiProperty({ type: [ExportedResumeProjectLinkDto] }) @IsArray() @ValidateNested({ each: true }) @Type(() => ExportedResumeProjectLinkDto) links: ExportedResumeProjectLinkDto[];
  @ApiProperty({ type: [String] }) @IsArray() @IsString({ each: true }) @MaxLength(2000, { each: true }) talkingPoints: string[];
  @ApiProperty({ enum: STAGE_TYPES, enumName: 'StageType', isArray: true }) @IsArray() @IsIn(STAGE_TYPES, { each: true }) stageTypes: (typeof STAGE_TYPES)[number][];
  @ApiProperty() @IsInt() @Min(0) @Max(1_000_000) position: number;
  @ApiProperty({ format: 'date-time' }) @IsDateString() createdAt: string;
  @ApiProperty({ format: 'date-time' }) @IsDateString() updatedAt: string;
}

/** { status: yyyy-mm-dd } with known statuses only. */
function IsValidStatusDates(): PropertyDecorator {
  return ValidateBy({
    name: 'isValidStatusDates',
    validator: {
      validate: (v) => !!v && typeof v === 'object' && Object.entries(v as object).every(([k, d]) => (REFERRAL_STATUSES as readonly string[]).includes(k) && typeof d === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(d)),
      defaultMessage: () => `must map statuses (${REFERRAL_STATUSES.join(', ')}) to dates as yyyy-mm-dd`,
    },
  });
}

class ExportedReadingEntryDto {
  @ApiProperty() @IsUUID() id: string;
  @ApiProperty() @IsUUID() workId: string;
  @ApiProperty({ nullable: true, type: String }) @ValidateIf((_, v) => v !== null) @IsString() @MaxLength(300) doi: string | null;
  @ApiProperty({ nullable: true, type: String }) @ValidateIf((_, v) => v !== null) @IsString() @MaxLength(100) arxivId: string | null;
  @ApiProperty() @IsString() @MaxLength(5000) title: string;
  @ApiProperty({ enum: READING_STATUSES, enumName: 'ReadingStatus' }) @IsIn(READING_STATUSES) status: (typeof READING_STATUSES)[number];
  @ApiProperty({ nullable: true, type: String }) @NullableText() notes: string | null;
  @ApiProperty({ nullable: true, type: String }) @NullableText() summary: string | null;
  @ApiProperty({ type: [String] }) @IsArray() @IsString({ each: true }) @MaxLength(2000, { each: true }) questions: string[];
  @ApiProperty({ format: 'date-time' }) @IsDateString() createdAt: string;
  @ApiProperty({ format: 'date-time' }) @IsDateString() updatedAt: string;
}

class ExportedWeightsDto {
  @ApiProperty() @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0) @Max(1000) citations: number;
  @ApiProperty() @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0) @Max(1000) authorship: number;
  @ApiProperty() @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0) @Max(1000) recency: number;
  @ApiProperty() @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0) @Max(1000) relevance: number;
}

class ExportedChecklistSettingsDto {
  @ApiProperty() @IsUUID() id: string;
  @ApiProperty({ nullable: true, type: String }) @NullableUuid() personId: string | null;
  @ApiProperty({ nullable: true, type: String }) @NullableUuid() interviewId: string | null;
  @ApiProperty() @IsInt() @Min(1) @Max(100) size: number;
  @ApiProperty({ type: ExportedWeightsDto }) @ValidateNested() @Type(() => ExportedWeightsDto) weights: ExportedWeightsDto;
  @ApiProperty({ format: 'date-time' }) @IsDateString() updatedAt: string;
}

class ExportedScholarlyIdentityDto {
  @ApiProperty() @IsUUID() id: string;
  @ApiProperty() @IsUUID() personId: string;
  @ApiProperty({ enum: SCHOLARLY_SOURCES, enumName: 'ScholarlySource' }) @IsIn(SCHOLARLY_SOURCES) source: string;
  @ApiProperty({ example: 'A5023888391' }) @IsString() @Length(1, 500) sourceAuthorId: string;
  @ApiProperty({ nullable: true, type: String }) @ValidateIf((_, v) => v !== null) @IsString() @MaxLength(1000) name: string | null;
  @ApiProperty({ enum: IDENTITY_STATUSES, enumName: 'IdentityStatus' }) @IsIn(IDENTITY_STATUSES) status: (typeof IDENTITY_STATUSES)[number];
  @ApiProperty({ enum: ['user', 'auto'] }) @IsIn(['user', 'auto']) linkedBy: 'user' | 'auto';
  @ApiProperty({ format: 'date-time' }) @IsDateString() createdAt: string;
}

class ExportedSyncScheduleDto {
  @ApiProperty() @IsUUID() personId: string;
  @ApiProperty({ minimum: 1, maximum: 24 * 365 }) @IsInt() @Min(1) @Max(24 * 365) everyHours: number;
  @ApiProperty({ format: 'date-time' }) @IsDateString() updatedAt: string;
}

class ExportedBriefingDto {
  @ApiProperty() @IsUUID() id: string;
  @ApiProperty() @IsUUID() interviewId: string;
  @ApiProperty() @IsInt() @Min(1) @Max(1_000_000) version: number;
  @ApiProperty({ enum: ['manual', 'schedule'] }) @IsIn(['manual', 'schedule']) trigger: 'manual' | 'schedule';
  @ApiProperty({ enum: BRIEFING_STATUSES, enumName: 'BriefingStatus', description: 'A version not finished when exported is imported as failed' }) @IsIn(BRIEFING_STATUSES) status: (typeof BRIEFING_STATUSES)[number];
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) @NullableDateTime() forStartsAt: string | null;
  @ApiProperty({ nullable: true, type: BriefingContentDto, description: 'The facts the version was rendered from, as GET /briefings/:id answers them' }) @ValidateIf((_, v) => v !== null) @IsObject() content: object | null;
  @ApiProperty({ nullable: true, type: String }) @ValidateIf((_, v) => v !== null) @IsString() @MaxLength(2_000_000) markdown: string | null;
  @ApiProperty({ nullable: true, type: String }) @ValidateIf((_, v) => v !== null) @IsString() @MaxLength(4_000_000) html: string | null;
  @ApiProperty({ type: [String] }) @IsArray() @IsString({ each: true }) @MaxLength(2000, { each: true }) changes: string[];
  @ApiProperty({ nullable: true, type: String }) @NullableText() error: string | null;
  @ApiProperty({ format: 'date-time' }) @IsDateString() createdAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) @NullableDateTime() generatedAt: string | null;
}

/** The versioned export document; the same shape GET /export answers with. */
export class AccountExportDto {
  @ApiProperty({ type: String, enum: [EXPORT_FORMAT], example: EXPORT_FORMAT }) @Equals(EXPORT_FORMAT) format: typeof EXPORT_FORMAT;
  @ApiProperty({ example: EXPORT_VERSION, description: `Versions this server reads: ${READABLE_EXPORT_VERSIONS.join(', ')} (1 has no pipeline data)` }) @IsIn([...READABLE_EXPORT_VERSIONS]) version: number;
  @ApiPropertyOptional({ format: 'date-time' }) @IsOptional() @IsDateString() exportedAt: string;
  @ApiProperty({ type: ExportedAccountDto }) @ValidateNested() @Type(() => ExportedAccountDto) account: ExportedAccountDto;
  @ApiProperty({ type: [ExportedOrganizationDto] }) @IsArray() @ValidateNested({ each: true }) @Type(() => ExportedOrganizationDto) organizations: ExportedOrganizationDto[];
  @ApiProperty({ type: [ExportedPersonDto] }) @IsArray() @ValidateNested({ each: true }) @Type(() => ExportedPersonDto) people: ExportedPersonDto[];
  @ApiProperty({ type: [ExportedInteractionDto] }) @IsArray() @ValidateNested({ each: true }) @Type(() => ExportedInteractionDto) interactions: ExportedInteractionDto[];
  @ApiPropertyOptional({ type: [ExportedStageTemplateDto], description: 'Since version 2' }) @IsOptional() @IsArray() @ValidateNested({ each: true }) @Type(() => ExportedStageTemplateDto) stageTemplates?: ExportedStageTemplateDto[];
  @ApiPropertyOptional({ type: [ExportedApplicationDto], description: 'Since version 2: with their stages and moves' }) @IsOptional() @IsArray() @ValidateNested({ each: true }) @Type(() => ExportedApplicationDto) applications?: ExportedApplicationDto[];
  @ApiPropertyOptional({ type: [ExportedInterviewDto], description: 'Since version 2' }) @IsOptional() @IsArray() @ValidateNested({ each: true }) @Type(() => ExportedInterviewDto) interviews?: ExportedInterviewDto[];
  @ApiPropertyOptional({ type: [ExportedInterviewerNoteDto], description: 'Added with per-interviewer notes; absent in older documents' }) @IsOptional() @IsArray() @ValidateNested({ each: true }) @Type(() => ExportedInterviewerNoteDto) interviewerNotes?: ExportedInterviewerNoteDto[];
  @ApiPropertyOptional({ type: [ExportedStageRetrospectiveDto], description: 'Added with stage retrospectives; absent in older documents' }) @IsOptional() @IsArray() @ValidateNested({ each: true }) @Type(() => ExportedStageRetrospectiveDto) stageRetrospectives?: ExportedStageRetrospectiveDto[];
  @ApiPropertyOptional({ type: [ExportedTaskDto], description: 'Since version 2' }) @IsOptional() @IsArray() @ValidateNested({ each: true }) @Type(() => ExportedTaskDto) tasks?: ExportedTaskDto[];
  @ApiPropertyOptional({ type: [ExportedReferralDto], description: 'Since version 2' }) @IsOptional() @IsArray() @ValidateNested({ each: true }) @Type(() => ExportedReferralDto) referrals?: ExportedReferralDto[];
  @ApiPropertyOptional({ type: [ExportedReadingEntryDto], description: 'Added with reading checklists; absent in older documents' }) @IsOptional() @IsArray() @ValidateNested({ each: true }) @Type(() => ExportedReadingEntryDto) readingEntries?: ExportedReadingEntryDto[];
  @ApiPropertyOptional({ type: [ExportedChecklistSettingsDto], description: 'Added with reading checklists; absent in older documents' }) @IsOptional() @IsArray() @ValidateNested({ each: true }) @Type(() => ExportedChecklistSettingsDto) readingChecklistSettings?: ExportedChecklistSettingsDto[];
  @ApiPropertyOptional({ type: [ExportedResumeProjectDto], description: 'Added with résumé projects; absent in older documents' }) @IsOptional() @IsArray() @ValidateNested({ each: true }) @Type(() => ExportedResumeProjectDto) resumeProjects?: ExportedResumeProjectDto[];
  @ApiPropertyOptional({ type: [ExportedScholarlyIdentityDto], description: 'Since version 3; an import syncs the linked ones again' }) @IsOptional() @IsArray() @ValidateNested({ each: true }) @Type(() => ExportedScholarlyIdentityDto) scholarlyIdentities?: ExportedScholarlyIdentityDto[];
  @ApiPropertyOptional({ type: [ExportedSyncScheduleDto], description: "Since version 3: people's own sync cadences" }) @IsOptional() @IsArray() @ValidateNested({ each: true }) @Type(() => ExportedSyncScheduleDto) syncSchedules?: ExportedSyncScheduleDto[];
  @ApiPropertyOptional({ type: [ExportedBriefingDto], description: 'Since version 3: every version of every briefing' }) @IsOptional() @IsArray() @ValidateNested({ each: true }) @Type(() => ExportedBriefingDto) briefings?: ExportedBriefingDto[];
}
