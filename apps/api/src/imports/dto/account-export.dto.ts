import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { Equals, IsArray, IsDateString, IsIn, IsInt, IsObject, IsOptional, IsString, IsTimeZone, IsUUID, Max, MaxLength, Min, ValidateIf, ValidateNested } from 'class-validator';
import { EXPORT_FORMAT, EXPORT_VERSION } from '#domain/imports/index';
import { INTERACTION_TYPES } from '#domain/interactions/interaction.entity';
import { RELATIONSHIP_STAGES } from '#domain/people/index';

// Nullable text: present, either a string or null.
const NullableText = (): PropertyDecorator => (target, key) => {
  ValidateIf((_, v) => v !== null)(target, key);
  IsString()(target, key);
  MaxLength(100_000)(target, key);
};

class ExportedAccountDto {
  @ApiProperty() @IsString() @MaxLength(200) displayName: string;
  @ApiProperty() @IsTimeZone() timeZone: string;
}

class ExportedTeamDto {
  @ApiProperty() @IsUUID() id: string;
  @ApiProperty() @IsString() @MaxLength(300) name: string;
  @ApiProperty({ nullable: true, type: String }) @NullableText() description: string | null;
  @ApiProperty({ nullable: true, type: String }) @NullableText() researchNotes: string | null;
  @ApiProperty() @IsDateString() createdAt: string;
  @ApiProperty() @IsDateString() updatedAt: string;
}

class ExportedOrganizationDto {
  @ApiProperty() @IsUUID() id: string;
  @ApiProperty() @IsString() @MaxLength(300) name: string;
  @ApiProperty({ nullable: true, type: String }) @NullableText() website: string | null;
  @ApiProperty({ nullable: true, type: String }) @NullableText() description: string | null;
  @ApiProperty({ nullable: true, type: String }) @NullableText() researchNotes: string | null;
  @ApiProperty({ type: [String] }) @IsArray() @IsString({ each: true }) tags: string[];
  @ApiProperty() @IsDateString() createdAt: string;
  @ApiProperty() @IsDateString() updatedAt: string;
  @ApiProperty({ type: [ExportedTeamDto] }) @IsArray() @ValidateNested({ each: true }) @Type(() => ExportedTeamDto) teams: ExportedTeamDto[];
}

class ExportedPersonDto {
  @ApiProperty() @IsUUID() id: string;
  @ApiProperty() @IsString() @MaxLength(300) fullName: string;
  @ApiProperty({ nullable: true, type: String }) @NullableText() givenName: string | null;
  @ApiProperty({ nullable: true, type: String }) @NullableText() familyName: string | null;
  @ApiProperty({ nullable: true, type: String }) @NullableText() headline: string | null;
  @ApiProperty({ nullable: true, type: String }) @NullableText() role: string | null;
  @ApiProperty({ nullable: true, type: String }) @ValidateIf((_, v) => v !== null) @IsUUID() organizationId: string | null;
  @ApiProperty({ nullable: true, type: String }) @ValidateIf((_, v) => v !== null) @IsUUID() teamId: string | null;
  @ApiProperty({ type: [String] }) @IsArray() @IsString({ each: true }) emails: string[];
  @ApiProperty() @IsObject() links: Record<string, string>;
  @ApiProperty({ type: [String] }) @IsArray() @IsString({ each: true }) tags: string[];
  @ApiProperty({ nullable: true, type: String }) @NullableText() howWeMet: string | null;
  @ApiProperty({ enum: RELATIONSHIP_STAGES }) @IsIn(RELATIONSHIP_STAGES) relationshipStage: (typeof RELATIONSHIP_STAGES)[number];
  @ApiProperty({ nullable: true, type: String }) @NullableText() notes: string | null;
  @ApiProperty({ nullable: true, type: String }) @ValidateIf((_, v) => v !== null) @IsDateString({ strict: true }) nextFollowUpAt: string | null;
  @ApiProperty({ nullable: true, type: Number }) @ValidateIf((_, v) => v !== null) @IsInt() @Min(1) @Max(3650) followUpCadenceDays: number | null;
  @ApiProperty({ nullable: true, type: String }) @ValidateIf((_, v) => v !== null) @IsDateString() lastInteractionAt: string | null;
  @ApiProperty() @IsDateString() createdAt: string;
  @ApiProperty() @IsDateString() updatedAt: string;
  @ApiProperty({ nullable: true, type: String }) @ValidateIf((_, v) => v !== null) @IsDateString() deletedAt: string | null;
}

class ExportedInteractionDto {
  @ApiProperty() @IsUUID() id: string;
  @ApiProperty() @IsUUID() personId: string;
  @ApiProperty({ enum: INTERACTION_TYPES }) @IsIn(INTERACTION_TYPES) type: (typeof INTERACTION_TYPES)[number];
  @ApiProperty() @IsDateString() occurredAt: string;
  @ApiProperty({ nullable: true, type: String }) @NullableText() channel: string | null;
  @ApiProperty() @IsString() @MaxLength(100_000) summary: string;
  @ApiProperty({ nullable: true, type: String }) @NullableText() offered: string | null;
  @ApiProperty() @IsDateString() createdAt: string;
  @ApiProperty() @IsDateString() updatedAt: string;
}

/** The versioned export document; the same shape GET /export answers with. */
export class AccountExportDto {
  @ApiProperty({ example: EXPORT_FORMAT }) @Equals(EXPORT_FORMAT) format: typeof EXPORT_FORMAT;
  @ApiProperty({ example: EXPORT_VERSION, description: 'Versions this server reads: 1' }) @IsIn([EXPORT_VERSION]) version: number;
  @ApiPropertyOptional() @IsOptional() @IsDateString() exportedAt: string;
  @ApiProperty({ type: ExportedAccountDto }) @ValidateNested() @Type(() => ExportedAccountDto) account: ExportedAccountDto;
  @ApiProperty({ type: [ExportedOrganizationDto] }) @IsArray() @ValidateNested({ each: true }) @Type(() => ExportedOrganizationDto) organizations: ExportedOrganizationDto[];
  @ApiProperty({ type: [ExportedPersonDto] }) @IsArray() @ValidateNested({ each: true }) @Type(() => ExportedPersonDto) people: ExportedPersonDto[];
  @ApiProperty({ type: [ExportedInteractionDto] }) @IsArray() @ValidateNested({ each: true }) @Type(() => ExportedInteractionDto) interactions: ExportedInteractionDto[];
}
