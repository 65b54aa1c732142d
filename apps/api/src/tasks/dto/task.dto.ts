import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, Length, MaxLength, ValidateIf } from 'class-validator';
import { localDateTime } from '#domain/interviews/index';
import { STAGE_TYPES, StageType } from '#domain/stage-templates/index';
import { DueTask, Task, TaskReading, TASK_CLOSE_REASONS, TASK_DUE_WINDOWS, TASK_ORIGINS, TASK_STATUSES, TaskCloseReason, TaskDueWindow, TaskOrigin, TaskStatus } from '#domain/tasks/index';
import { IsCalendarDate } from '../../common/date-validators';
import { PageQuery } from '../../common/page-query';
import { RefDto } from '../../people/dto/person.dto';

const notNull = (_: object, v: unknown): boolean => v !== null;

export class CreateTaskDto {
  @ApiProperty({ example: 'Read the PPO paper again' })
  @IsString()
  @Length(1, 500)
  title: string;

  @ApiPropertyOptional({ type: String, format: 'date', example: '2026-03-09', nullable: true, description: 'yyyy-mm-dd' })
  @IsOptional()
  @ValidateIf(notNull)
  @IsCalendarDate()
  dueOn?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @ValidateIf(notNull)
  @IsString()
  @MaxLength(100_000)
  notes?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'A person of your network the task is about' })
  @IsOptional()
  @ValidateIf(notNull)
  @IsUUID()
  personId?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'One of your applications' })
  @IsOptional()
  @ValidateIf(notNull)
  @IsUUID()
  applicationId?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'One of your interviews; its application is linked too' })
  @IsOptional()
  @ValidateIf(notNull)
  @IsUUID()
  interviewId?: string | null;
}

export class UpdateTaskDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 500)
  title?: string;

  @ApiPropertyOptional({ type: String, format: 'date', example: '2026-03-09', nullable: true, description: "yyyy-mm-dd; null clears it. A checklist task's date follows its stage's first interview again when the interviews change" })
  @IsOptional()
  @ValidateIf(notNull)
  @IsCalendarDate()
  dueOn?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @ValidateIf(notNull)
  @IsString()
  @MaxLength(100_000)
  notes?: string | null;

  @ApiPropertyOptional({ description: 'true: done now; false: open again (also a task settled with its closed application)' })
  @IsOptional()
  @IsBoolean()
  done?: boolean;
}

export class ListTasksQuery extends PageQuery {
  @ApiPropertyOptional({ enum: TASK_STATUSES, enumName: 'TaskStatus', default: 'open', description: 'open: neither done nor settled; done; closed: settled when its application closed or was rerouted; all' })
  @IsOptional()
  @IsIn(TASK_STATUSES)
  status?: TaskStatus;

  @ApiPropertyOptional({ enum: TASK_DUE_WINDOWS, enumName: 'TaskDueWindow', description: 'Due before, on or after today in your time zone' })
  @IsOptional()
  @IsIn(TASK_DUE_WINDOWS)
  due?: TaskDueWindow;

  @ApiPropertyOptional() @IsOptional() @IsUUID() personId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() applicationId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() interviewId?: string;
  @ApiPropertyOptional({ description: "A stage's prep checklist" }) @IsOptional() @IsUUID() stageId?: string;
}

export class DueTasksQuery extends PageQuery {
  @ApiPropertyOptional({ example: '2026-03-31', description: 'Due on or before this date (yyyy-mm-dd); default and `today`: today in your time zone' })
  @IsOptional()
  @ValidateIf((_, v) => v !== 'today')
  @IsCalendarDate()
  by?: string;
}

export class TaskStageDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: STAGE_TYPES, enumName: 'StageType' }) type: StageType;
}

export class TaskReadingInterviewerDto {
  @ApiProperty() id: string;
  @ApiProperty() fullName: string;
  @ApiProperty({ description: 'Works of their part of the checklist you have read' }) read: number;
  @ApiProperty() total: number;
}

export class TaskReadingDto {
  @ApiProperty({ nullable: true, type: String, description: "The stage's first interview (not cancelled): its reading checklist is GET /interviews/{interviewId}/reading-checklist. Null until one is scheduled" })
  interviewId: string | null;
  @ApiProperty({ type: [TaskReadingInterviewerDto] }) interviewers: TaskReadingInterviewerDto[];
  @ApiProperty({ description: 'Works of the checklist you have read' }) read: number;
  @ApiProperty() total: number;
  @ApiProperty({ nullable: true, type: Number, description: 'Percent read, rounded down; null while the checklist is empty' }) percent: number | null;
  @ApiProperty({ description: 'Your reading goal in percent (GET/PUT /reading/goal)' }) target: number;
  @ApiProperty({ description: 'The goal is reached: the task was marked done then (you may still open it again)' }) reached: boolean;
}

export class TaskResponse {
  @ApiProperty() id: string;
  @ApiProperty() title: string;
  @ApiProperty({ format: 'date', nullable: true, type: String, example: '2026-03-09' }) dueOn: string | null;
  @ApiProperty({ nullable: true, type: String }) notes: string | null;
  @ApiProperty() done: boolean;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) doneAt: string | null;
  @ApiProperty({ enum: ['open', 'done', 'closed'], description: 'closed: settled with its application (rejected, withdrawn, declined, accepted or rerouted away); out of the due lists and the calendar feed' })
  status: 'open' | 'done' | 'closed';
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'When it was settled with its application' }) closedAt: string | null;
  @ApiProperty({ nullable: true, enum: TASK_CLOSE_REASONS, enumName: 'TaskCloseReason', description: "The application's status that settled it, or rerouted" }) closedReason: TaskCloseReason | null;
  @ApiProperty({ enum: TASK_ORIGINS, enumName: 'TaskOrigin', description: "manual: written by you; checklist: from a stage's prep checklist" }) origin: TaskOrigin;
  @ApiProperty({ nullable: true, type: RefDto, description: 'name: their full name' }) person: RefDto | null;
  @ApiProperty({ nullable: true, type: RefDto, description: 'name: "role — organization (team)"' }) application: RefDto | null;
  @ApiProperty({ nullable: true, type: RefDto, description: 'name: "stage — local start (zone)"' }) interview: RefDto | null;
  @ApiProperty({ nullable: true, type: TaskStageDto, description: 'For checklist tasks: the stage they prepare' }) stage: TaskStageDto | null;
  @ApiProperty({
    nullable: true,
    type: TaskReadingDto,
    description: "For a prep task that means reading the interviewers' papers: the interview's reading checklist and how much of it is read; done by itself once your reading goal is reached",
  })
  reading: TaskReadingDto | null;
  @ApiProperty({ description: 'iCalendar SEQUENCE: goes up when the title or due date change' }) sequence: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;

  static from(t: Task, reading: TaskReading | null = null): TaskResponse {
    const a = t.application;
    const i = t.interview;
    return {
      id: t.id,
      title: t.title,
      dueOn: t.dueOn,
      notes: t.notes,
      done: !!t.doneAt,
      doneAt: t.doneAt?.toISOString() ?? null,
      status: t.doneAt ? 'done' : t.closedAt ? 'closed' : 'open',
      closedAt: t.closedAt?.toISOString() ?? null,
      closedReason: t.closedReason,
      origin: t.origin,
      person: t.person ? { id: t.person.id, name: t.person.fullName } : null,
      application: a ? { id: a.id, name: `${a.role} — ${a.organization?.name ?? ''}${a.team ? ` (${a.team.name})` : ''}` } : null,
      interview: i ? { id: i.id, name: `${i.stage?.name ?? 'Interview'} — ${localDateTime(i.startsAt, i.timeZone).replace('T', ' ')} (${i.timeZone})` } : null,
      stage: t.stage ? { id: t.stage.id, name: t.stage.name, type: t.stage.type } : null,
      reading,
      sequence: t.sequence,
      createdAt: t.createdAt.toISOString(),
      updatedAt: t.updatedAt.toISOString(),
    };
  }
}

export class TasksPage {
  @ApiProperty({ type: [TaskResponse] }) items: TaskResponse[];
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}

export class ReopenedTasksResponse {
  @ApiProperty({ type: [TaskResponse], description: 'The tasks opened again, soonest due first' }) items: TaskResponse[];
}

export class DueTaskResponse extends TaskResponse {
  @ApiProperty({ description: 'Days since the due date, counted to your today: 0 = due today' }) daysOverdue: number;

  static fromDue({ task, daysOverdue }: DueTask, reading: TaskReading | null = null): DueTaskResponse {
    return { ...TaskResponse.from(task, reading), daysOverdue };
  }
}

export class DueTasksPage {
  @ApiProperty({ example: '2026-03-31', description: 'The date the list is due by' }) by: string;
  @ApiProperty({ example: '2026-03-28', description: 'Today in your time zone' }) today: string;
  @ApiProperty({ type: [DueTaskResponse], description: 'Oldest due first' }) items: DueTaskResponse[];
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}
