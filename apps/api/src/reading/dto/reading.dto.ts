import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsNumber, IsOptional, IsString, IsUUID, Max, MaxLength, Min, ValidateIf, ValidateNested } from 'class-validator';
import { Checklist, ChecklistItem, ChecklistSettingsView, DEFAULT_COVERAGE_TARGET, DEFAULT_SIZE, ReadingGoalView, DEFAULT_WEIGHTS, MAX_SIZE, READING_STATUSES, ReadingState, ReadingStatus } from '#domain/reading/index';
import { WorkLinksDto, WorkRecordDto } from '../../works/dto/work.dto';

export class ChecklistQuery {
  @ApiPropertyOptional({ description: "An application: its keywords and notes, its team's and its organization's research notes make works on those topics rank higher (relevance)" })
  @IsOptional()
  @IsUUID()
  applicationId?: string;
}

export class WeightsDto {
  @ApiPropertyOptional({ minimum: 0, default: DEFAULT_WEIGHTS.citations, description: 'Citations per year since publication, log-scaled, relative to the interviewer’s own best' })
  @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0) @Max(1000) citations?: number;

  @ApiPropertyOptional({ minimum: 0, default: DEFAULT_WEIGHTS.authorship, description: 'The interviewer is the first (or sole) author: 1; the last: 0.75; in between: 0' })
  @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0) @Max(1000) authorship?: number;

  @ApiPropertyOptional({ minimum: 0, default: DEFAULT_WEIGHTS.recency, description: 'Halves every 3 years since publication' })
  @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0) @Max(1000) recency?: number;

  @ApiPropertyOptional({ minimum: 0, default: DEFAULT_WEIGHTS.relevance, description: "Terms of the application, its team and organization found in the title (full), venue or abstract (half); two full matches score 1. Left out without an application" })
  @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0) @Max(1000) relevance?: number;
}

export class ChecklistSettingsDto {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_SIZE, default: DEFAULT_SIZE, description: 'Items per interviewer' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_SIZE)
  size?: number;

  @ApiPropertyOptional({ type: WeightsDto, description: 'Weights not given take their default; at least one must be above 0' })
  @IsOptional()
  @ValidateNested()
  @Type(() => WeightsDto)
  weights?: WeightsDto;
}

export class WeightsResponse {
  @ApiProperty() citations: number;
  @ApiProperty() authorship: number;
  @ApiProperty() recency: number;
  @ApiProperty() relevance: number;
}

export class ChecklistSettingsResponse {
  @ApiProperty() size: number;
  @ApiProperty({ type: WeightsResponse }) weights: WeightsResponse;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'Null while the defaults apply' }) updatedAt: string | null;

  static from(s: ChecklistSettingsView): ChecklistSettingsResponse {
    return { size: s.size, weights: s.weights, updatedAt: s.updatedAt?.toISOString() ?? null };
  }
}

export class ReadingDto {
  @ApiPropertyOptional({ enum: READING_STATUSES, enumName: 'ReadingStatus' })
  @IsOptional()
  @IsIn(READING_STATUSES)
  status?: ReadingStatus;

  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(100_000)
  notes?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, description: 'The paper in your own words' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(100_000)
  summary?: string | null;

  @ApiPropertyOptional({ type: [String], description: 'Questions to ask the author (replaces the list)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(2000, { each: true })
  questions?: string[];
}

export class ReadingResponse {
  @ApiProperty({ enum: READING_STATUSES, enumName: 'ReadingStatus' }) status: ReadingStatus;
  @ApiProperty({ nullable: true, type: String }) notes: string | null;
  @ApiProperty({ nullable: true, type: String }) summary: string | null;
  @ApiProperty({ type: [String] }) questions: string[];
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'Null until you first save something for this work' }) updatedAt: string | null;

  static from(r: ReadingState): ReadingResponse {
    return { status: r.status, notes: r.notes, summary: r.summary, questions: r.questions, updatedAt: r.updatedAt?.toISOString() ?? null };
  }
}

export class WorkReadingResponse extends ReadingResponse {
  @ApiProperty() workId: string;
}

export class CoverageResponse {
  @ApiProperty({ description: 'Items marked read' }) read: number;
  @ApiProperty({ description: 'Items on the checklist' }) total: number;
}

export class InterviewerCoverageResponse extends CoverageResponse {
  @ApiProperty() id: string;
  @ApiProperty() fullName: string;
  @ApiProperty({ description: 'All their works the checklist was ranked from' }) worksTotal: number;
}

export class ContextTermResponse {
  @ApiProperty({ description: 'Folded words, one or more' }) term: string;
  @ApiProperty({ type: [String], enum: ['application', 'team', 'organization'], description: 'Where the term came from' }) from: string[];
}

export class TermMatchResponse extends ContextTermResponse {
  @ApiProperty({ type: [String], enum: ['title', 'venue', 'abstract'] }) in: string[];
}

/** One component of a reading score; the fields after `text` belong to the kinds that name them. */
export class RankingReasonResponse {
  @ApiProperty({ enum: ['citations', 'authorship', 'recency', 'relevance'], enumName: 'RankingReasonKind' }) kind: string;
  @ApiProperty({ minimum: 0, maximum: 1, description: 'The component, from 0 to 1' }) value: number;
  @ApiProperty() weight: number;
  @ApiProperty({ description: 'What the component adds to the score (out of 100)' }) points: number;
  @ApiProperty({ description: 'The reason in one line' }) text: string;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'citations' }) citationCount?: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'citations, recency' }) ageYears?: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'citations' }) citationsPerYear?: number | null;
  @ApiPropertyOptional({ description: "citations: the interviewer's best citations per year, which scores 1" }) bestPerYear?: number;
  @ApiPropertyOptional({ enum: ['sole', 'first', 'last', 'middle'], description: 'authorship' }) role?: string;
  @ApiPropertyOptional({ description: 'authorship: 1-based' }) position?: number;
  @ApiPropertyOptional({ description: 'authorship' }) authorCount?: number;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'recency' }) year?: number | null;
  @ApiPropertyOptional({ type: [TermMatchResponse], description: 'relevance' }) matches?: TermMatchResponse[];
}

export class ChecklistWorkResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: Number, nullable: true }) year: number | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) date: string | null;
  @ApiProperty({ type: String, nullable: true }) venue: string | null;
  @ApiProperty() type: string;
  @ApiProperty({ type: String, nullable: true }) doi: string | null;
  @ApiProperty({ type: String, nullable: true }) arxivId: string | null;
  @ApiProperty({ type: Number, nullable: true }) citationCount: number | null;
  @ApiProperty({ type: String, nullable: true }) openAccessUrl: string | null;
  @ApiProperty({ type: String, nullable: true }) pdfUrl: string | null;
}

export class AuthorshipResponse {
  @ApiProperty({ description: '1-based' }) position: number;
  @ApiProperty() authorCount: number;
  @ApiProperty() first: boolean;
  @ApiProperty() last: boolean;
}

export class ChecklistInterviewerResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() fullName: string;
  @ApiProperty({ description: "The work's place on their own list" }) rank: number;
  @ApiProperty() score: number;
  @ApiProperty({ type: AuthorshipResponse }) authorship: AuthorshipResponse;
  @ApiProperty({ type: [RankingReasonResponse] }) reasons: RankingReasonResponse[];
}

export class ChecklistInterviewResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) applicationId: string;
}

export class ChecklistItemResponse {
  @ApiProperty({ type: ChecklistWorkResponse, description: 'The canonical work' }) work: ChecklistWorkResponse;
  @ApiProperty({ type: [String], description: 'In order, from its most trusted record' }) authors: string[];
  @ApiProperty({ type: WorkLinksDto, description: 'The published version (DOI) and the preprint (arXiv): one work, both links' }) links: { doi: string | null; arxiv: string | null };
  @ApiProperty({ type: [WorkRecordDto], description: 'Every source record behind the work' }) records: WorkRecordDto[];
  @ApiProperty({ description: '0–100: the weighted mean of the reasons' }) score: number;
  @ApiProperty({ type: [RankingReasonResponse], description: 'The components of the score' }) reasons: RankingReasonResponse[];
  @ApiProperty({ type: [ChecklistInterviewerResponse], description: 'The interviewers it is on the checklist for' }) interviewers: ChecklistInterviewerResponse[];
  @ApiProperty({ type: ReadingResponse, description: 'Your status and notes' }) reading: ReadingResponse;

  static from(i: ChecklistItem): ChecklistItemResponse {
    const w = i.work;
    return {
      work: { id: w.id, title: w.title, year: w.year, date: w.publicationDate, venue: w.venue, type: w.type, doi: w.doi, arxivId: w.arxivId, citationCount: w.citationCount, openAccessUrl: w.openAccessUrl, pdfUrl: w.pdfUrl },
      authors: i.authors,
      links: i.links,
      records: i.records.map((r) => ({ ...r, fetchedAt: r.fetchedAt.toISOString() })),
      score: i.score,
      reasons: i.reasons,
      interviewers: i.interviewers,
      reading: ReadingResponse.from(i.reading),
    };
  }
}

export class ContextResponse {
  @ApiProperty() applicationId: string;
  @ApiProperty({ type: [ContextTermResponse], description: 'Folded terms and where they came from' }) terms: ContextTermResponse[];
}

class ChecklistBase {
  @ApiProperty({ type: ChecklistSettingsResponse }) settings: ChecklistSettingsResponse;
  @ApiProperty({ type: ContextResponse, nullable: true, description: 'The application whose topics relevance is measured against; null without one' }) context: ContextResponse | null;
  @ApiProperty({ type: [ChecklistItemResponse], description: 'Best first' }) items: ChecklistItemResponse[];
  @ApiProperty({ type: CoverageResponse }) coverage: CoverageResponse;
  @ApiProperty({ type: [InterviewerCoverageResponse] }) perInterviewer: InterviewerCoverageResponse[];
}

export class RefResponse {
  @ApiProperty() id: string;
  @ApiProperty() fullName: string;
}

export class PersonChecklistResponse extends ChecklistBase {
  @ApiProperty({ type: RefResponse }) person: RefResponse;
}

export class InterviewChecklistResponse extends ChecklistBase {
  @ApiProperty({ type: ChecklistInterviewResponse }) interview: { id: string; applicationId: string };
  @ApiProperty({ type: [RefResponse] }) interviewers: RefResponse[];
}

export function checklistBody(c: Checklist): ChecklistBase {
  return {
    settings: ChecklistSettingsResponse.from(c.settings),
    context: c.context,
    items: c.items.map(ChecklistItemResponse.from),
    coverage: c.coverage,
    perInterviewer: c.perInterviewer,
  };
}

export class ReadingGoalDto {
  @ApiProperty({ minimum: 1, maximum: 100, example: DEFAULT_COVERAGE_TARGET, description: "Percent of an interview's reading checklist read that completes the prep task of reading its interviewers' papers" })
  @IsInt()
  @Min(1)
  @Max(100)
  coverageTarget: number;
}

export class ReadingGoalResponse {
  @ApiProperty({ minimum: 1, maximum: 100, example: DEFAULT_COVERAGE_TARGET, description: `Percent; ${DEFAULT_COVERAGE_TARGET} until you set it` }) coverageTarget: number;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'Null while the default applies' }) updatedAt: string | null;

  static from(g: ReadingGoalView): ReadingGoalResponse {
    return { coverageTarget: g.coverageTarget, updatedAt: g.updatedAt?.toISOString() ?? null };
  }
}
