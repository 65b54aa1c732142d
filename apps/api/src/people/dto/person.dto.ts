import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsDateString, IsIn, IsInt, IsObject, IsOptional, IsString, IsUUID, Length, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { Person, PERSON_LIMITS, RELATIONSHIP_STAGES, RelationshipStage } from '#domain/people/index';
import { LINK_KINDS, PersonLinks } from '#domain/shared/text/index';
import { PageQuery } from '../../common/page-query';
import { ReferralResponse } from '../../referrals/dto/referral.dto';

const LINKS_EXAMPLE = { linkedin: 'https://www.linkedin.com/in/ada-lovelace', orcid: '0000-0002-1825-0097', googleScholar: 'https://scholar.google.com/citations?user=JicYPdAAAAAJ' };

export class CreatePersonDto {
  @ApiProperty({ example: 'Zoë Ünal', description: 'Any script and diacritics' })
  @IsString()
  @Length(1, PERSON_LIMITS.fullName)
  fullName: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(PERSON_LIMITS.givenName)
  givenName?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(PERSON_LIMITS.familyName)
  familyName?: string | null;

  @ApiPropertyOptional({ type: String, example: 'Research Scientist, reinforcement learning', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(PERSON_LIMITS.headline)
  headline?: string | null;

  @ApiPropertyOptional({ type: String, example: 'Research Scientist', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(PERSON_LIMITS.role)
  role?: string | null;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsUUID()
  organizationId?: string | null;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsUUID()
  teamId?: string | null;

  @ApiPropertyOptional({ type: [String], example: ['zoe@example.org'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  emails?: string[];

  @ApiPropertyOptional({ type: [String], example: ['+44 20 7946 0018'], description: 'Phone numbers as written (digits with +, spaces, dots, dashes, parentheses, an extension); replaces the list' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(50, { each: true })
  phones?: string[];

  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string', nullable: true }, description: `A map of profile links by kind (${LINK_KINDS.join(', ')}); each is validated and normalized. null removes one.`, example: LINKS_EXAMPLE })
  @IsOptional()
  @IsObject()
  links?: Record<string, string | null>;

  @ApiPropertyOptional({ type: [String], example: ['rl', 'neurips-2025'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(PERSON_LIMITS.tag, { each: true })
  tags?: string[];

  @ApiPropertyOptional({ type: String, example: 'Poster session at NeurIPS 2025', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(PERSON_LIMITS.howWeMet)
  howWeMet?: string | null;

  @ApiPropertyOptional({ enum: RELATIONSHIP_STAGES, enumName: 'RelationshipStage' })
  @IsOptional()
  @IsIn(RELATIONSHIP_STAGES)
  relationshipStage?: RelationshipStage;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(PERSON_LIMITS.notes)
  notes?: string | null;

  @ApiPropertyOptional({ type: String, format: 'date', example: '2026-12-15', description: 'Next time to reach out (date)', nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsDateString({ strict: true })
  nextFollowUpAt?: string | null;

  @ApiPropertyOptional({ type: Number, example: 60, description: 'Keep-in-touch cadence in days; logging an interaction moves the next follow-up this far ahead', nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsInt()
  @Min(1)
  @Max(3650)
  followUpCadenceDays?: number | null;
}

export class UpdatePersonDto extends PartialType(CreatePersonDto) {}

export class ListPeopleQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Text in name, email or organization; accents and case ignored' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  tag?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  organizationId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  teamId?: string;

  @ApiPropertyOptional({ enum: RELATIONSHIP_STAGES, enumName: 'RelationshipStage' })
  @IsOptional()
  @IsIn(RELATIONSHIP_STAGES)
  stage?: RelationshipStage;

  @ApiPropertyOptional({ description: 'Only people due for a follow-up on or before this date (yyyy-mm-dd); `today` is accepted' })
  @IsOptional()
  @ValidateIf((_, v) => v !== 'today')
  @IsDateString({ strict: true })
  dueBy?: string;

  @ApiPropertyOptional({ enum: ['exclude', 'include', 'only'], default: 'exclude', description: 'Soft-deleted people' })
  @IsOptional()
  @IsIn(['exclude', 'include', 'only'])
  deleted?: 'exclude' | 'include' | 'only';

  @ApiPropertyOptional({ enum: ['name', 'createdAt', 'updatedAt', 'nextFollowUpAt', 'lastInteractionAt'], default: 'name' })
  @IsOptional()
  @IsIn(['name', 'createdAt', 'updatedAt', 'nextFollowUpAt', 'lastInteractionAt'])
  sort?: 'name' | 'createdAt' | 'updatedAt' | 'nextFollowUpAt' | 'lastInteractionAt';

  @ApiPropertyOptional({ enum: ['asc', 'desc'], default: 'asc' })
  @IsOptional()
  @IsIn(['asc', 'desc'])
  order?: 'asc' | 'desc';
}

export class MergePeopleDto {
  @ApiProperty({ format: 'uuid', description: 'The person merged into this one and then removed' })
  @IsUUID()
  otherId: string;

  @ApiPropertyOptional({ default: true, description: 'Preview only; send false to apply' })
  @IsOptional()
  @IsBoolean()
  dryRun?: boolean;
}

export class RefDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
}

export class PersonResponse {
  @ApiProperty() id: string;
  @ApiProperty() fullName: string;
  @ApiProperty({ nullable: true, type: String }) givenName: string | null;
  @ApiProperty({ nullable: true, type: String }) familyName: string | null;
  @ApiProperty({ nullable: true, type: String }) headline: string | null;
  @ApiProperty({ nullable: true, type: String }) role: string | null;
  @ApiProperty({ nullable: true, type: RefDto }) organization: RefDto | null;
  @ApiProperty({ nullable: true, type: RefDto }) team: RefDto | null;
  @ApiProperty({ type: [String] }) emails: string[];
  @ApiProperty({ type: [String], description: 'Phone numbers as written' }) phones: string[];
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, description: `A map of profile links by kind (${LINK_KINDS.join(', ')})`, example: LINKS_EXAMPLE }) links: PersonLinks;
  @ApiProperty({ type: [String] }) tags: string[];
  @ApiProperty({ nullable: true, type: String }) howWeMet: string | null;
  @ApiProperty({ enum: RELATIONSHIP_STAGES, enumName: 'RelationshipStage' }) relationshipStage: RelationshipStage;
  @ApiProperty({ nullable: true, type: String }) notes: string | null;
  @ApiProperty({ format: 'date', nullable: true, type: String, example: '2026-12-15' }) nextFollowUpAt: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'Thank Maya Chen for referring you to Example Frontier Lab', description: 'Why the next follow-up is due, when Dossier suggested it' })
  nextFollowUpReason: string | null;
  @ApiProperty({ nullable: true, type: Number }) followUpCadenceDays: number | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) lastInteractionAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) deletedAt: string | null;

  static from(p: Person): PersonResponse {
    return {
      id: p.id,
      fullName: p.fullName,
      givenName: p.givenName,
      familyName: p.familyName,
      headline: p.headline,
      role: p.role,
      organization: p.organization ? { id: p.organization.id, name: p.organization.name } : null,
      team: p.team ? { id: p.team.id, name: p.team.name } : null,
      emails: p.emails,
      phones: p.phones ?? [],
      links: p.links,
      tags: p.tags,
      howWeMet: p.howWeMet,
      relationshipStage: p.relationshipStage,
      notes: p.notes,
      nextFollowUpAt: p.nextFollowUpAt,
      nextFollowUpReason: p.nextFollowUpReason ?? null,
      followUpCadenceDays: p.followUpCadenceDays,
      lastInteractionAt: p.lastInteractionAt?.toISOString() ?? null,
      createdAt: p.createdAt.toISOString(),
      updatedAt: p.updatedAt.toISOString(),
      deletedAt: p.deletedAt?.toISOString() ?? null,
    };
  }
}

export class AsksDto {
  @ApiProperty({ description: 'Interactions where you asked something of them, plus the referrals you asked them for' }) count: number;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'When you last asked' }) lastAskedAt: string | null;
}

/** One person's page: the record, what you asked of them, and the referrals they offered or made. */
export class PersonDetailResponse extends PersonResponse {
  @ApiProperty({ type: AsksDto }) asks: AsksDto;
  @ApiProperty({ type: [ReferralResponse], description: 'Referrals they offered or made, newest first' }) referrals: ReferralResponse[];
}

export class PeoplePage {
  @ApiProperty({ type: [PersonResponse] }) items: PersonResponse[];
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}

export class DuplicateGroupResponse {
  @ApiProperty({ enum: ['email', 'linkedin', 'name'] }) reason: string;
  @ApiProperty() value: string;
  @ApiProperty({ type: [PersonResponse] }) people: PersonResponse[];
}

export class DuplicateGroupsPage {
  @ApiProperty({ type: [DuplicateGroupResponse], description: 'By reason, then value' }) items: DuplicateGroupResponse[];
  @ApiProperty({ description: 'Groups in all' }) total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}

export class MergeConflictDto {
  @ApiProperty() field: string;
  @ApiProperty({ description: "Free-form: the field's value as kept (a string, a number, a list or a map of links, as the field is)" }) kept: unknown;
  @ApiProperty({ description: "Free-form: the merged person's value, dropped (same shape as kept)" }) dropped: unknown;
}

export class MergeResponse {
  @ApiProperty({ type: PersonResponse, description: 'The person after the merge' }) result: PersonResponse;
  @ApiProperty({ type: PersonResponse, description: 'The person merged in (removed when applied)' }) merged: PersonResponse;
  @ApiProperty({ type: [MergeConflictDto] }) conflicts: MergeConflictDto[];
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, description: 'A map of record kind to how many moved', example: { interactions: 3 } }) moved: Record<string, number>;
  @ApiProperty() applied: boolean;
}

export class EraseResponse {
  /** Rows deleted by kind; also import runs whose report rows were rewritten, briefing versions and stored Idempotency-Key answers deleted, and queue jobs removed. */
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, description: 'A map of record kind to how many were erased', example: { interactions: 3, people: 1, importReports: 1, briefingVersions: 2, idempotencyAnswers: 1, jobs: 2 } }) erased: Record<string, number>;
}
