import { Injectable } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsDateString, IsIn, IsString, IsUUID, Length, MaxLength, ValidateIf, ValidateNested } from 'class-validator';
import { AccountExportPart, ExportContext, ExportPart, NullableDateTime, RestoreContext, sectionOf } from '../account-export/index';
import { IsScholarlySource, SCHOLARLY_SOURCES } from '../scholarly/index';
import { ATTRIBUTION_DECISIONS, ATTRIBUTION_EVIDENCE_KINDS, ATTRIBUTION_STATUSES, WorkAttribution } from './work-attribution.entity';

export class ExportedAttributionEvidenceDto {
  @ApiProperty({ enum: ATTRIBUTION_EVIDENCE_KINDS, enumName: 'AttributionEvidenceKind', description: 'identity: another linked identity lists it; name: written in full as they are known; coauthors; fields: an arXiv category of theirs (counted only with name-form); name-form: written as their confirmed records write them' }) @IsIn(ATTRIBUTION_EVIDENCE_KINDS) kind: (typeof ATTRIBUTION_EVIDENCE_KINDS)[number];
  @ApiProperty() @IsString() @MaxLength(2000) detail: string;
}

/**
 * The user's accept/reject of a work a name query attributes to a person. Works are shared, so the
 * record is named by its source's id, and its work by DOI and arXiv id (a record may come back
 * under another id), with the title for the report.
 */
export class ExportedWorkDecisionDto {
  @ApiProperty() @IsUUID() personId: string;
  @ApiProperty({ enum: SCHOLARLY_SOURCES, enumName: 'ScholarlySource' }) @IsScholarlySource() source: string;
  @ApiProperty({ example: '2307.40004' }) @IsString() @Length(1, 500) sourceId: string;
  @ApiProperty({ nullable: true, type: String }) @ValidateIf((_, v) => v !== null) @IsString() @MaxLength(300) doi: string | null;
  @ApiProperty({ nullable: true, type: String }) @ValidateIf((_, v) => v !== null) @IsString() @MaxLength(100) arxivId: string | null;
  @ApiProperty() @IsString() @MaxLength(5000) title: string;
  @ApiProperty({ enum: ATTRIBUTION_STATUSES, enumName: 'AttributionStatus', description: 'What the evidence says' }) @IsIn(ATTRIBUTION_STATUSES) status: (typeof ATTRIBUTION_STATUSES)[number];
  @ApiProperty({ type: [ExportedAttributionEvidenceDto] }) @IsArray() @ValidateNested({ each: true }) @Type(() => ExportedAttributionEvidenceDto) evidence: ExportedAttributionEvidenceDto[];
  @ApiProperty({ enum: ATTRIBUTION_DECISIONS, enumName: 'AttributionDecision' }) @IsIn(ATTRIBUTION_DECISIONS) decision: (typeof ATTRIBUTION_DECISIONS)[number];
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) @NullableDateTime() decidedAt: string | null;
  @ApiProperty({ format: 'date-time' }) @IsDateString() evaluatedAt: string;
}

type WorkDecisionsSection = { workDecisions?: ExportedWorkDecisionDto[] };

/** The user's decisions on works found by name; what is not decided yet, the next sync evaluates again. */
@Injectable()
@ExportPart({ name: 'workDecisions', after: ['people'], schema: { workDecisions: sectionOf(ExportedWorkDecisionDto, { since: 'Added with decisions on works found by name; absent in older documents' }) } })
export class WorksExport implements AccountExportPart<WorkDecisionsSection> {
  async exportPart(userId: string, { em }: ExportContext): Promise<WorkDecisionsSection> {
    const rows = (await em.query(
      `SELECT wt.person_id, r.source, r.source_id, w.doi, w.arxiv_id, w.title, wt.status, wt.evidence, wt.decision, wt.decided_at, wt.evaluated_at
         FROM work_attributions wt JOIN work_records r ON r.id = wt.record_id JOIN works w ON w.id = r.work_id
        WHERE wt.user_id = $1 AND wt.decision IS NOT NULL
        ORDER BY wt.decided_at, r.source, r.source_id, wt.person_id`,
      [userId],
    )) as Record<string, any>[];
    return {
      workDecisions: rows.map((r) => ({
        personId: r.person_id,
        source: r.source,
        sourceId: r.source_id,
        doi: r.doi,
        arxivId: r.arxiv_id,
        title: r.title,
        status: r.status,
        evidence: r.evidence,
        decision: r.decision,
        decidedAt: r.decided_at ? r.decided_at.toISOString() : null,
        evaluatedAt: r.evaluated_at.toISOString(),
      })),
    };
  }

  /**
   * The record with the same source id, else the source's record of the work with the same DOI or
   * arXiv id; a decision on a record not cached here is reported (a sync of the person brings it).
   */
  async restorePart(userId: string, doc: WorkDecisionsSection, ctx: RestoreContext): Promise<void> {
    const decisions = (doc.workDecisions ?? []).filter((d, i) => ctx.required('people', d.personId, `workDecisions[${i}]`, 'person'));
    const found = decisions.length
      ? ((await ctx.em.query(
          `SELECT coalesce(
                    (SELECT r.id FROM work_records r WHERE r.source = d.source AND r.source_id = d.source_id),
                    (SELECT r.id FROM work_records r JOIN works w ON w.id = r.work_id WHERE r.source = d.source AND (w.doi = d.doi OR w.arxiv_id = d.arxiv) ORDER BY r.fetched_at DESC, r.id LIMIT 1)) AS record_id
             FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) WITH ORDINALITY AS d(source, source_id, doi, arxiv, ord) ORDER BY d.ord`,
          [decisions.map((d) => d.source), decisions.map((d) => d.sourceId), decisions.map((d) => d.doi), decisions.map((d) => d.arxivId)],
        )) as { record_id: string | null }[])
      : [];
    const seen = new Set<string>();
    const rows: Partial<WorkAttribution>[] = [];
    decisions.forEach((d, i) => {
      const item = `workDecisions[${d.source}:${d.sourceId}]`;
      const recordId = found[i].record_id;
      if (!recordId) return ctx.skip(item, `the work "${d.title}" is not cached here; sync the person, then decide again or import again`);
      const personId = ctx.ids('people').get(d.personId)!;
      if (seen.has(`${personId}/${recordId}`)) return ctx.skip(item, 'the document decides on this work for this person twice; the first is kept');
      seen.add(`${personId}/${recordId}`);
      rows.push({
        personId,
        recordId,
        userId,
        status: d.status,
        evidence: d.evidence.map(({ kind, detail }) => ({ kind, detail })),
        decision: d.decision,
        decidedAt: d.decidedAt ? new Date(d.decidedAt) : null,
        evaluatedAt: new Date(d.evaluatedAt),
      });
    });
    await ctx.write(WorkAttribution, rows);
  }
}
