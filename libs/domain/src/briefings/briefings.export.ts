import { Injectable } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsArray, IsDateString, IsIn, IsInt, IsObject, IsString, IsUUID, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { AccountExportPart, ExportContext, ExportPart, NullableDateTime, NullableText, recordOf, RestoreContext, sectionOf } from '../account-export/index';
import type { BriefingContent } from './briefing-content';
import { Briefing, BRIEFING_STATUSES, BriefingStatus, BriefingTrigger } from './briefing.entity';

const UNFINISHED_BRIEFING = 'This version was still being made when the account was exported; ask for a new one';

/** One version of a briefing, with the facts it was rendered from and what it said. */
export class ExportedBriefingDto {
  @ApiProperty() @IsUUID() id: string;
  @ApiProperty() @IsUUID() interviewId: string;
  @ApiProperty() @IsInt() @Min(1) @Max(1_000_000) version: number;
  @ApiProperty({ enum: ['manual', 'schedule'] }) @IsIn(['manual', 'schedule']) trigger: BriefingTrigger;
  @ApiProperty({ enum: BRIEFING_STATUSES, enumName: 'BriefingStatus', description: 'A version not finished when exported is imported as failed' }) @IsIn(BRIEFING_STATUSES) status: BriefingStatus;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) @NullableDateTime() forStartsAt: string | null;
  // The facts' schema is the API's (GET /briefings/:id answers them): named, not restated.
  @ApiProperty({ nullable: true, allOf: [{ $ref: '#/components/schemas/BriefingContentDto' }], description: 'The facts the version was rendered from, as GET /briefings/:id answers them' })
  @ValidateIf((_, v) => v !== null)
  @IsObject()
  content: BriefingContent | null;
  @ApiProperty({ nullable: true, type: String }) @ValidateIf((_, v) => v !== null) @IsString() @MaxLength(2_000_000) markdown: string | null;
  @ApiProperty({ nullable: true, type: String }) @ValidateIf((_, v) => v !== null) @IsString() @MaxLength(4_000_000) html: string | null;
  @ApiProperty({ type: [String] }) @IsArray() @IsString({ each: true }) @MaxLength(2000, { each: true }) changes: string[];
  @ApiProperty({ nullable: true, type: String }) @NullableText() error: string | null;
  @ApiProperty({ format: 'date-time' }) @IsDateString() createdAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) @NullableDateTime() generatedAt: string | null;
}

type BriefingsSection = { briefings?: ExportedBriefingDto[] };

/**
 * Every version of every interview's briefing. Restored last: a version keeps what it said, and the
 * facts it was made from name the new ids of whatever records they mention.
 */
@Injectable()
@ExportPart({ name: 'briefings', after: 'all', schema: { briefings: sectionOf(ExportedBriefingDto, { since: 'Since version 3: every version of every briefing' }) } })
export class BriefingsExport implements AccountExportPart<BriefingsSection> {
  async exportPart(userId: string, { em }: ExportContext): Promise<BriefingsSection> {
    const briefings = await em.find(Briefing, { where: { userId }, order: { interviewId: 'ASC', version: 'ASC' } });
    return {
      briefings: briefings.map((b) => recordOf(ExportedBriefingDto, b)),
    };
  }

  async restorePart(userId: string, doc: BriefingsSection, ctx: RestoreContext): Promise<void> {
    const ids = ctx.ids('briefings');
    const versions = new Set<string>();
    const briefings = ids.allocate(doc.briefings ?? []).filter((b) => {
      const item = `briefings[${b.id}]`;
      if (!ctx.required('interviews', b.interviewId, item, 'interview')) return false;
      const key = `${b.interviewId}/${b.version}`;
      if (versions.has(key)) {
        ctx.skip(item, `the document holds version ${b.version} of this interview's briefing twice; the first is kept`);
        return false;
      }
      versions.add(key);
      return true;
    });
    const renamed = ctx.renamer();
    await ctx.write(
      Briefing,
      briefings.map((b) => {
        // A version still being made when the account was exported is not made here: it is reported failed.
        const unfinished = b.status === 'queued' || b.status === 'generating';
        return {
          id: ids.get(b.id)!,
          userId,
          interviewId: ctx.ids('interviews').get(b.interviewId)!,
          version: b.version,
          trigger: b.trigger,
          status: unfinished ? ('failed' as const) : b.status,
          forStartsAt: b.forStartsAt ? new Date(b.forStartsAt) : null,
          content: b.content ? (renamed(b.content) as BriefingContent) : null,
          markdown: b.markdown,
          html: b.html,
          changes: b.changes,
          error: unfinished ? UNFINISHED_BRIEFING : b.error,
          createdAt: new Date(b.createdAt),
          generatedAt: b.generatedAt ? new Date(b.generatedAt) : null,
        };
      }),
    );
  }
}
