import { Injectable } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateString, IsIn, IsObject, IsOptional, IsUUID, ValidateBy } from 'class-validator';
import { AccountExportPart, ExportContext, ExportPart, NullableText, NullableUuid, recordOf, RestoreContext, sectionOf } from '../account-export/index';
import { Referral, REFERRAL_STATUSES, ReferralStatus } from './referral.entity';

/** { status: yyyy-mm-dd } with known statuses only. */
function IsValidStatusDates(): PropertyDecorator {
  return ValidateBy({
    name: 'isValidStatusDates',
    validator: {
      validate: (v) => !!v && typeof v === 'object' && Object.entries(v as object).every(([k, d]) => (REFERRAL_STATUSES as readonly string[]).includes(k) && typeof d === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(d)),
      defaultMessage: () => `must map statuses (${REFERRAL_STATUSES.join(', ')}) to dates as yyyy-mm-dd`,
    },
  });
}

export class ExportedReferralDto {
  @ApiProperty() @IsUUID() id: string;
  @ApiProperty() @IsUUID() applicationId: string;
  @ApiProperty() @IsUUID() referrerId: string;
  @ApiProperty({ nullable: true, type: String }) @NullableUuid() recruiterId: string | null;
  @ApiProperty({ enum: REFERRAL_STATUSES, enumName: 'ReferralStatus' }) @IsIn(REFERRAL_STATUSES) status: ReferralStatus;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string', format: 'date' }, description: 'A map of status to the date it was reached', example: { discussed: '2026-03-02', submitted: '2026-03-09' } }) @IsObject() @IsValidStatusDates() statusDates: Partial<Record<ReferralStatus, string>>;
  @ApiProperty({ nullable: true, type: String }) @NullableText() notes: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Absent in older documents' }) @IsOptional() @NullableUuid() carriedFromId?: string | null;
  @ApiProperty({ format: 'date-time' }) @IsDateString() createdAt: string;
  @ApiProperty({ format: 'date-time' }) @IsDateString() updatedAt: string;
}

type ReferralsSection = { referrals?: ExportedReferralDto[] };

@Injectable()
@ExportPart({ name: 'referrals', after: ['applications', 'people'], schema: { referrals: sectionOf(ExportedReferralDto, { since: 'Since version 2' }) } })
export class ReferralsExport implements AccountExportPart<ReferralsSection> {
  async exportPart(userId: string, { em }: ExportContext): Promise<ReferralsSection> {
    const referrals = await em.find(Referral, { where: { userId }, order: { createdAt: 'ASC', id: 'ASC' } });
    return {
      referrals: referrals.map((r) => recordOf(ExportedReferralDto, r)),
    };
  }

  async restorePart(userId: string, doc: ReferralsSection, ctx: RestoreContext): Promise<void> {
    const ids = ctx.ids('referrals');
    const seenPairs = new Set<string>();
    const referrals = ids.allocate(
      (doc.referrals ?? []).filter((r) => {
        if (!ctx.required('applications', r.applicationId, `referrals[${r.id}]`, 'application') || !ctx.required('people', r.referrerId, `referrals[${r.id}]`, 'person')) return false;
        const pair = `${r.applicationId}/${r.referrerId}`;
        if (seenPairs.has(pair)) {
          ctx.skip(`referrals[${r.id}]`, 'the same person already referred this application earlier in the document');
          return false;
        }
        seenPairs.add(pair);
        return true;
      }),
    );
    await ctx.write(
      Referral,
      referrals.map((r) => ({
        id: ids.get(r.id)!,
        userId,
        applicationId: ctx.ids('applications').get(r.applicationId)!,
        referrerId: ctx.ids('people').get(r.referrerId)!,
        recruiterId: ctx.ref('people', r.recruiterId, `referrals[${r.id}].recruiterId`),
        status: r.status,
        statusDates: r.statusDates,
        notes: r.notes,
        createdAt: new Date(r.createdAt),
        updatedAt: new Date(r.updatedAt),
      })),
    );
    // Linked once all are written, so the document's order does not matter.
    for (const r of referrals) {
      const from = ctx.ref('referrals', r.carriedFromId, `referrals[${r.id}].carriedFromId`);
      // In SQL, so that the row keeps the updated_at of the document.
      if (from) await ctx.em.query('UPDATE referrals SET carried_from_id = $1 WHERE id = $2', [from, ids.get(r.id)]);
    }
  }
}
