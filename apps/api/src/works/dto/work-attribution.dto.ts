import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, ValidateIf } from 'class-validator';
import {
  ATTRIBUTION_DECISIONS,
  ATTRIBUTION_EVIDENCE_KINDS,
  ATTRIBUTION_STATES,
  ATTRIBUTION_STATUSES,
  AttributionDecision,
  AttributionEvidenceKind,
  AttributionState,
  AttributionStatus,
  AttributionView,
} from '#domain/works/index';
import { SCHOLARLY_SOURCES, ScholarlySource } from '#domain/scholarly/index';
import { PageQuery } from '../../common/page-query';
import { WorkDto } from './work.dto';

export class WorkAttributionsQuery extends PageQuery {
  @ApiPropertyOptional({
    enum: ATTRIBUTION_STATES,
    enumName: 'AttributionState',
    default: 'held',
    description: 'held: unconfirmed by any evidence and not decided (kept out of the person’s works); accepted / rejected: decided by the user; confirmed: counted on the evidence; all',
  })
  @IsOptional()
  @IsIn(ATTRIBUTION_STATES)
  state?: AttributionState;
}

export class DecideWorkAttributionDto {
  @ApiProperty({ enum: ATTRIBUTION_DECISIONS, enumName: 'AttributionDecision', nullable: true, description: 'accepted: the work is theirs; rejected: a namesake’s; null: back to what the evidence says' })
  @ValidateIf((_: object, v: unknown) => v !== null)
  @IsIn(ATTRIBUTION_DECISIONS)
  decision: AttributionDecision | null;
}

export class AttributionEvidenceDto {
  @ApiProperty({ enum: ATTRIBUTION_EVIDENCE_KINDS, enumName: 'AttributionEvidenceKind', description: 'identity: another linked identity lists it; name: written in full as they are known; coauthors; fields: an arXiv category of theirs (counted only with name-form); name-form: written as their confirmed records write them' })
  kind: AttributionEvidenceKind;
  @ApiProperty() detail: string;
}

export class AttributionRecordDto {
  @ApiProperty({ enum: SCHOLARLY_SOURCES, enumName: 'ScholarlySource' }) source: ScholarlySource;
  @ApiProperty() sourceId: string;
  @ApiProperty() sourceUrl: string;
}

export class WorkAttributionDto {
  @ApiProperty({ type: WorkDto }) work: WorkDto;
  @ApiProperty({ type: AttributionRecordDto, description: 'The record the name query matched' }) record: AttributionRecordDto;
  @ApiProperty({ example: 'au:"Pat Lee"', description: 'The identity’s name query' }) query: string;
  @ApiProperty({ example: 'P. Lee', description: 'The author as the record writes them' }) nameAsWritten: string;
  @ApiProperty() position: number;
  @ApiProperty() authorCount: number;
  @ApiProperty({ type: [String], example: ['cs.LG'], description: 'The record’s arXiv categories, primary first' }) categories: string[];
  @ApiProperty({ enum: ATTRIBUTION_STATUSES, enumName: 'AttributionStatus', description: 'What the evidence says' }) status: AttributionStatus;
  @ApiProperty({ enum: ATTRIBUTION_DECISIONS, enumName: 'AttributionDecision', nullable: true }) decision: AttributionDecision | null;
  @ApiProperty({ description: 'Whether the work counts as the person’s through this record' }) counted: boolean;
  @ApiProperty({ type: [AttributionEvidenceDto] }) evidence: AttributionEvidenceDto[];
  @ApiProperty({ nullable: true, type: String, description: 'Why it is held back (null when it is not)' }) reason: string | null;
  @ApiProperty({ format: 'date-time' }) evaluatedAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) decidedAt: string | null;

  static from(a: AttributionView): WorkAttributionDto {
    return {
      ...a,
      work: WorkDto.from(a.work),
      record: { ...a.record },
      evidence: a.evidence.map((e) => ({ kind: e.kind, detail: e.detail })),
      evaluatedAt: a.evaluatedAt.toISOString(),
      decidedAt: a.decidedAt?.toISOString() ?? null,
    };
  }
}

export class WorkAttributionsPage {
  @ApiProperty({ type: [WorkAttributionDto] }) items: WorkAttributionDto[];
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}
