import { PageQuery } from '../../common/page-query';
import { ApiProperty, ApiPropertyOptional, PartialType, OmitType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsString, IsUUID, Length, MaxLength, ValidateIf, ValidateNested } from 'class-validator';
import { BUILT_IN_TEMPLATE_KEYS, BuiltInTemplate, STAGE_TYPES, StageTemplate, StageType, TemplateStage } from '#domain/stage-templates/index';

export class TemplateStageDto {
  @ApiProperty({ example: 'Coding interview' })
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiProperty({ enum: STAGE_TYPES, enumName: 'StageType', description: 'Later features pick prep material by type' })
  @IsIn(STAGE_TYPES)
  type: StageType;

  @ApiPropertyOptional({ type: [String], description: "Prep tasks created when an application enters the stage; default: the type's checklist" })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 500, { each: true })
  checklist?: string[];
}

export class CreateStageTemplateDto {
  @ApiPropertyOptional({ example: 'DeepMind RE loop', description: "Required unless fromBuiltIn is given (then the built-in's name)" })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  name?: string;

  @ApiPropertyOptional({ type: String, example: 'Research Engineer', nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(200)
  role?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'The organization whose loop this is; null for a general template' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsUUID()
  organizationId?: string | null;

  @ApiPropertyOptional({ type: [TemplateStageDto], description: 'Stages in order; required unless fromBuiltIn is given' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => TemplateStageDto)
  stages?: TemplateStageDto[];

  @ApiPropertyOptional({ enum: BUILT_IN_TEMPLATE_KEYS, enumName: 'BuiltInTemplateKey', description: 'Start from a built-in loop' })
  @IsOptional()
  @IsIn(BUILT_IN_TEMPLATE_KEYS)
  fromBuiltIn?: string;
}

export class UpdateStageTemplateDto extends PartialType(OmitType(CreateStageTemplateDto, ['fromBuiltIn'] as const)) {}

export class ListStageTemplatesQuery extends PageQuery {
  @ApiPropertyOptional({ description: "Only this organization's templates" })
  @IsOptional()
  @IsUUID()
  organizationId?: string;
}

export class TemplateStageResponse {
  @ApiProperty() name: string;
  @ApiProperty({ enum: STAGE_TYPES, enumName: 'StageType' }) type: StageType;
  @ApiProperty({ type: [String] }) checklist: string[];

  static from(s: TemplateStage): TemplateStageResponse {
    return { name: s.name, type: s.type, checklist: s.checklist };
  }
}

export class StageTemplateResponse {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) role: string | null;
  @ApiProperty({ nullable: true, type: String }) organizationId: string | null;
  @ApiProperty({ type: [TemplateStageResponse] }) stages: TemplateStageResponse[];
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;

  static from(t: StageTemplate): StageTemplateResponse {
    return { id: t.id, name: t.name, role: t.role, organizationId: t.organizationId, stages: t.stages.map(TemplateStageResponse.from), createdAt: t.createdAt.toISOString(), updatedAt: t.updatedAt.toISOString() };
  }
}

export class BuiltInTemplateResponse {
  @ApiProperty({ example: 'research-engineer', description: 'Pass as fromBuiltIn or builtInTemplate' }) key: string;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) role: string | null;
  @ApiProperty({ type: [TemplateStageResponse] }) stages: TemplateStageResponse[];

  static from(t: BuiltInTemplate): BuiltInTemplateResponse {
    return { key: t.key, name: t.name, role: t.role, stages: t.stages.map(TemplateStageResponse.from) };
  }
}

export class StageTemplatesPage {
  @ApiProperty({ type: [StageTemplateResponse], description: 'By name' }) items: StageTemplateResponse[];
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}
