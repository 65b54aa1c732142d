import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsOptional, IsString, IsUUID, Length, MaxLength, ValidateIf } from 'class-validator';
import { Organization, ORGANIZATION_NAME_MAX, OrganizationMergePreview, Team } from '#domain/organizations/index';
import { PageQuery } from '../../common/page-query';

export class CreateOrganizationDto {
  @ApiProperty({ example: 'Google DeepMind', description: 'Unique per user once accents and case are folded' })
  @IsString()
  @Length(1, ORGANIZATION_NAME_MAX)
  name: string;

  @ApiPropertyOptional({ type: [String], example: ['Google DeepMind'], description: 'Other names it goes by: imports and search find it by them; none may be another organization’s name or alias. Replaces the list' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, ORGANIZATION_NAME_MAX, { each: true })
  aliases?: string[];

  @ApiPropertyOptional({ type: String, example: 'https://deepmind.google', description: 'http(s) address; a bare host gets https://', nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(2000)
  website?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(10_000)
  description?: string | null;

  @ApiPropertyOptional({ type: String, example: 'Mission: solve intelligence. Teams publish a lot on RL and world models.', description: 'What you learnt about the lab: mission, research directions, culture', nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(100_000)
  researchNotes?: string | null;

  @ApiPropertyOptional({ type: [String], example: ['frontier-lab', 'london'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  tags?: string[];
}

export class UpdateOrganizationDto extends PartialType(CreateOrganizationDto) {}

export class ListOrganizationsQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Text in the name or an alias; accents, case and apostrophes ignored' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ description: 'Only organizations with this tag' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  tag?: string;
}

export class CreateTeamDto {
  @ApiProperty({ example: 'Applied', description: 'Unique within the organization once accents and case are folded' })
  @IsString()
  @Length(1, ORGANIZATION_NAME_MAX)
  name: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(10_000)
  description?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: "What you learnt about the team: its projects, papers, lead" })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(100_000)
  researchNotes?: string | null;
}

export class UpdateTeamDto extends PartialType(CreateTeamDto) {}

export class TeamResponse {
  @ApiProperty() id: string;
  @ApiProperty() organizationId: string;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) description: string | null;
  @ApiProperty({ nullable: true, type: String }) researchNotes: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;

  static from(t: Team): TeamResponse {
    return {
      id: t.id,
      organizationId: t.organizationId,
      name: t.name,
      description: t.description,
      researchNotes: t.researchNotes,
      createdAt: t.createdAt.toISOString(),
      updatedAt: t.updatedAt.toISOString(),
    };
  }
}

export class OrganizationResponse {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: [String], description: 'Other names it goes by' }) aliases: string[];
  @ApiProperty({ nullable: true, type: String }) website: string | null;
  @ApiProperty({ nullable: true, type: String }) description: string | null;
  @ApiProperty({ nullable: true, type: String }) researchNotes: string | null;
  @ApiProperty({ type: [String] }) tags: string[];
  @ApiProperty({ type: [TeamResponse], description: 'By name' }) teams: TeamResponse[];
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;

  static from(o: Organization): OrganizationResponse {
    return {
      id: o.id,
      name: o.name,
      aliases: o.aliases ?? [],
      website: o.website,
      description: o.description,
      researchNotes: o.researchNotes,
      tags: o.tags,
      teams: (o.teams ?? []).map(TeamResponse.from),
      createdAt: o.createdAt.toISOString(),
      updatedAt: o.updatedAt.toISOString(),
    };
  }
}

export class OrganizationsPage {
  @ApiProperty({ type: [OrganizationResponse] }) items: OrganizationResponse[];
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}

export class MergeOrganizationsDto {
  @ApiProperty({ format: 'uuid', description: 'The organization merged into this one and then removed; its name becomes an alias' })
  @IsUUID()
  otherId: string;

  @ApiPropertyOptional({ default: true, description: 'Preview only; send false to apply' })
  @IsOptional()
  @IsBoolean()
  dryRun?: boolean;
}

export class OrganizationsMovedDto {
  @ApiProperty({ description: 'Teams moved over' }) teams: number;
  @ApiProperty({ description: "Teams folded into the survivor's team of the same name" }) teamsMerged: number;
  @ApiProperty() people: number;
  @ApiProperty() applications: number;
  @ApiProperty() stageTemplates: number;
  @ApiProperty({ description: 'Mock interviews held for the organization' }) mockInterviews: number;
  @ApiProperty({ description: 'Question-bank questions asked at the organization' }) practiceQuestions: number;
  @ApiProperty({ description: 'Referrals of the applications moved' }) referrals: number;
}

export class OrganizationMergeResponse {
  @ApiProperty({ type: OrganizationResponse, description: 'The organization after the merge' }) result: OrganizationResponse;
  @ApiProperty({ type: OrganizationResponse, description: 'The organization merged in (removed when applied)' }) merged: OrganizationResponse;
  @ApiProperty({ type: OrganizationsMovedDto }) moved: OrganizationsMovedDto;
  @ApiProperty() applied: boolean;

  static from(p: OrganizationMergePreview): OrganizationMergeResponse {
    return { result: OrganizationResponse.from(p.survivor), merged: OrganizationResponse.from(p.merged), moved: p.moved, applied: p.applied };
  }
}
