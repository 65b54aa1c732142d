import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import type { ImportReport, ImportRun } from '#domain/imports/index';

export class ImportSkipDto {
  @ApiPropertyOptional({ description: 'The line of the file (CSV, vCard)' }) line?: number;
  @ApiPropertyOptional({ description: 'What was skipped, where there is no line (a JSON import)' }) item?: string;
  @ApiProperty({ example: 'row has no name' }) reason: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'The person the row matched (already up to date)' }) personId?: string;
}

export class ImportWarningDto {
  @ApiProperty() line: number;
  @ApiProperty({ example: 'links.orcid ORCID iD checksum is wrong; left out' }) problem: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'The person it made or updated' }) personId?: string;
}

export class ImportProgressDto {
  @ApiProperty({ example: 120 }) processed: number;
  @ApiProperty({ example: 2000 }) total: number;
  @ApiProperty({ example: 6, minimum: 0, maximum: 100 }) percent: number;
}

export class ImportReportDto {
  @ApiProperty() created: number;
  @ApiProperty() updated: number;
  @ApiProperty() skipped: number;
  @ApiProperty({ type: [ImportSkipDto] }) skips: ImportReport['skips'];
  @ApiProperty({ type: [ImportWarningDto] }) warnings: ImportReport['warnings'];
}

export class ImportRunResponse {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['linkedin-csv', 'vcard', 'dossier-json'] }) format: string;
  @ApiProperty({ enum: ['queued', 'running', 'completed', 'failed'] }) status: string;
  @ApiProperty({ type: ImportProgressDto }) progress: { processed: number; total: number; percent: number };
  @ApiProperty({ type: ImportReportDto, nullable: true }) report: ImportReportDto | null;
  @ApiProperty({ nullable: true, type: String }) error: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) finishedAt: string | null;

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

export class ImportRunsPage {
  @ApiProperty({ type: [ImportRunResponse], description: 'Newest first' }) items: ImportRunResponse[];
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}
