import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMinSize, IsArray, IsInt, IsOptional, IsString, Length, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { AtMostEverySource, IsScholarlySource, PLUGIN_SOURCES_NOTE, SCHOLARLY_SOURCES, type ScholarlySource } from '#domain/scholarly/index';
import {
  AutoLinkResult,
  CANDIDATE_SOURCES,
  CandidateSearch,
  DEFAULT_CANDIDATE_LIMIT,
  IDENTITY_STATUSES,
  IDENTITY_SYNC_STATES,
  identitySourceUrl,
  MAX_CANDIDATE_LIMIT,
  MAX_IDENTITY_INPUT,
  ScholarlyIdentity,
  ScoredCandidate,
} from '#domain/scholarly-identities/index';

const csv = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.split(',').map((s) => s.trim()).filter(Boolean) : value);

export class CandidatesQuery {
  @ApiPropertyOptional({
    description: `Comma-separated sources to search, at once (default: ${CANDIDATE_SOURCES.join(',')}). Crossref cannot search authors (its identities are ORCID iDs) and is reported in errors. ${PLUGIN_SOURCES_NOTE}`,
    example: 'openalex,semanticscholar',
    enum: SCHOLARLY_SOURCES, enumName: 'ScholarlySource',
    isArray: true,
  })
  @IsOptional()
  @Transform(csv)
  @IsArray()
  @ArrayMinSize(1)
  @IsScholarlySource({ each: true })
  sources?: ScholarlySource[];

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_CANDIDATE_LIMIT, default: DEFAULT_CANDIDATE_LIMIT, description: 'Authors asked of each source' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_CANDIDATE_LIMIT)
  limit?: number;
}

export class LinkIdentityDto {
  @ApiPropertyOptional({ enum: SCHOLARLY_SOURCES, enumName: 'ScholarlySource', example: 'openalex', description: 'Required with id; with url, the address says it (an orcid.org URL is an ORCID identity: give crossref for a Crossref one). ' + PLUGIN_SOURCES_NOTE })
  @IsOptional()
  @IsScholarlySource()
  source?: ScholarlySource;

  @ApiPropertyOptional({
    example: 'A5023888391',
    description:
      'The id at the source: OpenAlex A…; Semantic Scholar numeric id; dblp pid (39/1762); ORCID iD (check digit verified; also the id of a Crossref identity); arXiv author query (au:"Lukasz Kaiser", au:kaiser_l, or the name). Give id or url.',
  })
  @ValidateIf((o: LinkIdentityDto) => o.id !== undefined || o.url === undefined)
  @IsString({ message: 'is required unless url is given' })
  id?: string;

  @ApiPropertyOptional({
    example: 'https://www.semanticscholar.org/author/Ashish-Vaswani/40348417',
    description: 'The profile URL: openalex.org/A…, semanticscholar.org/author/Name/123, dblp.org/pid/…, orcid.org/…, an arxiv.org author search. Give id or url.',
  })
  @IsOptional()
  @IsString()
  url?: string;
}

export class RejectIdentityDto {
  @ApiProperty({ enum: SCHOLARLY_SOURCES, enumName: 'ScholarlySource', description: PLUGIN_SOURCES_NOTE }) @IsScholarlySource() source: ScholarlySource;

  @ApiPropertyOptional({ example: 'A5100000002', description: "The candidate's id at the source (its sourceAuthorId), as linking takes it; the forms POST /people/{id}/identities accepts as id are read too. Required (or the deprecated sourceAuthorId)" })
  @ValidateIf((o: RejectIdentityDto) => o.id !== undefined || o.sourceAuthorId === undefined)
  @IsString({ message: 'is required' })
  @Length(1, MAX_IDENTITY_INPUT)
  id?: string;

  @ApiPropertyOptional({ deprecated: true, example: 'A5100000002', description: 'Deprecated: the old name of id, still read (send id); to be removed in a later version' })
  @IsOptional()
  @IsString()
  @Length(1, MAX_IDENTITY_INPUT)
  sourceAuthorId?: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'Łukasz Wiśniewski', description: "The candidate's name, to show in the list of identities" })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(300)
  name?: string | null;
}

export class AutoLinkDto {
  @ApiPropertyOptional({ enum: SCHOLARLY_SOURCES, enumName: 'ScholarlySource', isArray: true, description: `Sources to consider (default: ${CANDIDATE_SOURCES.join(', ')}). ${PLUGIN_SOURCES_NOTE}` })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @AtMostEverySource()
  @IsScholarlySource({ each: true })
  sources?: ScholarlySource[];
}

export class IdentityResponse {
  @ApiProperty() id: string;
  @ApiProperty() personId: string;
  @ApiProperty({ enum: SCHOLARLY_SOURCES, enumName: 'ScholarlySource' }) source: ScholarlySource;
  @ApiProperty({ example: 'A5023888391', description: 'The id at the source, normalized' }) sourceAuthorId: string;
  @ApiProperty({ description: 'Where to open it at the source' }) sourceUrl: string;
  @ApiProperty({ nullable: true, type: String, description: 'The name the source gives' }) name: string | null;
  @ApiProperty({ enum: IDENTITY_STATUSES, enumName: 'IdentityStatus', description: 'linked: synced and shown as the person; rejected: remembered as someone else' }) status: string;
  @ApiProperty({ enum: ['user', 'auto'], description: 'auto: linked by Dossier on an unambiguous match' }) linkedBy: string;
  @ApiProperty({ enum: IDENTITY_SYNC_STATES, enumName: 'IdentitySyncState' }) syncState: string;
  @ApiProperty({ nullable: true, type: String, description: 'Why the source refused the identity at the last sync' }) brokenReason: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) lastSyncedAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;

  static from(i: ScholarlyIdentity): IdentityResponse {
    return {
      id: i.id,
      personId: i.personId,
      source: i.source,
      sourceAuthorId: i.sourceAuthorId,
      sourceUrl: identitySourceUrl(i.source, i.sourceAuthorId),
      name: i.name,
      status: i.status,
      linkedBy: i.linkedBy,
      syncState: i.syncState,
      brokenReason: i.brokenReason,
      lastSyncedAt: i.lastSyncedAt?.toISOString() ?? null,
      createdAt: i.createdAt.toISOString(),
    };
  }
}

export class LinkedIdentityResponse extends IdentityResponse {
  @ApiProperty({ nullable: true, type: String, description: 'Set when the source could not be asked (linked unchecked) or answered with another id (an OpenAlex merge)' })
  warning: string | null;
}

export class ScoreReasonResponse {
  @ApiProperty({ enum: ['name', 'affiliation', 'orcid', 'profile-link', 'coauthors', 'topics', 'split-profile'], description: 'split-profile: evidence that the candidate is a second record of an identity already linked at its source' }) kind: string;
  @ApiProperty({ example: 0.45, description: 'Its contribution to the score; negative for evidence against (another ORCID iD)' }) points: number;
  @ApiProperty({ example: '"Łukasz Kaiser" matches the name exactly (accents and case aside)' }) detail: string;
}

export class LinkedToResponse {
  @ApiProperty() personId: string;
  @ApiProperty() fullName: string;
}

export class SplitProfileOfResponse {
  @ApiProperty({ description: "The person's linked identity this candidate looks like a second record of" }) identityId: string;
  @ApiProperty() sourceAuthorId: string;
}

export class CandidateResponse {
  @ApiProperty({ enum: SCHOLARLY_SOURCES, enumName: 'ScholarlySource' }) source: ScholarlySource;
  @ApiProperty({ description: 'Confirm with POST /people/{id}/identities {source, id: sourceAuthorId}' }) sourceAuthorId: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: [String] }) alternativeNames: string[];
  @ApiProperty({ type: [String], description: 'Current first, then past' }) affiliations: string[];
  @ApiProperty({ nullable: true, type: String }) orcid: string | null;
  @ApiProperty({ nullable: true, type: Number }) worksCount: number | null;
  @ApiProperty({ nullable: true, type: Number }) citationCount: number | null;
  @ApiProperty({ type: [String] }) topics: string[];
  @ApiProperty() sourceUrl: string;
  @ApiProperty({ minimum: 0, maximum: 1, example: 0.75, description: 'The sum of the reasons’ points, clamped to 0..1' }) score: number;
  @ApiProperty({ enum: ['exact', 'variant', 'similar', 'surname', 'none'] }) nameMatch: string;
  @ApiProperty({ type: [ScoreReasonResponse] }) reasons: ScoreReasonResponse[];
  @ApiProperty({ nullable: true, enum: IDENTITY_STATUSES, enumName: 'IdentityStatus', description: 'linked (confirmed) or rejected for this person; null: not decided' }) status: string | null;
  @ApiProperty({ nullable: true, type: String, description: "This person's identity for the candidate, when linked or rejected" }) identityId: string | null;
  @ApiProperty({ nullable: true, type: LinkedToResponse, description: 'Another of your people this author is linked to' }) linkedTo: LinkedToResponse | null;
  @ApiProperty({
    nullable: true,
    type: SplitProfileOfResponse,
    description: 'A split profile: the same person as an identity already linked at this source, held by the source as a second author record (same name and at least two of: shared co-authors, shared topics, years apart; see the reasons). Link it too: works, checklists and briefings use every linked identity',
  })
  splitProfileOf: SplitProfileOfResponse | null;

  static from(c: ScoredCandidate): CandidateResponse {
    return {
      ...c.candidate,
      score: c.score.score,
      nameMatch: c.score.nameMatch,
      reasons: c.score.reasons,
      status: c.status,
      identityId: c.identityId,
      linkedTo: c.linkedTo,
      splitProfileOf: c.splitProfileOf,
    };
  }
}

export class SourceMessageResponse {
  @ApiProperty({ enum: SCHOLARLY_SOURCES, enumName: 'ScholarlySource' }) source: ScholarlySource;
  @ApiProperty() message: string;
}

export class CandidateQueryResponse {
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String, description: "The person's organization" }) affiliation: string | null;
}

export class CandidatesResponse {
  @ApiProperty() personId: string;
  @ApiProperty({ type: CandidateQueryResponse }) query: CandidateQueryResponse;
  @ApiProperty({ enum: SCHOLARLY_SOURCES, enumName: 'ScholarlySource', isArray: true, description: 'The sources searched' }) sources: ScholarlySource[];
  @ApiProperty({ type: [CandidateResponse], description: 'Best first' }) candidates: CandidateResponse[];
  @ApiProperty({ type: [SourceMessageResponse], description: 'Sources that failed; the others still answered' }) errors: SourceMessageResponse[];

  static from(search: CandidateSearch): CandidatesResponse {
    return { personId: search.personId, query: search.query, sources: search.sources, candidates: search.candidates.map(CandidateResponse.from), errors: search.errors };
  }
}

export class AutoLinkedResponse {
  @ApiProperty({ type: IdentityResponse }) identity: IdentityResponse;
  @ApiProperty({ enum: ['profile-link', 'orcid', 'clear-winner'] }) rule: string;
  @ApiProperty({ example: 'Scores 0.75, 0.30 above the next OpenAlex candidate, "Zoe Angstrom" (0.45)' }) why: string;
  @ApiProperty({ nullable: true, type: Number, description: "The candidate's score; null for a profile link (no search)" }) score: number | null;
}

export class AutoLinkResponse {
  @ApiProperty({ type: [AutoLinkedResponse] }) linked: AutoLinkedResponse[];
  @ApiProperty({ type: [SourceMessageResponse], description: 'Why nothing was linked at a source' }) undecided: SourceMessageResponse[];
  @ApiProperty({ type: [SourceMessageResponse], description: 'Sources whose search failed' }) errors: SourceMessageResponse[];

  static from(result: AutoLinkResult): AutoLinkResponse {
    return {
      linked: result.linked.map((l) => ({ identity: IdentityResponse.from(l.identity), rule: l.rule, why: l.why, score: l.score })),
      undecided: result.undecided,
      errors: result.errors,
    };
  }
}

export class IdentitiesPage {
  @ApiProperty({ type: [IdentityResponse], description: 'Linked, then rejected; by source, oldest first' }) items: IdentityResponse[];
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}
