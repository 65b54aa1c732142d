import { Injectable } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsDateString, IsIn, IsInt, IsString, IsUrl, IsUUID, Length, Matches, Max, MaxLength, Min, ValidateIf, ValidateNested } from 'class-validator';
import type { EntityManager } from 'typeorm';
import { AccountExportPart, ExportContext, ExportPart, NullableText, recordOf, RestoreContext, sectionOf } from '../account-export/index';
import { STAGE_TYPES } from '../stage-templates/index';
import { ResumeProject } from './resume-project.entity';

export class ExportedResumeProjectLinkDto {
  @ApiProperty() @IsString() @MaxLength(2000) @IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { message: 'must be an http(s) URL' }) url: string;
  @ApiProperty({ nullable: true, type: String }) @ValidateIf((_, v) => v !== null) @IsString() @MaxLength(200) label: string | null;
}

export class ExportedResumeProjectDto {
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

type ResumeProjectsSection = { resumeProjects?: ExportedResumeProjectDto[] };

@Injectable()
@ExportPart({ name: 'resumeProjects', schema: { resumeProjects: sectionOf(ExportedResumeProjectDto, { since: 'Added with résumé projects; absent in older documents' }) } })
export class ResumeProjectsExport implements AccountExportPart<ResumeProjectsSection> {
  async exportPart(userId: string, { em }: ExportContext): Promise<ResumeProjectsSection> {
    const projects = await em.find(ResumeProject, { where: { userId }, order: { position: 'ASC', createdAt: 'ASC', id: 'ASC' } });
    return {
      resumeProjects: projects.map((p) => recordOf(ExportedResumeProjectDto, p)),
    };
  }

  async restorePart(userId: string, doc: ResumeProjectsSection, ctx: RestoreContext): Promise<void> {
    const ids = ctx.ids('resumeProjects');
    await ctx.write(
      ResumeProject,
      // The validated document holds the columns only: each is written as it was.
      ids.allocate(doc.resumeProjects ?? []).map(({ id, createdAt, updatedAt, ...columns }) => ({ ...columns, id: ids.get(id)!, userId, createdAt: new Date(createdAt), updatedAt: new Date(updatedAt) })),
    );
  }

  async hasData(em: EntityManager, userId: string): Promise<boolean> {
    return em.existsBy(ResumeProject, { userId });
  }
}
