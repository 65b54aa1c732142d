import { Injectable } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsDateString, IsIn, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import type { EntityManager } from 'typeorm';
import { AccountExportPart, ExportContext, ExportPart, NullableText, NullableUuid, recordOf, RestoreContext, sectionOf } from '../account-export/index';
import { StageTemplate } from './stage-template.entity';
import { STAGE_TYPES } from './stage-types';

export class ExportedTemplateStageDto {
  @ApiProperty() @IsString() @MaxLength(300) name: string;
  @ApiProperty({ enum: STAGE_TYPES, enumName: 'StageType' }) @IsIn(STAGE_TYPES) type: (typeof STAGE_TYPES)[number];
  @ApiProperty({ type: [String] }) @IsArray() @IsString({ each: true }) @MaxLength(2000, { each: true }) checklist: string[];
}

export class ExportedStageTemplateDto {
  @ApiProperty() @IsUUID() id: string;
  @ApiProperty({ nullable: true, type: String }) @NullableUuid() organizationId: string | null;
  @ApiProperty() @IsString() @MaxLength(300) name: string;
  @ApiProperty({ nullable: true, type: String }) @NullableText() role: string | null;
  @ApiProperty({ type: [ExportedTemplateStageDto] }) @IsArray() @ValidateNested({ each: true }) @Type(() => ExportedTemplateStageDto) stages: ExportedTemplateStageDto[];
  @ApiProperty({ format: 'date-time' }) @IsDateString() createdAt: string;
  @ApiProperty({ format: 'date-time' }) @IsDateString() updatedAt: string;
}

type StageTemplatesSection = { stageTemplates?: ExportedStageTemplateDto[] };

@Injectable()
@ExportPart({ name: 'stageTemplates', after: ['organizations'], schema: { stageTemplates: sectionOf(ExportedStageTemplateDto, { since: 'Since version 2' }) } })
export class StageTemplatesExport implements AccountExportPart<StageTemplatesSection> {
  async exportPart(userId: string, { em }: ExportContext): Promise<StageTemplatesSection> {
    const templates = await em.find(StageTemplate, { where: { userId }, order: { createdAt: 'ASC', id: 'ASC' } });
    return { stageTemplates: templates.map((t) => recordOf(ExportedStageTemplateDto, t)) };
  }

  async restorePart(userId: string, doc: StageTemplatesSection, ctx: RestoreContext): Promise<void> {
    const ids = ctx.ids('stageTemplates');
    await ctx.write(
      StageTemplate,
      ids.allocate(doc.stageTemplates ?? []).map((t) => ({
        id: ids.get(t.id)!,
        userId,
        organizationId: ctx.ref('organizations', t.organizationId, `stageTemplates[${t.id}].organizationId`),
        name: t.name,
        role: t.role,
        stages: t.stages,
        createdAt: new Date(t.createdAt),
        updatedAt: new Date(t.updatedAt),
      })),
    );
  }

  async hasData(em: EntityManager, userId: string): Promise<boolean> {
    return em.existsBy(StageTemplate, { userId });
  }
}
