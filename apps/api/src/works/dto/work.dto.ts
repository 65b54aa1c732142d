import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Max, MaxLength, Min } from 'class-validator';
import {
  AUTHOR_POSITION_FILTERS,
  AuthorPositionFilter,
  citationsBySource,
  PERSON_WORK_SORTS,
  PersonWork,
  PersonWorkSort,
  RecordAuthor,
  WorkDetail,
  WorkRecordDetail,
  WorkSearchHit,
  WorkSourceRecord,
  WorkView,
} from '#domain/works/index';
import { IsScholarlySource, PLUGIN_SOURCES_NOTE, SCHOLARLY_SOURCES, ScholarlySource, WORK_TYPES, WorkType } from '#domain/scholarly/index';
import { PageQuery } from '../../common/page-query';

/** "true" and "false" from a query string; anything else is left for the validator to refuse. */
const queryBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class PersonWorksQuery extends PageQuery {
  @ApiPropertyOptional({ example: 2018, description: 'Published in this year or later' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1000)
  @Max(3000)
  yearFrom?: number;

  @ApiPropertyOptional({ example: 2024, description: 'Published in this year or earlier' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1000)
  @Max(3000)
  yearTo?: number;

  @ApiPropertyOptional({ enum: WORK_TYPES, enumName: 'WorkType' })
  @IsOptional()
  @IsIn(WORK_TYPES)
  type?: WorkType;

  @ApiPropertyOptional({ enum: AUTHOR_POSITION_FILTERS, enumName: 'AuthorPositionFilter', default: 'any', description: 'first: the person is the first author; last: the last author (a sole author is both)' })
  @IsOptional()
  @IsIn(AUTHOR_POSITION_FILTERS)
  position?: AuthorPositionFilter;

  @ApiPropertyOptional({ enum: SCHOLARLY_SOURCES, enumName: 'ScholarlySource', description: `Only works this source has a record of. ${PLUGIN_SOURCES_NOTE}` })
  @IsOptional()
  @IsScholarlySource()
  source?: ScholarlySource;

  @ApiPropertyOptional({ example: 'attention need', description: 'Title words (case, accents and punctuation ignored); each must start a word of the title' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ enum: PERSON_WORK_SORTS, enumName: 'PersonWorkSort', default: 'year', description: 'year: newest first; citations: most cited first; position: first authors first. Ties by work id' })
  @IsOptional()
  @IsIn(PERSON_WORK_SORTS)
  sort?: PersonWorkSort;

  @ApiPropertyOptional({ enum: ['asc', 'desc'], description: "Reverses the sort's default direction (missing values stay last)" })
  @IsOptional()
  @IsIn(['asc', 'desc'])
  order?: 'asc' | 'desc';

  @ApiPropertyOptional({ default: false, description: 'Include each abstract (long text; left out by default)' })
  @IsOptional()
  @Transform(queryBoolean)
  @IsBoolean()
  withAbstract?: boolean;
}

export class WorksSearchQuery extends PageQuery {
  @ApiProperty({ example: 'https://doi.org/10.1109/CVPR.2016.90', description: 'Title words, a DOI in any written form, or an arXiv id (arXiv:1706.03762v5, an arxiv.org URL, 10.48550/arXiv.…, hep-th/9901001)' })
  @IsString()
  @Length(1, 300)
  q: string;
}

export class WorkLinksDto {
  @ApiProperty({ nullable: true, type: String, example: 'https://doi.org/10.5555/3295222.3295349' }) doi: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'https://arxiv.org/abs/1706.03762' }) arxiv: string | null;
}

export class WorkDto {
  @ApiProperty() id: string;
  @ApiProperty() title: string;
  @ApiProperty({ nullable: true, type: Number }) year: number | null;
  @ApiProperty({ nullable: true, type: String, description: 'yyyy-mm-dd, yyyy-mm or yyyy, as precise as the sources are' }) date: string | null;
  @ApiProperty({ nullable: true, type: String }) venue: string | null;
  @ApiProperty({ enum: WORK_TYPES, enumName: 'WorkType' }) type: WorkType;
  @ApiProperty({ nullable: true, type: String, description: 'Lower case, without https://doi.org/' }) doi: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Without version' }) arxivId: string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'The highest count any source reports' }) citationCount: number | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Only when asked for (lists) or on GET /works/{id}' }) abstract?: string | null;
  @ApiProperty({ nullable: true, type: String }) openAccessUrl: string | null;
  @ApiProperty({ nullable: true, type: String }) pdfUrl: string | null;
  @ApiProperty({ type: WorkLinksDto }) links: WorkLinksDto;

  static from(w: WorkView): WorkDto {
    const dto: WorkDto = {
      id: w.id,
      title: w.title,
      year: w.year,
      date: w.publicationDate,
      venue: w.venue,
      type: w.type,
      doi: w.doi,
      arxivId: w.arxivId,
      citationCount: w.citationCount,
      openAccessUrl: w.openAccessUrl,
      pdfUrl: w.pdfUrl,
      links: { doi: w.doi ? `https://doi.org/${w.doi}` : null, arxiv: w.arxivId ? `https://arxiv.org/abs/${w.arxivId}` : null },
    };
    if (w.abstract !== undefined) dto.abstract = w.abstract;
    return dto;
  }
}

export class WorkRecordDto {
  @ApiProperty({ enum: SCHOLARLY_SOURCES, enumName: 'ScholarlySource' }) source: ScholarlySource;
  @ApiProperty({ description: "The work's id at that source" }) sourceId: string;
  @ApiProperty({ description: 'Where to open the record' }) sourceUrl: string;
  @ApiProperty({ nullable: true, type: Number }) citationCount: number | null;
  @ApiProperty({ format: 'date-time', description: 'When Dossier last read it from the source' }) fetchedAt: string;

  static from(r: WorkSourceRecord): WorkRecordDto {
    return { source: r.source, sourceId: r.sourceId, sourceUrl: r.sourceUrl, citationCount: r.citationCount, fetchedAt: r.fetchedAt.toISOString() };
  }
}

export class AuthorPositionDto {
  @ApiProperty({ description: "1-based; where sources disagree, the one most of the person's records give" }) position: number;
  @ApiProperty() authorCount: number;
  @ApiProperty() first: boolean;
  @ApiProperty({ description: 'A sole author is both first and last' }) last: boolean;
}

const CITATIONS_BY_SOURCE_SCHEMA = {
  type: 'object',
  description: 'Citation count per source that has a record (null where that source gives none)',
  additionalProperties: { type: 'integer', nullable: true },
  example: { openalex: 95000, semanticscholar: 90000 },
} as const;

export class PersonWorkDto extends WorkDto {
  @ApiProperty({ type: AuthorPositionDto, description: "The person's place in the author list" }) authorship: AuthorPositionDto;
  @ApiProperty(CITATIONS_BY_SOURCE_SCHEMA) citationsBySource: Partial<Record<ScholarlySource, number | null>>;
  @ApiProperty({ type: [WorkRecordDto], description: 'Every source record behind the work, publishers first' }) records: WorkRecordDto[];

  static fromPersonWork(p: PersonWork): PersonWorkDto {
    return { ...WorkDto.from(p.work), authorship: { ...p.authorship }, citationsBySource: citationsBySource(p.records), records: p.records.map(WorkRecordDto.from) };
  }
}

export class PersonWorksPage {
  @ApiProperty({ type: [PersonWorkDto] }) items: PersonWorkDto[];
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}

export class WorkSearchItemDto extends WorkDto {
  @ApiProperty({ enum: SCHOLARLY_SOURCES, enumName: 'ScholarlySource', isArray: true, description: 'The sources that have a record of it' }) sources: ScholarlySource[];

  static fromHit(h: WorkSearchHit): WorkSearchItemDto {
    return { ...WorkDto.from(h.work), sources: h.sources };
  }
}

export class WorksSearchPage {
  @ApiProperty({ type: [WorkSearchItemDto] }) items: WorkSearchItemDto[];
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}

export class RecordAuthorDto {
  @ApiProperty({ description: '1-based, in the source’s order' }) position: number;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String, description: "The author's id at that source; null at arXiv, which has none (its author queries are per user)" }) sourceAuthorId: string | null;
  @ApiProperty({ nullable: true, type: String }) orcid: string | null;
}

export class WorkRecordDetailDto extends WorkRecordDto {
  @ApiProperty({ description: 'The title as that source gives it' }) title: string;
  @ApiProperty({ nullable: true, type: Number }) year: number | null;
  @ApiProperty({ nullable: true, type: String }) venue: string | null;
  @ApiProperty({ enum: WORK_TYPES, enumName: 'WorkType' }) type: WorkType;
  @ApiProperty({ nullable: true, type: String }) doi: string | null;
  @ApiProperty({ nullable: true, type: String }) arxivId: string | null;
  @ApiProperty({ type: [RecordAuthorDto], description: 'In the source’s order' }) authors: RecordAuthorDto[];

  static fromDetail(r: WorkRecordDetail): WorkRecordDetailDto {
    return {
      ...WorkRecordDto.from(r),
      title: r.title,
      year: r.year,
      venue: r.venue,
      type: r.type,
      doi: r.doi,
      arxivId: r.arxivId,
      authors: r.authors.map((a: RecordAuthor) => ({ position: a.position, name: a.name, sourceAuthorId: a.sourceAuthorId, orcid: a.orcid })),
    };
  }
}

export class WorkDetailResponse extends WorkDto {
  @ApiProperty(CITATIONS_BY_SOURCE_SCHEMA) citationsBySource: Partial<Record<ScholarlySource, number | null>>;
  @ApiProperty({ type: [WorkRecordDetailDto], description: 'Every source record of the work, publishers first, each with its authors' }) records: WorkRecordDetailDto[];

  static fromDetail(d: WorkDetail): WorkDetailResponse {
    return { ...WorkDto.from(d.work), citationsBySource: citationsBySource(d.records), records: d.records.map(WorkRecordDetailDto.fromDetail) };
  }
}
