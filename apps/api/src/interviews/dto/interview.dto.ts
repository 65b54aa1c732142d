import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, IsTimeZone, IsUrl, IsUUID, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { STAGE_TYPES, StageType } from '#domain/stage-templates/index';
import { DEFAULT_UPCOMING_DAYS, INTERVIEW_FORMATS, INTERVIEW_OUTCOMES, InterviewerNotes, InterviewFormat, InterviewOutcome, InterviewView, localDateTime, Meeting } from '#domain/interviews/index';
import { APPLICATION_STATUSES, ApplicationStatus, STAGE_STATUSES, StageStatus } from '#domain/applications/index';
import { IsZonedDateTime } from '../../common/date-validators';
import { PageQuery } from '../../common/page-query';
import { RefDto } from '../../people/dto/person.dto';

const notNull = (_: object, v: unknown): boolean => v !== null;

export class CreateInterviewDto {
  @ApiProperty({ description: 'A stage of one of your applications; the interview belongs to its application' })
  @IsUUID()
  stageId: string;

  @ApiProperty({ example: '2026-03-10T14:00:00+09:00', description: 'ISO 8601 with Z or an offset' })
  @IsZonedDateTime()
  startsAt: string;

  @ApiProperty({ example: 'Asia/Tokyo', description: 'IANA zone the interview was arranged in: the calendar shows it there, and its prep tasks are due the day before in that zone' })
  @IsTimeZone()
  timeZone: string;

  @ApiProperty({ minimum: 1, maximum: 1440, example: 45 })
  @IsInt()
  @Min(1)
  @Max(1440)
  durationMinutes: number;

  @ApiProperty({ enum: INTERVIEW_FORMATS })
  @IsIn(INTERVIEW_FORMATS)
  format: InterviewFormat;

  @ApiPropertyOptional({ nullable: true, example: 'King\'s Cross office, 6th floor', description: 'Room or address' })
  @IsOptional()
  @ValidateIf(notNull)
  @IsString()
  @MaxLength(1000)
  location?: string | null;

  @ApiPropertyOptional({ nullable: true, example: 'https://meet.example.com/abc-defg-hij', description: 'Video-call or dial-in link (http or https)' })
  @IsOptional()
  @ValidateIf(notNull)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false }, { message: 'must be an http(s) URL' })
  @MaxLength(2000)
  meetingUrl?: string | null;

  @ApiPropertyOptional({ type: [String], description: 'People of your network who interview you; on update, replaces the list' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  interviewerIds?: string[];

  @ApiPropertyOptional({ nullable: true, description: 'What to prepare; shown in the calendar event' })
  @IsOptional()
  @ValidateIf(notNull)
  @IsString()
  @MaxLength(100_000)
  prepNotes?: string | null;
}

export class UpdateInterviewDto extends PartialType(CreateInterviewDto) {
  @ApiPropertyOptional({ enum: INTERVIEW_OUTCOMES, description: 'cancelled: kept, shown as cancelled in calendars; prep tasks move to the next interview' })
  @IsOptional()
  @IsIn(INTERVIEW_OUTCOMES)
  outcome?: InterviewOutcome;

  @ApiPropertyOptional({ nullable: true, description: 'How it went' })
  @IsOptional()
  @ValidateIf(notNull)
  @IsString()
  @MaxLength(100_000)
  feedback?: string | null;
}

/** "true" and "false" from a query string; anything else is left for the validator to refuse. */
const queryBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

const csv = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.split(',').map((s) => s.trim()).filter(Boolean) : value);

export class ListInterviewsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['upcoming', 'past'], description: 'upcoming: not over yet and starting within `days`, soonest first; past: over, most recent first. Default: all, oldest first' })
  @IsOptional()
  @IsIn(['upcoming', 'past'])
  when?: 'upcoming' | 'past';

  @ApiPropertyOptional({ minimum: 1, maximum: 366, default: DEFAULT_UPCOMING_DAYS, description: 'With when=upcoming: how many days ahead' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(366)
  days?: number;

  @ApiPropertyOptional({ type: Boolean, default: false, description: 'With when=upcoming: list cancelled interviews too (also when outcome names cancelled)' })
  @IsOptional()
  @Transform(queryBoolean)
  @IsBoolean()
  includeCancelled?: boolean;

  @ApiPropertyOptional() @IsOptional() @IsUUID() applicationId?: string;

  @ApiPropertyOptional() @IsOptional() @IsUUID() stageId?: string;

  @ApiPropertyOptional({ description: 'Comma-separated outcomes', example: 'pending,passed', enum: INTERVIEW_OUTCOMES, isArray: true })
  @IsOptional()
  @Transform(csv)
  @IsArray()
  @IsIn(INTERVIEW_OUTCOMES, { each: true })
  outcome?: InterviewOutcome[];
}

export class InterviewApplicationDto {
  @ApiProperty() id: string;
  @ApiProperty() role: string;
  @ApiProperty({ type: RefDto }) organization: RefDto;
  @ApiProperty({ type: RefDto, nullable: true }) team: RefDto | null;
}

export class InterviewStageDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: STAGE_TYPES }) type: StageType;
}

export class InterviewerNotesDto {
  @ApiPropertyOptional({ nullable: true, type: String, example: 'How I would evaluate a world model without a simulator', description: 'What they asked' })
  @IsOptional()
  @ValidateIf(notNull)
  @IsString()
  @MaxLength(100_000)
  asked?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, example: 'Warm; pushed hard on evaluation, liked the ablation story' })
  @IsOptional()
  @ValidateIf(notNull)
  @IsString()
  @MaxLength(100_000)
  howItWent?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, example: 'Send the paper on offline evaluation she mentioned' })
  @IsOptional()
  @ValidateIf(notNull)
  @IsString()
  @MaxLength(100_000)
  followUp?: string | null;
}

export class InterviewerNotesResponse {
  @ApiProperty({ nullable: true, type: String, description: 'What they asked' }) asked: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'How it went' }) howItWent: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'What to follow up' }) followUp: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt: string;

  static from(n: InterviewerNotes | null): InterviewerNotesResponse | null {
    return n ? { asked: n.asked, howItWent: n.howItWent, followUp: n.followUp, updatedAt: n.updatedAt.toISOString() } : null;
  }
}

export class InterviewerDto {
  @ApiProperty() id: string;
  @ApiProperty() fullName: string;
  @ApiProperty({ nullable: true, type: String }) headline: string | null;
  @ApiProperty({ nullable: true, type: InterviewerNotesResponse, description: 'Your notes on them at this interview (PUT /interviews/{id}/interviewers/{personId}/notes)' })
  notes: InterviewerNotesResponse | null;
}

export class SuggestedMoveDto {
  @ApiProperty({ enum: ['advance', 'pass', 'fail'] }) move: 'advance' | 'pass' | 'fail';
  @ApiProperty() applicationId: string;
  @ApiProperty({ description: 'Send it back as fromStageId: the move is refused (409) if the application has moved since' }) fromStageId: string;
  @ApiProperty({ example: 'Passed the last interview of "Coding interview": advance to "Team lead interview"' }) reason: string;
}

export class InterviewResponse {
  @ApiProperty() id: string;
  @ApiProperty({ type: InterviewApplicationDto }) application: InterviewApplicationDto;
  @ApiProperty({ type: InterviewStageDto }) stage: InterviewStageDto;
  @ApiProperty({ example: '2026-03-10T05:00:00.000Z' }) startsAt: string;
  @ApiProperty({ example: '2026-03-10T14:00', description: 'The start on the wall clock of timeZone' }) startsAtLocal: string;
  @ApiProperty({ example: '2026-03-10T05:45:00.000Z' }) endsAt: string;
  @ApiProperty({ example: '2026-03-10T14:45' }) endsAtLocal: string;
  @ApiProperty({ example: 'Asia/Tokyo' }) timeZone: string;
  @ApiProperty() durationMinutes: number;
  @ApiProperty({ enum: INTERVIEW_FORMATS }) format: InterviewFormat;
  @ApiProperty({ nullable: true, type: String }) location: string | null;
  @ApiProperty({ nullable: true, type: String }) meetingUrl: string | null;
  @ApiProperty({ type: [InterviewerDto], description: 'By name' }) interviewers: InterviewerDto[];
  @ApiProperty({ nullable: true, type: String }) prepNotes: string | null;
  @ApiProperty({ enum: INTERVIEW_OUTCOMES }) outcome: InterviewOutcome;
  @ApiProperty({ nullable: true, type: String }) feedback: string | null;
  @ApiProperty({
    nullable: true,
    type: SuggestedMoveDto,
    description: "The move this outcome suggests when it is on the last interview of the application's current stage; accept it with POST /applications/{applicationId}/moves { move, fromStageId }. Nothing moves by itself.",
  })
  suggestedMove: SuggestedMoveDto | null;
  @ApiProperty({ description: 'iCalendar SEQUENCE: goes up when the time, place, people or cancellation change' }) sequence: number;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;

  static from({ interview: i, interviewers, suggestedMove }: InterviewView): InterviewResponse {
    const endsAt = new Date(i.startsAt.getTime() + i.durationMinutes * 60_000);
    const a = i.application!;
    return {
      id: i.id,
      application: { id: a.id, role: a.role, organization: { id: a.organizationId, name: a.organization?.name ?? '' }, team: a.team ? { id: a.team.id, name: a.team.name } : null },
      stage: { id: i.stageId, name: i.stage?.name ?? '', type: i.stage!.type },
      startsAt: i.startsAt.toISOString(),
      startsAtLocal: localDateTime(i.startsAt, i.timeZone),
      endsAt: endsAt.toISOString(),
      endsAtLocal: localDateTime(endsAt, i.timeZone),
      timeZone: i.timeZone,
      durationMinutes: i.durationMinutes,
      format: i.format,
      location: i.location,
      meetingUrl: i.meetingUrl,
      interviewers: interviewers.map((p) => ({ id: p.id, fullName: p.fullName, headline: p.headline, notes: InterviewerNotesResponse.from(p.notes) })),
      prepNotes: i.prepNotes,
      outcome: i.outcome,
      feedback: i.feedback,
      suggestedMove: suggestedMove ?? null,
      sequence: i.sequence,
      createdAt: i.createdAt.toISOString(),
      updatedAt: i.updatedAt.toISOString(),
    };
  }
}

export class InterviewsPage {
  @ApiProperty({ type: [InterviewResponse] }) items: InterviewResponse[];
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}


export class MeetingApplicationDto {
  @ApiProperty() id: string;
  @ApiProperty() role: string;
  @ApiProperty({ enum: APPLICATION_STATUSES }) status: ApplicationStatus;
  @ApiProperty({ type: RefDto }) organization: RefDto;
  @ApiProperty({ type: RefDto, nullable: true }) team: RefDto | null;
}

export class MeetingStageDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: STAGE_TYPES }) type: StageType;
  @ApiProperty({ enum: STAGE_STATUSES, description: 'Where the stage stands now (passed, failed, …)' }) status: StageStatus;
}

/** One interview the person was on, with what the user noted about them there. */
export class MeetingResponse {
  @ApiProperty() interviewId: string;
  @ApiProperty({ type: String, format: 'date-time' }) startsAt: string;
  @ApiProperty({ example: 'Europe/London' }) timeZone: string;
  @ApiProperty() durationMinutes: number;
  @ApiProperty({ enum: INTERVIEW_OUTCOMES }) outcome: InterviewOutcome;
  @ApiProperty({ type: MeetingApplicationDto }) application: MeetingApplicationDto;
  @ApiProperty({ type: MeetingStageDto }) stage: MeetingStageDto;
  @ApiProperty({ nullable: true, type: InterviewerNotesResponse }) notes: InterviewerNotesResponse | null;

  static from(m: Meeting): MeetingResponse {
    return {
      interviewId: m.interviewId,
      startsAt: m.startsAt.toISOString(),
      timeZone: m.timeZone,
      durationMinutes: m.durationMinutes,
      outcome: m.outcome,
      application: { ...m.application, status: m.application.status as ApplicationStatus },
      stage: { ...m.stage, type: m.stage.type as StageType, status: m.stage.status as StageStatus },
      notes: InterviewerNotesResponse.from(m.notes),
    };
  }
}
