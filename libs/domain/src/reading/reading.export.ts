import { applyDecorators, Injectable } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsDateString, IsIn, IsInt, IsNumber, IsOptional, IsString, IsUUID, Max, MaxLength, Min, ValidateIf, ValidateNested } from 'class-validator';
import { AccountExportPart, ExportContext, ExportPart, NullableText, NullableUuid, recordOf, RestoreContext, sectionOf } from '../account-export/index';
import { findWorks, workKeys } from '../works/index';
import { ChecklistSettings } from './checklist-settings.entity';
import { READING_STATUSES, ReadingEntry } from './reading-entry.entity';
import { ReadingGoal } from './reading-goal.entity';

export class ExportedReadingEntryDto {
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

export class ExportedWeightsDto {
  @ApiProperty() @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0) @Max(1000) citations: number;
  @ApiProperty() @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0) @Max(1000) authorship: number;
  @ApiProperty() @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0) @Max(1000) recency: number;
  @ApiProperty() @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0) @Max(1000) relevance: number;
}

export class ExportedChecklistSettingsDto {
  @ApiProperty() @IsUUID() id: string;
  @ApiProperty({ nullable: true, type: String }) @NullableUuid() personId: string | null;
  @ApiProperty({ nullable: true, type: String }) @NullableUuid() interviewId: string | null;
  @ApiProperty() @IsInt() @Min(1) @Max(100) size: number;
  @ApiProperty({ type: ExportedWeightsDto }) @ValidateNested() @Type(() => ExportedWeightsDto) weights: ExportedWeightsDto;
  @ApiProperty({ format: 'date-time' }) @IsDateString() updatedAt: string;
}

type ReadingSection = {
  account: { readingCoverageTarget?: number | null };
  readingEntries?: ExportedReadingEntryDto[];
  readingChecklistSettings?: ExportedChecklistSettingsDto[];
};

/**
 * Reading checklists: the entries (each names its work by id and by DOI/arXiv id, as works are
 * shared), the checklists' settings and the account's reading goal.
 */
@Injectable()
@ExportPart({
  name: 'reading',
  after: ['people', 'interviews'],
  schema: {
    'account.readingCoverageTarget': applyDecorators(
      ApiPropertyOptional({ nullable: true, type: Number, minimum: 1, maximum: 100, description: 'Reading goal in percent; null while the default applies; absent in older documents' }),
      IsOptional(),
      ValidateIf((_, v) => v !== null),
      IsInt(),
      Min(1),
      Max(100),
    ),
    readingEntries: sectionOf(ExportedReadingEntryDto, { since: 'Added with reading checklists; absent in older documents' }),
    readingChecklistSettings: sectionOf(ExportedChecklistSettingsDto, { since: 'Added with reading checklists; absent in older documents' }),
  },
})
export class ReadingExport implements AccountExportPart<ReadingSection> {
  async exportPart(userId: string, { em }: ExportContext): Promise<ReadingSection> {
    // The work's ids and title, so that another Dossier finds it again (works are shared: read, never exported whole).
    const all = (await em.query('SELECT e.* FROM reading_entries e WHERE e.user_id = $1 ORDER BY e.created_at, e.id', [userId])) as Record<string, any>[];
    const keys = await workKeys(em, all.map((e) => e.work_id));
    const entries = all.filter((e) => keys.has(e.work_id)).map((e): Record<string, any> => ({ ...e, ...keys.get(e.work_id)! }));
    const settings = await em.find(ChecklistSettings, { where: { userId }, order: { updatedAt: 'ASC', id: 'ASC' } });
    const goal = await em.findOneBy(ReadingGoal, { userId });
    return {
      account: { readingCoverageTarget: goal?.coverageTarget ?? null },
      readingEntries: entries.map((e) => ({
        id: e.id,
        workId: e.work_id,
        doi: e.doi,
        arxivId: e.arxivId,
        title: e.title,
        status: e.status,
        notes: e.notes,
        summary: e.summary,
        questions: e.questions,
        createdAt: e.created_at.toISOString(),
        updatedAt: e.updated_at.toISOString(),
      })),
      readingChecklistSettings: settings.map((c) => recordOf(ExportedChecklistSettingsDto, c)),
    };
  }

  /**
   * Reading entries name shared works: the same id where the work is cached here, else the work with
   * the same DOI or arXiv id; one whose work is not here is reported (a sync of its author brings it).
   */
  async restorePart(userId: string, doc: ReadingSection, ctx: RestoreContext): Promise<void> {
    const { em } = ctx;
    if (doc.account.readingCoverageTarget != null) {
      await em.query('INSERT INTO reading_goals (user_id, coverage_target) VALUES ($1, $2) ON CONFLICT (user_id) DO UPDATE SET coverage_target = EXCLUDED.coverage_target, updated_at = now()', [userId, doc.account.readingCoverageTarget]);
    }
    const entries = doc.readingEntries ?? [];
    const found = await findWorks(em, entries.map((e) => ({ workId: e.workId, doi: e.doi, arxivId: e.arxivId })));
    const seenWorks = new Set<string>();
    const rows: Partial<ReadingEntry>[] = [];
    entries.forEach((e, i) => {
      const workId = found[i];
      if (!workId) return ctx.skip(`readingEntries[${e.id}]`, `the work "${e.title}" is not cached here; sync its author, then import again or set it anew`);
      if (seenWorks.has(workId)) return ctx.skip(`readingEntries[${e.id}]`, 'another entry of the document is about the same work; the first is kept');
      seenWorks.add(workId);
      rows.push({ userId, workId, status: e.status, notes: e.notes, summary: e.summary, questions: e.questions, createdAt: new Date(e.createdAt), updatedAt: new Date(e.updatedAt) });
    });
    await ctx.write(ReadingEntry, rows);

    const seenTargets = new Set<string>();
    const settings: Partial<ChecklistSettings>[] = [];
    for (const c of doc.readingChecklistSettings ?? []) {
      const personId = c.personId ? ctx.ids('people').get(c.personId) : null;
      const interviewId = c.interviewId ? ctx.ids('interviews').get(c.interviewId) : null;
      const target = personId ? `p${personId}` : interviewId ? `i${interviewId}` : null;
      if (!target || (personId && interviewId)) {
        ctx.skip(`readingChecklistSettings[${c.id}]`, 'refers to no person or interview of the document (or to both); not imported');
      } else if (seenTargets.has(target)) {
        ctx.skip(`readingChecklistSettings[${c.id}]`, 'the same checklist has settings earlier in the document; the first are kept');
      } else {
        seenTargets.add(target);
        settings.push({ userId, personId, interviewId, size: c.size, weights: c.weights, updatedAt: new Date(c.updatedAt) });
      }
    }
    await ctx.write(ChecklistSettings, settings);
  }
}
