import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, IsUUID, Length, MaxLength, ValidateIf } from 'class-validator';
import { STAGE_TYPES, StageType } from '#domain/stage-templates/index';
import { BehaviouralStory, COMPETENCIES, Competency } from '#domain/study/index';
import { PageQuery } from '../../common/page-query';

const notNull = (_: object, v: unknown): boolean => v !== null;

class StoryFieldsDto {
  @ApiPropertyOptional({ type: String, nullable: true, description: 'S: where and when' })
  @IsOptional()
  @ValidateIf(notNull)
  @IsString()
  @MaxLength(20_000)
  situation?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'T: what you had to do' })
  @IsOptional()
  @ValidateIf(notNull)
  @IsString()
  @MaxLength(20_000)
  task?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'A: what you did' })
  @IsOptional()
  @ValidateIf(notNull)
  @IsString()
  @MaxLength(20_000)
  action?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'R: what came of it' })
  @IsOptional()
  @ValidateIf(notNull)
  @IsString()
  @MaxLength(20_000)
  result?: string | null;

  @ApiPropertyOptional({ enum: COMPETENCIES, enumName: 'Competency', isArray: true, description: 'What it shows' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(COMPETENCIES.length)
  @IsIn(COMPETENCIES, { each: true })
  competencies?: Competency[];

  @ApiPropertyOptional({ enum: STAGE_TYPES, enumName: 'StageType', isArray: true, description: 'Where it is worth telling; empty: any' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(STAGE_TYPES.length)
  @IsIn(STAGE_TYPES, { each: true })
  stageTypes?: StageType[];

  @ApiPropertyOptional({ type: [String], description: 'Résumé projects it comes from; replaces the list' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true, message: 'must be a UUID' })
  resumeProjectIds?: string[];
}

export class CreateStoryDto extends StoryFieldsDto {
  @ApiProperty({ example: 'The week-long data-loader bug' })
  @IsString()
  @Length(1, 300)
  title: string;
}

export class UpdateStoryDto extends StoryFieldsDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 300)
  title?: string;
}

export class ListStoriesQuery extends PageQuery {
  @ApiPropertyOptional({ enum: STAGE_TYPES, enumName: 'StageType', description: 'Those worth telling in this stage type (naming it, or naming none)' })
  @IsOptional()
  @IsIn(STAGE_TYPES)
  stageType?: StageType;

  @ApiPropertyOptional({ enum: COMPETENCIES, enumName: 'Competency' })
  @IsOptional()
  @IsIn(COMPETENCIES)
  competency?: Competency;
}

export class StoryCoverageQuery {
  @ApiPropertyOptional({ enum: STAGE_TYPES, enumName: 'StageType', description: 'Count only the stories worth telling in this stage type' })
  @IsOptional()
  @IsIn(STAGE_TYPES)
  stageType?: StageType;
}

export class StoryProjectResponse {
  @ApiProperty() id: string;
  @ApiProperty() title: string;
}

export class StoryResponse {
  @ApiProperty() id: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: String, nullable: true }) situation: string | null;
  @ApiProperty({ type: String, nullable: true }) task: string | null;
  @ApiProperty({ type: String, nullable: true }) action: string | null;
  @ApiProperty({ type: String, nullable: true }) result: string | null;
  @ApiProperty({ enum: COMPETENCIES, enumName: 'Competency', isArray: true }) competencies: Competency[];
  @ApiProperty({ enum: STAGE_TYPES, enumName: 'StageType', isArray: true }) stageTypes: StageType[];
  @ApiProperty({ type: [StoryProjectResponse] }) resumeProjects: StoryProjectResponse[];
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;

  static from(s: BehaviouralStory): StoryResponse {
    return {
      id: s.id,
      title: s.title,
      situation: s.situation,
      task: s.task,
      action: s.action,
      result: s.result,
      competencies: s.competencies,
      stageTypes: s.stageTypes,
      resumeProjects: (s.projects ?? []).sort((a, b) => a.position - b.position || a.createdAt.getTime() - b.createdAt.getTime()).map((p) => ({ id: p.id, title: p.title })),
      createdAt: s.createdAt.toISOString(),
      updatedAt: s.updatedAt.toISOString(),
    };
  }
}

export class StoriesPage {
  @ApiProperty({ type: [StoryResponse], description: 'Oldest first' }) items: StoryResponse[];
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}

export class CompetencyCountResponse {
  @ApiProperty({ enum: COMPETENCIES, enumName: 'Competency' }) competency: Competency;
  @ApiProperty() stories: number;
}

export class StoryCoverageResponse {
  @ApiProperty({ enum: STAGE_TYPES, enumName: 'StageType', nullable: true }) stageType: StageType | null;
  @ApiProperty({ type: [CompetencyCountResponse] }) competencies: CompetencyCountResponse[];
  @ApiProperty({ enum: COMPETENCIES, enumName: 'Competency', isArray: true, description: 'Competencies with no story yet' }) missing: Competency[];
}
