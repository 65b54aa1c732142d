import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { Equals, getMetadataStorage, IsArray, IsDateString, IsIn, IsOptional, IsString, IsUUID, MaxLength, ValidateIf, ValidateNested } from 'class-validator';

export const EXPORT_FORMAT = 'dossier-export';
/**
 * 2 added the pipeline: stage templates, applications, interviews, tasks, referrals, asks, follow-up reasons.
 * 3 added the research: scholarly identities, people's own sync schedules and briefings.
 */
export const EXPORT_VERSION = 3;
/** The versions an import reads; an older document simply lacks what came later. */
export const READABLE_EXPORT_VERSIONS = [1, 2, 3] as const;

/**
 * The account's own settings. Its fields are declared by the modules that own them (see
 * ExportPart: a key `account.<field>`), so the class starts empty.
 */
export class ExportedAccountDto {}

/**
 * All of one user's data as one JSON document; the same shape GET /export answers with and
 * POST /imports/dossier validates. Versioned: an importer reads any version it knows. Ids are kept so
 * that references inside the document hold; an import gives the rows new ids. Besides the
 * envelope below, every section is declared by the module that owns its records (ExportPart), so
 * this class, its OpenAPI schema and its validation are complete once the modules are loaded.
 */
export class AccountExportDto {
  @ApiProperty({ type: String, enum: [EXPORT_FORMAT], example: EXPORT_FORMAT }) @Equals(EXPORT_FORMAT) format: typeof EXPORT_FORMAT;
  @ApiProperty({ example: EXPORT_VERSION, description: `Versions this server reads: ${READABLE_EXPORT_VERSIONS.join(', ')} (1 has no pipeline data)` }) @IsIn([...READABLE_EXPORT_VERSIONS]) version: number;
  @ApiPropertyOptional({ format: 'date-time' }) @IsOptional() @IsDateString() exportedAt?: string;
  @ApiProperty({ type: ExportedAccountDto }) @ValidateNested() @Type(() => ExportedAccountDto) account: Record<string, unknown>;
  [section: string]: unknown;
}

/** The document, typed as one part sees it. */
export type AccountExport = AccountExportDto;

/**
 * A section of the document: a list of records of one kind. `since` says from which document on it
 * is there; a section every version has is required.
 */
export function sectionOf(dto: Function, options: { since?: string } = {}): PropertyDecorator {
  return (target, key) => {
    if (options.since) {
      ApiPropertyOptional({ type: [dto], description: options.since })(target, key);
      IsOptional()(target, key);
    } else ApiProperty({ type: [dto] })(target, key);
    IsArray()(target, key);
    ValidateNested({ each: true })(target, key);
    Type(() => dto)(target, key);
  };
}

// Nullable fields: present, either a value or null.
export const NullableText = (): PropertyDecorator => (target, key) => {
  ValidateIf((_, v) => v !== null)(target, key);
  IsString()(target, key);
  MaxLength(100_000)(target, key);
};

export const NullableUuid = (): PropertyDecorator => (target, key) => {
  ValidateIf((_, v) => v !== null)(target, key);
  IsUUID()(target, key);
};

export const NullableDateTime = (): PropertyDecorator => (target, key) => {
  ValidateIf((_, v) => v !== null)(target, key);
  IsDateString()(target, key);
};

const fieldLists = new Map<Function, string[]>();

/** The fields a section's DTO declares (every one is validated, so class-validator knows them all), in declaration order. */
function fieldsOf(dto: Function): string[] {
  let fields = fieldLists.get(dto);
  if (!fields) fieldLists.set(dto, (fields = [...new Set(getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false).map((m) => m.propertyName))]));
  return fields;
}

/**
 * A row in the document's form: each field the DTO declares, taken from `computed` or else from the
 * row's property of the same name, instants as ISO strings. A field found in neither is a bug (its
 * records would silently lose it), so it throws.
 */
export function recordOf<D extends object>(dto: new () => D, row: object, computed: Partial<D> = {}): D {
  const out: Record<string, unknown> = {};
  for (const field of fieldsOf(dto)) {
    const value = field in computed ? (computed as Record<string, unknown>)[field] : (row as Record<string, unknown>)[field];
    if (value === undefined) throw new Error(`${dto.name}.${field}: the row has no such field and none is computed`);
    out[field] = value instanceof Date ? value.toISOString() : value;
  }
  return out as D;
}
