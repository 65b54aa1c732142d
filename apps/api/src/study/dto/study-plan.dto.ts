import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsNumber, IsOptional, IsUUID, Max, Min, ValidateNested } from 'class-validator';
import { STAGE_TYPES, StageType } from '#domain/stage-templates/index';
import { STUDY_UNITS, StudyPlan, StudyPlanView, StudyUnit } from '#domain/study/index';
import { PageQuery } from '../../common/page-query';
import { StudyResourceResponse } from './study-resource.dto';

export class StudyPaceDto {
  @ApiPropertyOptional({ minimum: 0.1, maximum: 1000, example: 20, description: 'Pages an hour' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0.1)
  @Max(1000)
  pages?: number;

  @ApiPropertyOptional({ minimum: 0.1, maximum: 1000, example: 2, description: 'Problems an hour' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0.1)
  @Max(1000)
  problems?: number;

  @ApiPropertyOptional({ minimum: 0.1, maximum: 1000, example: 0.5, description: 'Chapters an hour' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0.1)
  @Max(1000)
  chapters?: number;
}

export class StudyPlanItemDto {
  @ApiProperty({ format: 'uuid', description: "A stage of the plan's application" })
  @IsUUID('all', { message: 'must be a UUID' })
  stageId: string;

  @ApiProperty({ format: 'uuid', description: 'One of your study resources' })
  @IsUUID('all', { message: 'must be a UUID' })
  resourceId: string;
}

class PlanSettingsDto {
  @ApiProperty({ minimum: 0.5, maximum: 100, example: 10, description: 'Hours a week you can study, spread evenly over the days' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0.5)
  @Max(100)
  hoursPerWeek: number;

  @ApiPropertyOptional({ type: StudyPaceDto, description: 'How fast you go, per unit; your log replaces a unit once it has timed sessions' })
  @IsOptional()
  @ValidateNested()
  @Type(() => StudyPaceDto)
  statedPace?: StudyPaceDto;
}

export class CreateStudyPlanDto extends PlanSettingsDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'must be a UUID' })
  applicationId: string;

  @ApiPropertyOptional({ type: [StudyPlanItemDto], description: 'Resources picked per stage, in the order to study them' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => StudyPlanItemDto)
  items?: StudyPlanItemDto[];
}

export class CreateStarterStudyPlanDto extends PlanSettingsDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'must be a UUID' })
  applicationId: string;
}

export class UpdateStudyPlanDto {
  @ApiPropertyOptional({ minimum: 0.5, maximum: 100 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0.5)
  @Max(100)
  hoursPerWeek?: number;

  @ApiPropertyOptional({ type: StudyPaceDto, description: 'Replaces the stated pace' })
  @IsOptional()
  @ValidateNested()
  @Type(() => StudyPaceDto)
  statedPace?: StudyPaceDto;
}

export class AddStudyPlanItemDto extends StudyPlanItemDto {
  @ApiPropertyOptional({ minimum: 0, maximum: 100_000, description: 'Order within the plan; default: last' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100_000)
  position?: number;
}

export class UpdateStudyPlanItemDto {
  @ApiPropertyOptional({ format: 'uuid', description: "Move it to another stage of the plan's application" })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  stageId?: string;

  @ApiPropertyOptional({ minimum: 0, maximum: 100_000 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100_000)
  position?: number;
}

export class StudyPlanQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 366, default: 28, description: 'How many days of the day-by-day schedule to return, from today' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(366)
  days?: number;
}

export class UnitPaceResponse {
  @ApiProperty({ enum: STUDY_UNITS, enumName: 'StudyUnit' }) unit: StudyUnit;
  @ApiProperty() unitsPerHour: number;
  @ApiProperty({ enum: ['log', 'stated', 'default'], description: 'log: learned from your timed sessions; stated: what you said; default: Dossier’s guess' }) source: 'log' | 'stated' | 'default';
  @ApiProperty({ description: 'Timed sessions it was learned from' }) sessions: number;
}

export class ScheduledChunkResponse {
  @ApiProperty() itemId: string;
  @ApiProperty() resourceId: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: String, nullable: true, description: 'The chapter, problem or section' }) part: string | null;
  @ApiProperty({ enum: STUDY_UNITS, enumName: 'StudyUnit' }) unit: StudyUnit;
  @ApiProperty({ description: 'From this position in the part, in its unit' }) from: number;
  @ApiProperty({ description: 'To this position' }) to: number;
  @ApiProperty() hours: number;
  @ApiProperty({ description: 'Skim it (following the advice)' }) skim: boolean;
}

export class ScheduledDayResponse {
  @ApiProperty({ example: '2027-03-01' }) date: string;
  @ApiProperty() hours: number;
  @ApiProperty({ type: [ScheduledChunkResponse] }) chunks: ScheduledChunkResponse[];
}

export class StagePlanResponse {
  @ApiProperty() stageId: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: STAGE_TYPES, enumName: 'StageType' }) type: StageType;
  @ApiProperty({ type: String, nullable: true, description: 'The day of its first interview, in your time zone' }) interviewOn: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The last day to study for it: the day before' }) workUntil: string | null;
  @ApiProperty({ enum: ['on_track', 'behind', 'no_date', 'past'] }) status: 'on_track' | 'behind' | 'no_date' | 'past';
  @ApiProperty({ description: 'Hours of work left' }) hoursLeft: number;
  @ApiProperty({ description: 'Hours that do not fit before the interview' }) behindHours: number;
  @ApiProperty({ type: String, nullable: true, description: 'The day its last work falls on, when it all fits' }) finishesOn: string | null;
}

export class PlanAdviceResponse {
  @ApiProperty({ enum: ['drop', 'skim'] }) action: 'drop' | 'skim';
  @ApiProperty() itemId: string;
  @ApiProperty() resourceId: string;
  @ApiProperty() title: string;
  @ApiProperty() stageId: string;
  @ApiProperty({ type: [String], description: 'The parts concerned; empty: the whole resource' }) parts: string[];
  @ApiProperty() savesHours: number;
}

export class PlanScheduleResponse {
  @ApiProperty({ example: '2027-03-01', description: 'Today in your time zone' }) today: string;
  @ApiProperty({ enum: ['on_track', 'behind', 'no_dates'] }) status: 'on_track' | 'behind' | 'no_dates';
  @ApiProperty({ description: 'Hours of work that do not fit before the interviews' }) behindHours: number;
  @ApiProperty({ type: Number, nullable: true, description: 'The fewest hours a week that would make every dated stage' }) neededHoursPerWeek: number | null;
  @ApiProperty({ type: [StagePlanResponse] }) stages: StagePlanResponse[];
  @ApiProperty({ type: [ScheduledDayResponse], description: 'Day by day from today (days with work only)' }) days: ScheduledDayResponse[];
  @ApiProperty({ type: [PlanAdviceResponse], description: 'What to drop, then skim, to make it: optional first, then skimmable, then core, last first' }) advice: PlanAdviceResponse[];
  @ApiProperty({ description: 'What would still not fit after all the advice' }) behindHoursAfterAdvice: number;
}

export class StudyPlanItemResponse {
  @ApiProperty() id: string;
  @ApiProperty() stageId: string;
  @ApiProperty() position: number;
  @ApiProperty({ type: StudyResourceResponse }) resource: StudyResourceResponse;
}

export class StudyPaceResponse {
  @ApiPropertyOptional() pages?: number;
  @ApiPropertyOptional() problems?: number;
  @ApiPropertyOptional() chapters?: number;
}

export class StudyPlanResponse {
  @ApiProperty() id: string;
  @ApiProperty() applicationId: string;
  @ApiProperty() hoursPerWeek: number;
  @ApiProperty({ type: StudyPaceResponse }) statedPace: StudyPaceResponse;
  @ApiProperty({ type: [StudyPlanItemResponse] }) items: StudyPlanItemResponse[];
  @ApiProperty({ type: [UnitPaceResponse], description: 'The pace the schedule uses per unit, and where it comes from' }) paces: UnitPaceResponse[];
  @ApiProperty({ type: PlanScheduleResponse }) schedule: PlanScheduleResponse;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;

  static from(view: StudyPlanView): StudyPlanResponse {
    const { plan } = view;
    return {
      id: plan.id,
      applicationId: plan.applicationId,
      hoursPerWeek: plan.hoursPerWeek,
      statedPace: plan.statedPace,
      items: view.items.map(({ item, resource }) => ({ id: item.id, stageId: item.stageId, position: item.position, resource: StudyResourceResponse.from(resource) })),
      paces: view.paces,
      schedule: { ...view.schedule, stages: view.schedule.stages.map((s) => ({ ...s, type: s.type as StageType })) },
      createdAt: plan.createdAt.toISOString(),
      updatedAt: plan.updatedAt.toISOString(),
    };
  }
}

export class StudyPlanSummaryResponse {
  @ApiProperty() id: string;
  @ApiProperty() applicationId: string;
  @ApiProperty() hoursPerWeek: number;
  @ApiProperty({ type: StudyPaceResponse }) statedPace: StudyPaceResponse;
  @ApiProperty() itemCount: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;

  static from({ plan, itemCount }: { plan: StudyPlan; itemCount: number }): StudyPlanSummaryResponse {
    return { id: plan.id, applicationId: plan.applicationId, hoursPerWeek: plan.hoursPerWeek, statedPace: plan.statedPace, itemCount, createdAt: plan.createdAt.toISOString(), updatedAt: plan.updatedAt.toISOString() };
  }
}

export class StudyPlansPage {
  @ApiProperty({ type: [StudyPlanSummaryResponse], description: 'Oldest first; open one for its schedule' }) items: StudyPlanSummaryResponse[];
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}

export class ListStudyPlansQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid', description: "Only this application's plan" })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  applicationId?: string;
}

/** A starter plan's resource: the fields an account's resource has, before it is copied in. */
export class StarterResourceResponse extends PickType(StudyResourceResponse, ['kind', 'title', 'author', 'url', 'unit', 'totalAmount', 'parts', 'emphasis', 'topics', 'stageTypes', 'notes'] as const) {
  @ApiProperty() key: string;
}

export class StarterPlanResponse {
  @ApiProperty({ enum: STAGE_TYPES, enumName: 'StageType' }) stageType: StageType;
  @ApiProperty() summary: string;
  @ApiProperty({ type: [StarterResourceResponse] }) resources: StarterResourceResponse[];
}

export class StarterPlansPage {
  @ApiProperty({ type: [StarterPlanResponse], description: 'One per stage type, in loop order' }) items: StarterPlanResponse[];
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}
