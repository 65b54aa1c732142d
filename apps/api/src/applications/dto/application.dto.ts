import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsOptional, IsString, IsUUID, Length, MaxLength, ValidateIf } from 'class-validator';
import {
  Application,
  ApplicationDetail,
  ApplicationMove,
  APPLICATION_MOVES,
  APPLICATION_SOURCES,
  APPLICATION_STATUSES,
  ApplicationSource,
  ApplicationStage,
  ApplicationStatus,
  STAGE_STATUSES,
  StageStatus,
  USER_MOVES,
  UserMove,
} from '#domain/applications/index';
import { BUILT_IN_TEMPLATE_KEYS, STAGE_TYPES, StageType } from '#domain/stage-templates/index';
import { IsCalendarDate, IsZonedDateTime } from '../../common/date-validators';
import { PageQuery } from '../../common/page-query';
import { RefDto } from '../../people/dto/person.dto';
import type { Referral } from '#domain/referrals/index';
import { ReferralResponse } from '../../referrals/dto/referral.dto';

export class CreateApplicationDto {
  @ApiProperty() @IsUUID() organizationId: string;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'A team of that organization' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsUUID()
  teamId?: string | null;

  @ApiProperty({ example: 'Research Engineer' })
  @IsString()
  @Length(1, 200)
  role: string;

  @ApiPropertyOptional({ enum: APPLICATION_SOURCES, enumName: 'ApplicationSource', default: 'direct' })
  @IsOptional()
  @IsIn(APPLICATION_SOURCES)
  source?: ApplicationSource;

  @ApiPropertyOptional({ format: 'date', example: '2026-03-02', description: "Default: today in the user's time zone" })
  @IsOptional()
  @IsCalendarDate()
  appliedOn?: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(100_000)
  notes?: string | null;

  @ApiPropertyOptional({ type: [String], example: ['reinforcement learning', 'world models'], description: "The role's topics: reading checklists rank an interviewer's works on them higher" })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 100, { each: true })
  keywords?: string[];

  @ApiPropertyOptional({ type: String, nullable: true, description: 'The recruiter: a person in your network' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsUUID()
  recruiterId?: string | null;

  @ApiPropertyOptional({ description: "One of your templates. Default: builtInTemplate if given, else the organization's latest template, else the built-in default" })
  @IsOptional()
  @IsUUID()
  templateId?: string;

  @ApiPropertyOptional({ enum: BUILT_IN_TEMPLATE_KEYS, enumName: 'BuiltInTemplateKey', description: 'A built-in loop (see GET /stage-templates/built-in)' })
  @IsOptional()
  @IsIn(BUILT_IN_TEMPLATE_KEYS)
  builtInTemplate?: string;
}

export class UpdateApplicationDto extends PartialType(OmitType(CreateApplicationDto, ['organizationId', 'templateId', 'builtInTemplate'] as const)) {}

export class MoveDto {
  @ApiProperty({ enum: USER_MOVES, enumName: 'UserMove', description: 'advance: pass the current stage (if not yet) and enter the next; pass / fail: the current stage; offer, accept, decline, withdraw' })
  @IsIn(USER_MOVES)
  move: UserMove;

  @ApiPropertyOptional({ example: '2026-03-10T17:00:00Z', description: 'When it happened (default: now); not before the previous move, not in the future' })
  @IsOptional()
  @IsZonedDateTime()
  at?: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'Recruiter called: strong quiz, moving to coding' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(10_000)
  note?: string | null;

  @ApiPropertyOptional({ description: "The current stage's id as the dashboard showed it: if the application has moved on since (a second click, another tab), nothing changes and the answer is 409 application.stale-move" })
  @IsOptional()
  @IsUUID()
  fromStageId?: string;
}

export class RerouteDto extends OmitType(MoveDto, ['move', 'fromStageId'] as const) {
  @ApiProperty({ description: 'Another team of the same organization' }) @IsUUID() teamId: string;

  @ApiPropertyOptional({ description: 'Default: the same role' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  role?: string;

  @ApiPropertyOptional({ description: 'One of your templates; default: the built-in short reroute loop' })
  @IsOptional()
  @IsUUID()
  templateId?: string;

  @ApiPropertyOptional({ enum: BUILT_IN_TEMPLATE_KEYS, enumName: 'BuiltInTemplateKey' })
  @IsOptional()
  @IsIn(BUILT_IN_TEMPLATE_KEYS)
  builtInTemplate?: string;

  @ApiPropertyOptional({ type: Boolean, default: true, description: "Take over the failed application's referrals (declined ones stay behind), as they stand: a referral vouches for you at the organization the reroute stays in" })
  @IsOptional()
  @IsBoolean()
  carryReferral?: boolean;

  @ApiPropertyOptional({ type: Boolean, default: true, description: "Keep the failed application's recruiter, who usually runs the team match" })
  @IsOptional()
  @IsBoolean()
  carryRecruiter?: boolean;
}

const csv = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.split(',').map((s) => s.trim()).filter(Boolean) : value);

export class ListApplicationsQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Comma-separated statuses', example: 'active,offer', enum: APPLICATION_STATUSES, enumName: 'ApplicationStatus', isArray: true })
  @IsOptional()
  @Transform(csv)
  @IsArray()
  @IsIn(APPLICATION_STATUSES, { each: true })
  status?: ApplicationStatus[];

  @ApiPropertyOptional() @IsOptional() @IsUUID() organizationId?: string;

  @ApiPropertyOptional({ description: 'Text in the role, organization or team' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}

export class StageResponse {
  @ApiProperty() id: string;
  @ApiProperty() position: number;
  @ApiProperty() name: string;
  @ApiProperty({ enum: STAGE_TYPES, enumName: 'StageType' }) type: StageType;
  @ApiProperty({ enum: STAGE_STATUSES, enumName: 'StageStatus' }) status: StageStatus;
  @ApiProperty({ type: [String] }) checklist: string[];
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) enteredAt: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) leftAt: string | null;

  static from(s: ApplicationStage): StageResponse {
    return { id: s.id, position: s.position, name: s.name, type: s.type, status: s.status, checklist: s.checklist, enteredAt: s.enteredAt?.toISOString() ?? null, leftAt: s.leftAt?.toISOString() ?? null };
  }
}

export class MoveResponse {
  @ApiProperty() id: string;
  @ApiProperty({ description: 'The application the move belongs to (histories span reroutes)' }) applicationId: string;
  @ApiProperty({ enum: APPLICATION_MOVES, enumName: 'ApplicationMove' }) move: string;
  @ApiProperty({ description: 'Who made it' }) actorId: string;
  @ApiProperty() at: string;
  @ApiProperty({ nullable: true, enum: APPLICATION_STATUSES, enumName: 'ApplicationStatus' }) fromStatus: ApplicationStatus | null;
  @ApiProperty({ enum: APPLICATION_STATUSES, enumName: 'ApplicationStatus' }) toStatus: ApplicationStatus;
  @ApiProperty({ nullable: true, type: String }) fromStage: string | null;
  @ApiProperty({ nullable: true, type: String }) toStage: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'For a reroute, the application on the other side' }) relatedApplicationId: string | null;
  @ApiProperty({ type: [String], description: "For a reroute: the referrals the new application took over (on the failed application's move the originals, on the new one's their copies)" })
  carriedReferralIds: string[];
  @ApiProperty({ description: "For a reroute: whether the new application kept the failed one's recruiter" }) carriedRecruiter: boolean;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
  @ApiProperty({ format: 'date-time' }) recordedAt: string;

  static from(m: ApplicationMove): MoveResponse {
    return {
      id: m.id,
      applicationId: m.applicationId,
      move: m.move,
      actorId: m.actorId,
      at: m.at.toISOString(),
      fromStatus: m.fromStatus,
      toStatus: m.toStatus,
      fromStage: m.fromStage,
      toStage: m.toStage,
      relatedApplicationId: m.relatedApplicationId,
      carriedReferralIds: m.carriedReferralIds,
      carriedRecruiter: m.carriedRecruiter,
      note: m.note,
      recordedAt: m.recordedAt.toISOString(),
    };
  }
}

export class RecruiterRefDto {
  @ApiProperty() id: string;
  @ApiProperty() fullName: string;
}

export class ApplicationSummary {
  @ApiProperty() id: string;
  @ApiProperty({ type: RefDto }) organization: RefDto;
  @ApiProperty({ nullable: true, type: RefDto }) team: RefDto | null;
  @ApiProperty() role: string;
  @ApiProperty({ enum: APPLICATION_SOURCES, enumName: 'ApplicationSource' }) source: ApplicationSource;
  @ApiProperty({ enum: APPLICATION_STATUSES, enumName: 'ApplicationStatus' }) status: ApplicationStatus;
  @ApiProperty({ format: 'date' }) appliedOn: string;
  @ApiProperty({ format: 'date', nullable: true, type: String }) closedOn: string | null;
  @ApiProperty({ nullable: true, type: RecruiterRefDto }) recruiter: RecruiterRefDto | null;
  @ApiProperty({ nullable: true, type: StageResponse }) currentStage: StageResponse | null;
  @ApiProperty({ description: 'The template the stages were copied from' }) templateName: string;
  @ApiProperty({ nullable: true, type: String }) templateId: string | null;
  @ApiProperty({ nullable: true, type: String }) reroutedFromId: string | null;
  @ApiProperty({ nullable: true, type: String }) notes: string | null;
  @ApiProperty({ type: [String], description: "The role's topics" }) keywords: string[];
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;

  static from(a: Application, currentStage: ApplicationStage | null): ApplicationSummary {
    return {
      id: a.id,
      organization: { id: a.organizationId, name: a.organization?.name ?? '' },
      team: a.team ? { id: a.team.id, name: a.team.name } : null,
      role: a.role,
      source: a.source,
      status: a.status,
      appliedOn: a.appliedOn,
      closedOn: a.closedOn,
      recruiter: a.recruiter ? { id: a.recruiter.id, fullName: a.recruiter.fullName } : null,
      currentStage: currentStage ? StageResponse.from(currentStage) : null,
      templateName: a.templateName,
      templateId: a.templateId,
      reroutedFromId: a.reroutedFromId,
      notes: a.notes,
      keywords: a.keywords ?? [],
      createdAt: a.createdAt.toISOString(),
      updatedAt: a.updatedAt.toISOString(),
    };
  }
}

export class LinkedApplicationDto {
  @ApiProperty() id: string;
  @ApiProperty({ nullable: true, type: RefDto }) team: RefDto | null;
  @ApiProperty() role: string;
  @ApiProperty({ enum: APPLICATION_STATUSES, enumName: 'ApplicationStatus' }) status: ApplicationStatus;

  static from(a: Application): LinkedApplicationDto {
    return { id: a.id, team: a.team ? { id: a.team.id, name: a.team.name } : null, role: a.role, status: a.status };
  }
}

export class ApplicationResponse extends ApplicationSummary {
  @ApiProperty({ type: [StageResponse], description: "The application's own copy of its loop, in order" }) stages: StageResponse[];
  @ApiProperty({ enum: USER_MOVES, enumName: 'UserMove', isArray: true, description: 'The moves the server accepts now' }) allowedMoves: UserMove[];
  @ApiProperty({ type: [MoveResponse], description: 'Every move, oldest first, across the applications linked by reroutes' }) history: MoveResponse[];
  @ApiProperty({ nullable: true, type: LinkedApplicationDto, description: 'The failed application this one was rerouted from' }) reroutedFrom: LinkedApplicationDto | null;
  @ApiProperty({ type: [LinkedApplicationDto], description: 'Applications rerouted from this one' }) reroutedTo: LinkedApplicationDto[];
  @ApiProperty({ type: [ReferralResponse], description: 'The referrals for this application, oldest first' }) referrals: ReferralResponse[];

  static fromDetail(d: ApplicationDetail, referrals: Referral[] = []): ApplicationResponse {
    const current = d.stages.find((s) => s.id === d.application.currentStageId) ?? null;
    return {
      ...ApplicationSummary.from(d.application, current),
      stages: d.stages.map(StageResponse.from),
      allowedMoves: d.allowedMoves,
      history: d.history.map(MoveResponse.from),
      reroutedFrom: d.reroutedFrom ? LinkedApplicationDto.from(d.reroutedFrom) : null,
      reroutedTo: d.reroutedTo.map(LinkedApplicationDto.from),
      referrals: referrals.map(ReferralResponse.from),
    };
  }
}

export class ApplicationsPage {
  @ApiProperty({ type: [ApplicationSummary] }) items: ApplicationSummary[];
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}
