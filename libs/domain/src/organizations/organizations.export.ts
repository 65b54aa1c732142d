import { Injectable } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsDateString, IsOptional, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import type { EntityManager } from 'typeorm';
import { AccountExportPart, ExportContext, ExportPart, NullableText, recordOf, RestoreContext, sectionOf } from '../account-export/index';
import { foldName } from '../shared/text/index';
import { Organization } from './organization.entity';
import { Team } from './team.entity';

export class ExportedTeamDto {
  @ApiProperty() @IsUUID() id: string;
  @ApiProperty() @IsString() @MaxLength(300) name: string;
  @ApiProperty({ nullable: true, type: String }) @NullableText() description: string | null;
  @ApiProperty({ nullable: true, type: String }) @NullableText() researchNotes: string | null;
  @ApiProperty({ format: 'date-time' }) @IsDateString() createdAt: string;
  @ApiProperty({ format: 'date-time' }) @IsDateString() updatedAt: string;
}

export class ExportedOrganizationDto {
  @ApiProperty() @IsUUID() id: string;
  @ApiProperty() @IsString() @MaxLength(300) name: string;
  @ApiPropertyOptional({ type: [String], description: 'Added with organization aliases; absent in older documents' }) @IsOptional() @IsArray() @IsString({ each: true }) @MaxLength(300, { each: true }) aliases?: string[];
  @ApiProperty({ nullable: true, type: String }) @NullableText() website: string | null;
  @ApiProperty({ nullable: true, type: String }) @NullableText() description: string | null;
  @ApiProperty({ nullable: true, type: String }) @NullableText() researchNotes: string | null;
  @ApiProperty({ type: [String] }) @IsArray() @IsString({ each: true }) tags: string[];
  @ApiProperty({ format: 'date-time' }) @IsDateString() createdAt: string;
  @ApiProperty({ format: 'date-time' }) @IsDateString() updatedAt: string;
  @ApiProperty({ type: [ExportedTeamDto] }) @IsArray() @ValidateNested({ each: true }) @Type(() => ExportedTeamDto) teams: ExportedTeamDto[];
}

type OrganizationsSection = { organizations: ExportedOrganizationDto[] };

/** Organizations, each with its teams. */
@Injectable()
@ExportPart({ name: 'organizations', schema: { organizations: sectionOf(ExportedOrganizationDto) } })
export class OrganizationsExport implements AccountExportPart<OrganizationsSection> {
  async exportPart(userId: string, { em }: ExportContext): Promise<OrganizationsSection> {
    const organizations = await em.find(Organization, { where: { userId }, order: { createdAt: 'ASC', id: 'ASC' } });
    const teams = await em.find(Team, { where: { userId }, order: { createdAt: 'ASC', id: 'ASC' } });
    return {
      organizations: organizations.map((o) => recordOf(ExportedOrganizationDto, o, { teams: teams.filter((t) => t.organizationId === o.id).map((t) => recordOf(ExportedTeamDto, t)) })),
    };
  }

  async restorePart(userId: string, doc: OrganizationsSection, ctx: RestoreContext): Promise<void> {
    const ids = ctx.ids('organizations');
    const organizations = ids.allocate(doc.organizations);
    await ctx.write(
      Organization,
      organizations.map((o) => ({ id: ids.get(o.id)!, userId, name: o.name, nameFolded: foldName(o.name), ...aliasColumns(o.name, o.aliases ?? []), website: o.website, description: o.description, researchNotes: o.researchNotes, tags: o.tags, createdAt: new Date(o.createdAt), updatedAt: new Date(o.updatedAt) })),
    );
    const teamIds = ctx.ids('teams');
    const teams = teamIds.allocate(organizations.flatMap((o) => o.teams.map((t) => ({ ...t, organizationId: o.id }))));
    await ctx.write(
      Team,
      teams.map((t) => ({ id: teamIds.get(t.id)!, userId, organizationId: ids.get(t.organizationId)!, name: t.name, nameFolded: foldName(t.name), description: t.description, researchNotes: t.researchNotes, createdAt: new Date(t.createdAt), updatedAt: new Date(t.updatedAt) })),
    );
  }

  count(doc: OrganizationsSection): number {
    return doc.organizations.reduce((n, o) => n + 1 + o.teams.length, 0);
  }

  async hasData(em: EntityManager, userId: string): Promise<boolean> {
    return em.existsBy(Organization, { userId });
  }
}

/** Aliases as the organizations service keeps them: distinct once folded, never the own name. */
function aliasColumns(name: string, list: string[]): { aliases: string[]; aliasesFolded: string[] } {
  const aliases = new Map<string, string>();
  for (const alias of list) {
    const key = foldName(alias);
    if (key && key !== foldName(name) && !aliases.has(key)) aliases.set(key, alias);
  }
  return { aliases: [...aliases.values()], aliasesFolded: [...aliases.keys()] };
}
