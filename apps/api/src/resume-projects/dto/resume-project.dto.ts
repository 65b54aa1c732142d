import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, IsUrl, Length, Matches, Max, MaxLength, Min, ValidateIf, ValidateNested } from 'class-validator';
import { ResumeProject } from '#domain/resume-projects/index';
import { STAGE_TYPES, StageType } from '#domain/stage-templates/index';
import { PageQuery } from '../../common/page-query';

const notNull = (_: object, v: unknown): boolean => v !== null;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export class ResumeProjectLinkDto {
  @ApiProperty({ example: 'https://github.com/ada/engine' })
  @IsString()
  @MaxLength(2000)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { message: 'must be an http(s) URL' })
  url: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'Code' })
  @IsOptional()
  @ValidateIf(notNull)
  @IsString()
  @MaxLength(200)
  label?: string | null;
}

/** The fields both creating and editing take; only the title's presence differs. */
class ResumeProjectFieldsDto {
  @ApiPropertyOptional({ type: String, nullable: true, description: 'What it was and why it mattered' })
  @IsOptional()
  @ValidateIf(notNull)
  @IsString()
  @MaxLength(20_000)
  summary?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'Lead engineer' })
  @IsOptional()
  @ValidateIf(notNull)
  @IsString()
  @MaxLength(300)
  role?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: '2024-03', description: 'yyyy-mm' })
  @IsOptional()
  @ValidateIf(notNull)
  @Matches(MONTH, { message: 'periodFrom must be a month as yyyy-mm' })
  periodFrom?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: '2025-01', description: 'yyyy-mm, not before periodFrom; null: ongoing' })
  @IsOptional()
  @ValidateIf(notNull)
  @Matches(MONTH, { message: 'periodTo must be a month as yyyy-mm' })
  periodTo?: string | null;

  @ApiPropertyOptional({ type: [String], example: ['PyTorch', 'distributed training'], description: 'Technologies and skills; repeats (any case) are dropped' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  tags?: string[];

  @ApiPropertyOptional({ type: [ResumeProjectLinkDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => ResumeProjectLinkDto)
  links?: ResumeProjectLinkDto[];

  @ApiPropertyOptional({ type: [String], example: ['Why we chose data parallelism over pipelining', 'The bug that cost a week'], description: 'In order; each non-blank' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(2000, { each: true })
  talkingPoints?: string[];

  @ApiPropertyOptional({ enum: STAGE_TYPES, enumName: 'StageType', isArray: true, description: 'Stage types it is worth raising in; empty: any' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(STAGE_TYPES.length)
  @IsIn(STAGE_TYPES, { each: true })
  stageTypes?: StageType[];

  @ApiPropertyOptional({ minimum: 0, maximum: 1_000_000, description: 'List order, ascending (ties: oldest first); default on create: last' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  position?: number;
}

export class CreateResumeProjectDto extends ResumeProjectFieldsDto {
  @ApiProperty({ example: 'Distributed RL trainer' })
  @IsString()
  @Length(1, 300)
  title: string;
}

export class UpdateResumeProjectDto extends ResumeProjectFieldsDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 300)
  title?: string;
}

export class ListResumeProjectsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: STAGE_TYPES, enumName: 'StageType', description: 'Only those relevant to this stage type (naming it, or naming none)' })
  @IsOptional()
  @IsIn(STAGE_TYPES)
  stageType?: StageType;
}

export class ResumeProjectResponse {
  @ApiProperty() id: string;
  @ApiProperty() title: string;
  @ApiProperty({ nullable: true, type: String }) summary: string | null;
  @ApiProperty({ nullable: true, type: String }) role: string | null;
  @ApiProperty({ nullable: true, type: String, example: '2024-03' }) periodFrom: string | null;
  @ApiProperty({ nullable: true, type: String, example: '2025-01' }) periodTo: string | null;
  @ApiProperty({ type: [String] }) tags: string[];
  @ApiProperty({ type: [ResumeProjectLinkDto] }) links: ResumeProjectLinkDto[];
  @ApiProperty({ type: [String] }) talkingPoints: string[];
  @ApiProperty({ enum: STAGE_TYPES, enumName: 'StageType', isArray: true }) stageTypes: StageType[];
  @ApiProperty() position: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;

  static from(p: ResumeProject): ResumeProjectResponse {
    return {
      id: p.id,
      title: p.title,
      summary: p.summary,
      role: p.role,
      periodFrom: p.periodFrom,
      periodTo: p.periodTo,
      tags: p.tags,
      links: p.links,
      talkingPoints: p.talkingPoints,
      stageTypes: p.stageTypes,
      position: p.position,
      createdAt: p.createdAt.toISOString(),
      updatedAt: p.updatedAt.toISOString(),
    };
  }
}

export class ResumeProjectsPage {
  @ApiProperty({ type: [ResumeProjectResponse], description: 'By position, then oldest first' }) items: ResumeProjectResponse[];
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}
