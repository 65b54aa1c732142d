import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import type { ImportReport, ImportRun } from '#domain/imports/index';

export class ImportReportDto {
  @ApiProperty() created: number;
  @ApiProperty() updated: number;
  @ApiProperty() skipped: number;
  @ApiProperty({ example: [{ line: 14, reason: 'row has no name' }] }) skips: ImportReport['skips'];
  @ApiProperty({ example: [{ line: 9, problem: 'links.orcid ORCID iD checksum is wrong; left out' }] }) warnings: ImportReport['warnings'];
}

export class ImportRunResponse {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['linkedin-csv', 'vcard', 'dossier-json'] }) format: string;
  @ApiProperty({ enum: ['queued', 'running', 'completed', 'failed'] }) status: string;
  @ApiProperty({ example: { processed: 120, total: 2000, percent: 6 } }) progress: { processed: number; total: number; percent: number };
  @ApiProperty({ type: ImportReportDto, nullable: true }) report: ImportReportDto | null;
  @ApiProperty({ nullable: true, type: String }) error: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true, type: String }) finishedAt: string | null;

  static from(run: ImportRun): ImportRunResponse {
    const percent = run.totalItems === 0 ? 100 : Math.floor((run.processedItems / run.totalItems) * 100);
    return {
      id: run.id,
      format: run.format,
      status: run.status,
      progress: { processed: run.processedItems, total: run.totalItems, percent },
      // The rows' person ids are kept for erasure only: the answer stays as it was.
      report: run.report
        ? { ...run.report, skips: run.report.skips.map(({ personId: _p, ...row }) => row), warnings: (run.report.warnings ?? []).map(({ personId: _p, ...row }) => row) }
        : null,
      error: run.error,
      createdAt: run.createdAt.toISOString(),
      finishedAt: run.finishedAt?.toISOString() ?? null,
    };
  }
}

export class VCardExportQuery {
  @IsOptional()
  @IsIn(['3.0', '4.0'])
  version?: '3.0' | '4.0';
}
