import { Injectable } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsDateString, IsIn, IsString, IsUUID, Length, MaxLength, ValidateIf } from 'class-validator';
import { AccountExportPart, ExportContext, ExportPart, recordOf, RestoreContext, sectionOf } from '../account-export/index';
import { IsScholarlySource, SCHOLARLY_SOURCES } from '../scholarly/index';
import { parseIdentityInput } from './identity-input';
import { IDENTITY_STATUSES, ScholarlyIdentity } from './scholarly-identity.entity';

/** What a restore leaves for the parts after it: the new ids of the people whose works a sync brings back. */
export const IMPORTED_LINKED_PEOPLE = 'scholarlyIdentities.linkedPeople';

/**
 * A person's id at a source. What the last sync found is not exported (nor when the row last
 * changed, which every sync does): the works are the source's, and an import syncs the linked
 * identities again.
 */
export class ExportedScholarlyIdentityDto {
  @ApiProperty() @IsUUID() id: string;
  @ApiProperty() @IsUUID() personId: string;
  @ApiProperty({ enum: SCHOLARLY_SOURCES, enumName: 'ScholarlySource' }) @IsScholarlySource() source: string;
  @ApiProperty({ example: 'A5023888391' }) @IsString() @Length(1, 500) sourceAuthorId: string;
  @ApiProperty({ nullable: true, type: String }) @ValidateIf((_, v) => v !== null) @IsString() @MaxLength(1000) name: string | null;
  @ApiProperty({ enum: IDENTITY_STATUSES, enumName: 'IdentityStatus' }) @IsIn(IDENTITY_STATUSES) status: (typeof IDENTITY_STATUSES)[number];
  @ApiProperty({ enum: ['user', 'auto'] }) @IsIn(['user', 'auto']) linkedBy: 'user' | 'auto';
  @ApiProperty({ format: 'date-time' }) @IsDateString() createdAt: string;
}

type IdentitiesSection = { scholarlyIdentities?: ExportedScholarlyIdentityDto[] };
/** The people section, which tells who was deleted (read, not written, here). */
type PeopleRead = { people: { id: string; deletedAt: string | null }[] };

/** Who each person is at the scholarly sources, rejected candidates included. */
@Injectable()
@ExportPart({ name: 'scholarlyIdentities', after: ['people'], schema: { scholarlyIdentities: sectionOf(ExportedScholarlyIdentityDto, { since: 'Since version 3; an import syncs the linked ones again' }) } })
export class ScholarlyIdentitiesExport implements AccountExportPart<IdentitiesSection> {
  async exportPart(userId: string, { em }: ExportContext): Promise<IdentitiesSection> {
    const identities = await em.find(ScholarlyIdentity, { where: { userId }, order: { createdAt: 'ASC', id: 'ASC' } });
    return {
      scholarlyIdentities: identities.map((i) => recordOf(ExportedScholarlyIdentityDto, i)),
    };
  }

  /** Written as never synced: once the restore is committed, a sync of the people they link brings the works (the sources', not the document's). */
  async restorePart(userId: string, doc: IdentitiesSection & PeopleRead, ctx: RestoreContext): Promise<void> {
    const ids = ctx.ids('scholarlyIdentities');
    const seen = new Set<string>();
    const identities = ids.allocate(doc.scholarlyIdentities ?? []).flatMap((i) => {
      const item = `scholarlyIdentities[${i.id}]`;
      if (!ctx.required('people', i.personId, item, 'person')) return [];
      // Kept in the form a sync asks for; one no source would take is kept too, marked broken, as a sync would mark it.
      const parsed = parseIdentityInput(i.source, i.sourceAuthorId);
      const sourceAuthorId = parsed.ok ? parsed.sourceAuthorId : i.sourceAuthorId;
      const key = `${i.personId}/${i.source}/${sourceAuthorId}`;
      if (seen.has(key)) {
        ctx.skip(item, 'the same person has this identity earlier in the document; the first is kept');
        return [];
      }
      seen.add(key);
      return [{ ...i, sourceAuthorId, brokenReason: parsed.ok ? null : `Imported, but its id ${parsed.problem}` }];
    });
    await ctx.write(
      ScholarlyIdentity,
      identities.map((i) => ({
        id: ids.get(i.id)!,
        userId,
        personId: ctx.ids('people').get(i.personId)!,
        source: i.source,
        sourceAuthorId: i.sourceAuthorId,
        name: i.name,
        status: i.status,
        linkedBy: i.linkedBy,
        syncState: i.brokenReason ? ('broken' as const) : ('never' as const),
        brokenReason: i.brokenReason,
        createdAt: new Date(i.createdAt),
      })),
    );
    const deleted = new Set(doc.people.filter((p) => p.deletedAt).map((p) => p.id));
    const linked = identities.filter((i) => i.status === 'linked' && !i.brokenReason && !deleted.has(i.personId));
    ctx.note(IMPORTED_LINKED_PEOPLE, [...new Set(linked.map((i) => ctx.ids('people').get(i.personId)!))]);
  }
}
