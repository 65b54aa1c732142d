import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength, ValidateIf } from 'class-validator';
import { APPLICATION_STATUSES, ApplicationStatus } from '#domain/applications/index';
import { nextReferralStatuses, Referral, REFERRAL_STATUSES, ReferralStatus, referralPath } from '#domain/referrals/index';
import { IsCalendarDate } from '../../common/date-validators';
import { PageQuery } from '../../common/page-query';

const notUndefined = (_: object, v: unknown): boolean => v !== undefined;
const notNullish = (_: object, v: unknown): boolean => v !== undefined && v !== null;

export class CreateReferralDto {
  @ApiProperty({ format: 'uuid', description: 'The application the referral is for' })
  @IsUUID()
  applicationId: string;

  @ApiProperty({ format: 'uuid', description: 'The person vouching for you' })
  @IsUUID()
  referrerId: string;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'The recruiter the referral went to' })
  @ValidateIf(notNullish)
  @IsUUID()
  recruiterId?: string | null;

  @ApiPropertyOptional({ enum: REFERRAL_STATUSES, enumName: 'ReferralStatus', default: 'discussed', description: 'Where the referral stands now' })
  @ValidateIf(notUndefined)
  @IsIn(REFERRAL_STATUSES)
  status?: ReferralStatus;

  @ApiPropertyOptional({ example: '2026-03-02', description: "The date of that status (yyyy-mm-dd); default: today in your time zone" })
  @ValidateIf(notUndefined)
  @IsCalendarDate()
  on?: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'Offered over coffee after the NeurIPS workshop' })
  @ValidateIf(notNullish)
  @IsString()
  @MaxLength(20_000)
  notes?: string | null;
}

export class UpdateReferralDto {
  @ApiPropertyOptional({
    enum: REFERRAL_STATUSES, enumName: 'ReferralStatus',
    description: 'Forward along discussed → offered → submitted → recruiter_contacted → acknowledged (a step may be skipped), or declined before acknowledged. Going back answers 409 with the allowed statuses. The same status with `on` corrects its date.',
  })
  @ValidateIf(notUndefined)
  @IsIn(REFERRAL_STATUSES)
  status?: ReferralStatus;

  @ApiPropertyOptional({ example: '2026-03-09', description: 'The date the status was reached (yyyy-mm-dd); default: today in your time zone' })
  @ValidateIf(notUndefined)
  @IsCalendarDate()
  on?: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  @ValidateIf(notNullish)
  @IsString()
  @MaxLength(20_000)
  notes?: string | null;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'null removes the recruiter' })
  @ValidateIf(notNullish)
  @IsUUID()
  recruiterId?: string | null;
}

export class ListReferralsQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  applicationId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Referrals this person made, or received as the recruiter' })
  @IsOptional()
  @IsUUID()
  personId?: string;

  @ApiPropertyOptional({ enum: REFERRAL_STATUSES, enumName: 'ReferralStatus' })
  @IsOptional()
  @IsIn(REFERRAL_STATUSES)
  status?: ReferralStatus;
}

// Own small ref types: the person and application DTOs embed referrals, so this file imports neither.
export class ReferralRefDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
}

export class ReferralPersonDto {
  @ApiProperty() id: string;
  @ApiProperty() fullName: string;
}

export class ReferralApplicationDto {
  @ApiProperty() id: string;
  @ApiProperty() role: string;
  @ApiProperty({ enum: APPLICATION_STATUSES, enumName: 'ApplicationStatus' }) status: ApplicationStatus;
  @ApiProperty({ type: ReferralRefDto }) organization: ReferralRefDto;
  @ApiProperty({ nullable: true, type: ReferralRefDto }) team: ReferralRefDto | null;
}

export class ReferralStepDto {
  @ApiProperty({ enum: REFERRAL_STATUSES, enumName: 'ReferralStatus' }) status: ReferralStatus;
  @ApiProperty({ nullable: true, type: String, example: '2026-03-09', description: 'When it was reached, if recorded' }) on: string | null;
  @ApiProperty({ description: 'Whether the referral got this far' }) reached: boolean;
}

export class CarriedReferralDto {
  @ApiProperty({ description: 'The referral on the other side of the reroute' }) id: string;
  @ApiProperty({ type: ReferralApplicationDto }) application: ReferralApplicationDto;
  @ApiProperty({ format: 'date-time', description: 'When the reroute carried it over' }) carriedAt: string;

  static from(r: Referral, carriedAt: Date): CarriedReferralDto {
    return { id: r.id, application: applicationDto(r.applicationId, r.application), carriedAt: carriedAt.toISOString() };
  }
}

function applicationDto(id: string, a: Referral['application']): ReferralApplicationDto {
  return {
    id,
    role: a?.role ?? '',
    status: a?.status ?? 'active',
    organization: { id: a?.organizationId ?? '', name: a?.organization?.name ?? '' },
    team: a?.team ? { id: a.team.id, name: a.team.name } : null,
  };
}

export class ReferralResponse {
  @ApiProperty() id: string;
  @ApiProperty({ type: ReferralApplicationDto }) application: ReferralApplicationDto;
  @ApiProperty({ type: ReferralPersonDto }) referrer: ReferralPersonDto;
  @ApiProperty({ nullable: true, type: ReferralPersonDto }) recruiter: ReferralPersonDto | null;
  @ApiProperty({ enum: REFERRAL_STATUSES, enumName: 'ReferralStatus' }) status: ReferralStatus;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string', format: 'date' }, example: { discussed: '2026-03-02', offered: '2026-03-04', submitted: '2026-03-09' }, description: 'A map of status to the date it was reached' })
  statusDates: Partial<Record<ReferralStatus, string>>;
  @ApiProperty({ type: [ReferralStepDto], description: 'The path in order, with the date of each step' }) path: ReferralStepDto[];
  @ApiProperty({ enum: REFERRAL_STATUSES, enumName: 'ReferralStatus', isArray: true, description: 'The statuses it may go to next' }) allowedNext: ReferralStatus[];
  @ApiProperty({ nullable: true, type: String }) notes: string | null;
  @ApiProperty({ nullable: true, type: CarriedReferralDto, description: 'The referral on the failed application a reroute carried this one over from' }) carriedFrom: CarriedReferralDto | null;
  @ApiProperty({ type: [CarriedReferralDto], description: 'The rerouted applications this referral was carried over to' }) carriedTo: CarriedReferralDto[];
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;

  static from(r: Referral): ReferralResponse {
    return {
      id: r.id,
      application: applicationDto(r.applicationId, r.application),
      referrer: { id: r.referrerId, fullName: r.referrer?.fullName ?? '' },
      recruiter: r.recruiter ? { id: r.recruiter.id, fullName: r.recruiter.fullName } : null,
      status: r.status,
      statusDates: r.statusDates,
      path: referralPath(r.status, r.statusDates),
      allowedNext: nextReferralStatuses(r.status),
      notes: r.notes,
      // A carried referral is created by the reroute: its creation is when it was carried.
      carriedFrom: r.carriedFrom ? CarriedReferralDto.from(r.carriedFrom, r.createdAt) : null,
      carriedTo: (r.carriedTo ?? []).map((to) => CarriedReferralDto.from(to, to.createdAt)),
      createdAt: r.createdAt.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
    };
  }
}

export class ReferralsPage {
  @ApiProperty({ type: [ReferralResponse], description: 'Newest first' }) items: ReferralResponse[];
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}
