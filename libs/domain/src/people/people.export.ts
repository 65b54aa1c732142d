import { Injectable } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsArray, IsDateString, IsIn, IsInt, IsObject, IsOptional, IsString, IsUUID, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import type { EntityManager } from 'typeorm';
import { AccountExportPart, ExportContext, ExportPart, NullableText, recordOf, RestoreContext, sectionOf } from '../account-export/index';
import { foldName, PersonLinks } from '../shared/text/index';
import { Person, RELATIONSHIP_STAGES } from './person.entity';

export class ExportedPersonDto {
  @ApiProperty() @IsUUID() id: string;
  @ApiProperty() @IsString() @MaxLength(300) fullName: string;
  @ApiProperty({ nullable: true, type: String }) @NullableText() givenName: string | null;
  @ApiProperty({ nullable: true, type: String }) @NullableText() familyName: string | null;
  @ApiProperty({ nullable: true, type: String }) @NullableText() headline: string | null;
  @ApiProperty({ nullable: true, type: String }) @NullableText() role: string | null;
  @ApiProperty({ nullable: true, type: String }) @ValidateIf((_, v) => v !== null) @IsUUID() organizationId: string | null;
  @ApiProperty({ nullable: true, type: String }) @ValidateIf((_, v) => v !== null) @IsUUID() teamId: string | null;
  @ApiProperty({ type: [String] }) @IsArray() @IsString({ each: true }) emails: string[];
  @ApiPropertyOptional({ type: [String], description: 'Added with phone numbers; absent in older documents' }) @IsOptional() @IsArray() @IsString({ each: true }) @MaxLength(50, { each: true }) phones?: string[];
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, description: 'A map of profile links by kind' }) @IsObject() links: PersonLinks;
  @ApiProperty({ type: [String] }) @IsArray() @IsString({ each: true }) tags: string[];
  @ApiProperty({ nullable: true, type: String }) @NullableText() howWeMet: string | null;
  @ApiProperty({ enum: RELATIONSHIP_STAGES, enumName: 'RelationshipStage' }) @IsIn(RELATIONSHIP_STAGES) relationshipStage: (typeof RELATIONSHIP_STAGES)[number];
  @ApiProperty({ nullable: true, type: String }) @NullableText() notes: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) @ValidateIf((_, v) => v !== null) @IsDateString({ strict: true }) nextFollowUpAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Since version 2' }) @IsOptional() @NullableText() nextFollowUpReason?: string | null;
  @ApiProperty({ nullable: true, type: Number }) @ValidateIf((_, v) => v !== null) @IsInt() @Min(1) @Max(3650) followUpCadenceDays: number | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) @ValidateIf((_, v) => v !== null) @IsDateString() lastInteractionAt: string | null;
  @ApiProperty({ format: 'date-time' }) @IsDateString() createdAt: string;
  @ApiProperty({ format: 'date-time' }) @IsDateString() updatedAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) @ValidateIf((_, v) => v !== null) @IsDateString() deletedAt: string | null;
}

type PeopleSection = { people: ExportedPersonDto[] };

/** People, deleted ones included (with when). */
@Injectable()
@ExportPart({ name: 'people', after: ['organizations'], schema: { people: sectionOf(ExportedPersonDto) } })
export class PeopleExport implements AccountExportPart<PeopleSection> {
  async exportPart(userId: string, { em }: ExportContext): Promise<PeopleSection> {
    const people = await em.find(Person, { where: { userId }, withDeleted: true, order: { createdAt: 'ASC', id: 'ASC' } });
    return {
      people: people.map((p) => recordOf(ExportedPersonDto, p)),
    };
  }

  async restorePart(userId: string, doc: PeopleSection, ctx: RestoreContext): Promise<void> {
    const ids = ctx.ids('people');
    await ctx.write(
      Person,
      // The validated document holds the columns only: the others are written as they were.
      ids.allocate(doc.people).map(({ id, organizationId, teamId, phones, nextFollowUpReason, lastInteractionAt, createdAt, updatedAt, deletedAt, ...columns }) => ({
        ...columns,
        id: ids.get(id)!,
        userId,
        nameFolded: foldName(columns.fullName),
        organizationId: ctx.ref('organizations', organizationId, `people[${id}].organizationId`),
        teamId: ctx.ref('teams', teamId, `people[${id}].teamId`),
        phones: phones ?? [],
        nextFollowUpReason: nextFollowUpReason ?? null,
        lastInteractionAt: lastInteractionAt ? new Date(lastInteractionAt) : null,
        createdAt: new Date(createdAt),
        updatedAt: new Date(updatedAt),
        deletedAt: deletedAt ? new Date(deletedAt) : null,
      })),
    );
  }

  async hasData(em: EntityManager, userId: string): Promise<boolean> {
    return em.exists(Person, { where: { userId }, withDeleted: true });
  }
}
