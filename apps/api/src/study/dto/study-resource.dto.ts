import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, IsUrl, Length, Max, MaxLength, Min, ValidateIf, ValidateNested } from 'class-validator';
import { STAGE_TYPES, StageType } from '#domain/stage-templates/index';
import { RESOURCE_EMPHASES, ResourceEmphasis, STUDY_EMPHASES, STUDY_RESOURCE_KINDS, STUDY_UNITS, StudyEmphasis, StudyResourceKind, StudyResourceView, StudySession, StudyUnit } from '#domain/study/index';
import { IsZonedDateTime } from '../../common/date-validators';
import { PageQuery } from '../../common/page-query';

const notNull = (_: object, v: unknown): boolean => v !== null;
/** A 2,000-page book or 10,000 minutes of course is the largest resource anyone logs. */
const MAX_AMOUNT = 100_000;

export class StudyPartDto {
  @ApiProperty({ example: 'Ch. 5 Bit manipulation' })
  @IsString()
  @Length(1, 300)
  title: string;

  @ApiProperty({ minimum: 1, maximum: MAX_AMOUNT, example: 8, description: "Its size in the resource's unit" })
  @IsInt()
  @Min(1)
  @Max(MAX_AMOUNT)
  amount: number;

  @ApiPropertyOptional({
    enum: STUDY_EMPHASES,
    enumName: 'StudyEmphasis',
    default: 'core',
    description: 'core: read in full; skim: the first to skim when behind; optional: the first to drop when behind; skip: not part of the plan',
  })
  @IsOptional()
  @IsIn(STUDY_EMPHASES)
  emphasis?: StudyEmphasis;
}

class StudyResourceFieldsDto {
  @ApiPropertyOptional({ type: String, nullable: true, example: 'Gayle Laakmann McDowell' })
  @IsOptional()
  @ValidateIf(notNull)
  @IsString()
  @MaxLength(300)
  author?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'https://mml-book.github.io/' })
  @IsOptional()
  @ValidateIf(notNull)
  @IsString()
  @MaxLength(2000)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { message: 'must be an http(s) URL' })
  url?: string | null;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_AMOUNT, description: "Its size in its unit; required without parts, else the parts' sum (which it defaults to)" })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_AMOUNT)
  totalAmount?: number;

  @ApiPropertyOptional({ type: [StudyPartDto], description: 'Chapters, problems or sections in order; replaces the list' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => StudyPartDto)
  parts?: StudyPartDto[];

  @ApiPropertyOptional({ enum: RESOURCE_EMPHASES, enumName: 'ResourceEmphasis', default: 'core', description: 'The whole resource: core, skim (skim first when behind) or optional (drop first when behind)' })
  @IsOptional()
  @IsIn(RESOURCE_EMPHASES)
  emphasis?: ResourceEmphasis;

  @ApiPropertyOptional({ type: [String], example: ['dynamic programming'], description: 'Repeats (any case) are dropped' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  topics?: string[];

  @ApiPropertyOptional({ enum: STAGE_TYPES, enumName: 'StageType', isArray: true, description: 'The stage types it prepares for; empty: any' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(STAGE_TYPES.length)
  @IsIn(STAGE_TYPES, { each: true })
  stageTypes?: StageType[];

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @ValidateIf(notNull)
  @IsString()
  @MaxLength(20_000)
  notes?: string | null;
}

export class CreateStudyResourceDto extends StudyResourceFieldsDto {
  @ApiProperty({ enum: STUDY_RESOURCE_KINDS, enumName: 'StudyResourceKind' })
  @IsIn(STUDY_RESOURCE_KINDS)
  kind: StudyResourceKind;

  @ApiProperty({ example: 'Cracking the Coding Interview' })
  @IsString()
  @Length(1, 300)
  title: string;

  @ApiProperty({ enum: STUDY_UNITS, enumName: 'StudyUnit', description: 'What progress is counted in' })
  @IsIn(STUDY_UNITS)
  unit: StudyUnit;
}

export class UpdateStudyResourceDto extends StudyResourceFieldsDto {
  @ApiPropertyOptional({ enum: STUDY_RESOURCE_KINDS, enumName: 'StudyResourceKind' })
  @IsOptional()
  @IsIn(STUDY_RESOURCE_KINDS)
  kind?: StudyResourceKind;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 300)
  title?: string;

  @ApiPropertyOptional({ enum: STUDY_UNITS, enumName: 'StudyUnit' })
  @IsOptional()
  @IsIn(STUDY_UNITS)
  unit?: StudyUnit;
}

export class ListStudyResourcesQuery extends PageQuery {
  @ApiPropertyOptional({ enum: STAGE_TYPES, enumName: 'StageType', description: 'Only those for this stage type (naming it, or naming none)' })
  @IsOptional()
  @IsIn(STAGE_TYPES)
  stageType?: StageType;

  @ApiPropertyOptional({ description: 'Only those tagged with this topic (any case)' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  topic?: string;

  @ApiPropertyOptional({ description: 'Text in the title' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}

export class ResourceProgressResponse {
  @ApiProperty({ description: 'Everything logged, in its unit' }) doneAmount: number;
  @ApiProperty({ description: 'Its size without skipped parts' }) plannedAmount: number;
  @ApiProperty({ description: 'Of the planned amount, 0–100' }) percent: number;
  @ApiProperty() sessions: number;
  @ApiProperty({ description: 'Minutes logged' }) minutes: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastStudiedAt: string | null;
}

export class StudyPartResponse {
  @ApiProperty() title: string;
  @ApiProperty() amount: number;
  @ApiProperty({ enum: STUDY_EMPHASES, enumName: 'StudyEmphasis' }) emphasis: StudyEmphasis;
}

export class StudyResourceResponse {
  @ApiProperty() id: string;
  @ApiProperty({ enum: STUDY_RESOURCE_KINDS, enumName: 'StudyResourceKind' }) kind: StudyResourceKind;
  @ApiProperty() title: string;
  @ApiProperty({ type: String, nullable: true }) author: string | null;
  @ApiProperty({ type: String, nullable: true }) url: string | null;
  @ApiProperty({ enum: STUDY_UNITS, enumName: 'StudyUnit' }) unit: StudyUnit;
  @ApiProperty() totalAmount: number;
  @ApiProperty({ type: [StudyPartResponse] }) parts: StudyPartResponse[];
  @ApiProperty({ enum: RESOURCE_EMPHASES, enumName: 'ResourceEmphasis' }) emphasis: ResourceEmphasis;
  @ApiProperty({ type: [String] }) topics: string[];
  @ApiProperty({ enum: STAGE_TYPES, enumName: 'StageType', isArray: true }) stageTypes: StageType[];
  @ApiProperty({ type: String, nullable: true }) notes: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The starter resource it was copied from' }) starterKey: string | null;
  @ApiProperty({ type: ResourceProgressResponse }) progress: ResourceProgressResponse;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;

  static from({ resource: r, progress }: StudyResourceView): StudyResourceResponse {
    return {
      id: r.id,
      kind: r.kind,
      title: r.title,
      author: r.author,
      url: r.url,
      unit: r.unit,
      totalAmount: r.totalAmount,
      parts: r.parts,
      emphasis: r.emphasis,
      topics: r.topics,
      stageTypes: r.stageTypes,
      notes: r.notes,
      starterKey: r.starterKey,
      progress: { ...progress, lastStudiedAt: progress.lastStudiedAt?.toISOString() ?? null },
      createdAt: r.createdAt.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
    };
  }
}

export class StudyResourcesPage {
  @ApiProperty({ type: [StudyResourceResponse], description: 'Oldest first' }) items: StudyResourceResponse[];
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}

export class LogStudySessionDto {
  @ApiPropertyOptional({ format: 'date-time', example: '2027-03-02T19:30:00+01:00', description: 'When; default now; not in the future' })
  @IsOptional()
  @IsZonedDateTime()
  studiedAt?: string;

  @ApiProperty({ minimum: 0, maximum: MAX_AMOUNT, example: 12, description: "How much, in the resource's unit" })
  @IsInt()
  @Min(0)
  @Max(MAX_AMOUNT)
  amount: number;

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 1, maximum: 1440, example: 60, description: 'How long: timed sessions teach the plan your pace' })
  @IsOptional()
  @ValidateIf(notNull)
  @IsInt()
  @Min(1)
  @Max(1440)
  minutes?: number | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @ValidateIf(notNull)
  @IsString()
  @MaxLength(20_000)
  notes?: string | null;
}

export class StudySessionResponse {
  @ApiProperty() id: string;
  @ApiProperty() resourceId: string;
  @ApiProperty({ format: 'date-time' }) studiedAt: string;
  @ApiProperty() amount: number;
  @ApiProperty({ type: Number, nullable: true }) minutes: number | null;
  @ApiProperty({ type: String, nullable: true }) notes: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;

  static from(s: StudySession): StudySessionResponse {
    return { id: s.id, resourceId: s.resourceId, studiedAt: s.studiedAt.toISOString(), amount: s.amount, minutes: s.minutes, notes: s.notes, createdAt: s.createdAt.toISOString() };
  }
}

export class StudySessionsPage {
  @ApiProperty({ type: [StudySessionResponse], description: 'Newest first' }) items: StudySessionResponse[];
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}
