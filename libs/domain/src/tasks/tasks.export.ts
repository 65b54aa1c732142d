import { Injectable } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateString, IsIn, IsInt, IsOptional, IsString, IsUUID, MaxLength, Min, ValidateIf } from 'class-validator';
import type { EntityManager } from 'typeorm';
import { IsCalendarDate } from '#platform';
import { AccountExportPart, ExportContext, ExportPart, NullableDateTime, NullableText, NullableUuid, recordOf, RestoreContext, sectionOf } from '../account-export/index';
import { Task, TASK_CLOSE_REASONS, TASK_ORIGINS } from './task.entity';

export class ExportedTaskDto {
  @ApiProperty() @IsUUID() id: string;
  @ApiProperty() @IsString() @MaxLength(2000) title: string;
  @ApiProperty({ format: 'date', nullable: true, type: String }) @ValidateIf((_, v) => v !== null) @IsCalendarDate() dueOn: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) @NullableDateTime() doneAt: string | null;
  @ApiPropertyOptional({ format: 'date-time', nullable: true, type: String, description: 'Settled with its application; absent in older documents' }) @IsOptional() @NullableDateTime() closedAt?: string | null;
  @ApiPropertyOptional({ nullable: true, enum: TASK_CLOSE_REASONS, enumName: 'TaskCloseReason', description: 'Absent in older documents' }) @IsOptional() @ValidateIf((_, v) => v !== null) @IsIn(TASK_CLOSE_REASONS) closedReason?: (typeof TASK_CLOSE_REASONS)[number] | null;
  @ApiProperty({ nullable: true, type: String }) @NullableText() notes: string | null;
  @ApiProperty({ enum: TASK_ORIGINS, enumName: 'TaskOrigin' }) @IsIn(TASK_ORIGINS) origin: (typeof TASK_ORIGINS)[number];
  @ApiProperty({ nullable: true, type: String }) @NullableUuid() personId: string | null;
  @ApiProperty({ nullable: true, type: String }) @NullableUuid() applicationId: string | null;
  @ApiProperty({ nullable: true, type: String }) @NullableUuid() stageId: string | null;
  @ApiProperty({ nullable: true, type: String }) @NullableUuid() interviewId: string | null;
  @ApiProperty() @IsInt() @Min(0) sequence: number;
  @ApiProperty({ format: 'date-time' }) @IsDateString() createdAt: string;
  @ApiProperty({ format: 'date-time' }) @IsDateString() updatedAt: string;
}

type TasksSection = { tasks?: ExportedTaskDto[] };

@Injectable()
@ExportPart({ name: 'tasks', after: ['people', 'applications', 'interviews'], schema: { tasks: sectionOf(ExportedTaskDto, { since: 'Since version 2' }) } })
export class TasksExport implements AccountExportPart<TasksSection> {
  async exportPart(userId: string, { em }: ExportContext): Promise<TasksSection> {
    const tasks = await em.find(Task, { where: { userId }, order: { createdAt: 'ASC', id: 'ASC' } });
    return {
      tasks: tasks.map((t) => recordOf(ExportedTaskDto, t)),
    };
  }

  async restorePart(userId: string, doc: TasksSection, ctx: RestoreContext): Promise<void> {
    const ids = ctx.ids('tasks');
    await ctx.write(
      Task,
      ids.allocate(doc.tasks ?? []).map((t) => ({
        id: ids.get(t.id)!,
        userId,
        title: t.title,
        dueOn: t.dueOn,
        doneAt: t.doneAt ? new Date(t.doneAt) : null,
        closedAt: t.closedAt ? new Date(t.closedAt) : null,
        closedReason: t.closedAt ? (t.closedReason ?? null) : null,
        notes: t.notes,
        origin: t.origin,
        personId: ctx.ref('people', t.personId, `tasks[${t.id}].personId`),
        applicationId: ctx.ref('applications', t.applicationId, `tasks[${t.id}].applicationId`),
        stageId: ctx.ref('stages', t.stageId, `tasks[${t.id}].stageId`),
        interviewId: ctx.ref('interviews', t.interviewId, `tasks[${t.id}].interviewId`),
        sequence: t.sequence,
        createdAt: new Date(t.createdAt),
        updatedAt: new Date(t.updatedAt),
      })),
    );
  }

  async hasData(em: EntityManager, userId: string): Promise<boolean> {
    return em.existsBy(Task, { userId });
  }
}
