import { Injectable } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsBoolean, IsDateString, IsIn, IsInt, IsOptional, IsString, IsUUID, MaxLength, Min, ValidateIf, ValidateNested } from 'class-validator';
import { IsCalendarDate } from '#platform';
import { AccountExportPart, ExportContext, ExportPart, NullableDateTime, NullableText, NullableUuid, recordOf, RestoreContext, sectionOf } from '../account-export/index';
import { STAGE_TYPES } from '../stage-templates/index';
import { APPLICATION_MOVES, ApplicationMove } from './application-move.entity';
import { ApplicationStage, STAGE_STATUSES } from './application-stage.entity';
import { Application, APPLICATION_SOURCES, APPLICATION_STATUSES } from './application.entity';
import { StageRetrospective } from './stage-retrospective.entity';

export class ExportedStageDto {
  @ApiProperty() @IsUUID() id: string;
  @ApiProperty() @IsInt() @Min(0) position: number;
  @ApiProperty() @IsString() @MaxLength(300) name: string;
  @ApiProperty({ enum: STAGE_TYPES, enumName: 'StageType' }) @IsIn(STAGE_TYPES) type: (typeof STAGE_TYPES)[number];
  @ApiProperty({ type: [String] }) @IsArray() @IsString({ each: true }) @MaxLength(2000, { each: true }) checklist: string[];
  @ApiProperty({ enum: STAGE_STATUSES, enumName: 'StageStatus' }) @IsIn(STAGE_STATUSES) status: (typeof STAGE_STATUSES)[number];
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) @NullableDateTime() enteredAt: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) @NullableDateTime() leftAt: string | null;
}

export class ExportedMoveDto {
  @ApiProperty() @IsUUID() id: string;
  @ApiProperty({ enum: APPLICATION_MOVES, enumName: 'ApplicationMove' }) @IsIn(APPLICATION_MOVES) move: (typeof APPLICATION_MOVES)[number];
  @ApiProperty() @IsDateString() at: string;
  @ApiProperty({ nullable: true, enum: APPLICATION_STATUSES, enumName: 'ApplicationStatus' }) @ValidateIf((_, v) => v !== null) @IsIn(APPLICATION_STATUSES) fromStatus: (typeof APPLICATION_STATUSES)[number] | null;
  @ApiProperty({ enum: APPLICATION_STATUSES, enumName: 'ApplicationStatus' }) @IsIn(APPLICATION_STATUSES) toStatus: (typeof APPLICATION_STATUSES)[number];
  @ApiProperty({ nullable: true, type: String }) @NullableText() fromStage: string | null;
  @ApiProperty({ nullable: true, type: String }) @NullableText() toStage: string | null;
  @ApiProperty({ nullable: true, type: String }) @NullableUuid() fromStageId: string | null;
  @ApiProperty({ nullable: true, type: String }) @NullableUuid() toStageId: string | null;
  @ApiProperty({ nullable: true, type: String }) @NullableUuid() relatedApplicationId: string | null;
  @ApiPropertyOptional({ type: [String], description: 'Referral ids; absent in older documents' }) @IsOptional() @IsArray() @IsUUID(undefined, { each: true }) carriedReferralIds?: string[];
  @ApiPropertyOptional({ type: Boolean, description: 'Absent in older documents' }) @IsOptional() @IsBoolean() carriedRecruiter?: boolean;
  @ApiProperty({ nullable: true, type: String }) @NullableText() note: string | null;
  @ApiProperty({ format: 'date-time' }) @IsDateString() recordedAt: string;
}

export class ExportedApplicationDto {
  @ApiProperty() @IsUUID() id: string;
  @ApiProperty() @IsUUID() organizationId: string;
  @ApiProperty({ nullable: true, type: String }) @NullableUuid() teamId: string | null;
  @ApiProperty() @IsString() @MaxLength(300) role: string;
  @ApiProperty({ enum: APPLICATION_SOURCES, enumName: 'ApplicationSource' }) @IsIn(APPLICATION_SOURCES) source: (typeof APPLICATION_SOURCES)[number];
  @ApiProperty({ enum: APPLICATION_STATUSES, enumName: 'ApplicationStatus' }) @IsIn(APPLICATION_STATUSES) status: (typeof APPLICATION_STATUSES)[number];
  @ApiProperty({ format: 'date' }) @IsCalendarDate() appliedOn: string;
  @ApiProperty({ format: 'date', nullable: true, type: String }) @ValidateIf((_, v) => v !== null) @IsCalendarDate() closedOn: string | null;
  @ApiProperty({ nullable: true, type: String }) @NullableText() notes: string | null;
  @ApiPropertyOptional({ type: [String], description: 'Added with reading checklists; absent in older documents' }) @IsOptional() @IsArray() @IsString({ each: true }) @MaxLength(100, { each: true }) keywords?: string[];
  @ApiProperty({ nullable: true, type: String }) @NullableUuid() recruiterId: string | null;
  @ApiProperty({ nullable: true, type: String }) @NullableUuid() templateId: string | null;
  @ApiProperty() @IsString() @MaxLength(300) templateName: string;
  @ApiProperty({ nullable: true, type: String }) @NullableUuid() currentStageId: string | null;
  @ApiProperty({ nullable: true, type: String }) @NullableUuid() reroutedFromId: string | null;
  @ApiProperty({ format: 'date-time' }) @IsDateString() createdAt: string;
  @ApiProperty({ format: 'date-time' }) @IsDateString() updatedAt: string;
  @ApiProperty({ type: [ExportedStageDto] }) @IsArray() @ValidateNested({ each: true }) @Type(() => ExportedStageDto) stages: ExportedStageDto[];
  @ApiProperty({ type: [ExportedMoveDto], description: 'Oldest first' }) @IsArray() @ValidateNested({ each: true }) @Type(() => ExportedMoveDto) moves: ExportedMoveDto[];
}

/** The user's retrospective on one stage of an application. */
export class ExportedStageRetrospectiveDto {
  @ApiProperty() @IsUUID() id: string;
  @ApiProperty({ description: 'The application of the stage (for readers; the stage decides)' }) @IsUUID() applicationId: string;
  @ApiProperty() @IsUUID() stageId: string;
  @ApiProperty({ nullable: true, type: String }) @NullableText() wentWell: string | null;
  @ApiProperty({ nullable: true, type: String }) @NullableText() wentBadly: string | null;
  @ApiProperty({ nullable: true, type: String }) @NullableText() doDifferently: string | null;
  @ApiProperty({ format: 'date-time' }) @IsDateString() createdAt: string;
  @ApiProperty({ format: 'date-time' }) @IsDateString() updatedAt: string;
}

type ApplicationsSection = { applications?: ExportedApplicationDto[]; stageRetrospectives?: ExportedStageRetrospectiveDto[] };

/** Applications with their stages and moves, and the retrospectives of their stages. */
@Injectable()
@ExportPart({
  name: 'applications',
  after: ['organizations', 'people', 'stageTemplates'],
  schema: {
    applications: sectionOf(ExportedApplicationDto, { since: 'Since version 2: with their stages and moves' }),
    stageRetrospectives: sectionOf(ExportedStageRetrospectiveDto, { since: 'Added with stage retrospectives; absent in older documents' }),
  },
})
export class ApplicationsExport implements AccountExportPart<ApplicationsSection> {
  async exportPart(userId: string, ctx: ExportContext): Promise<ApplicationsSection> {
    const { em } = ctx;
    const applications = await em.find(Application, { where: { userId }, order: { createdAt: 'ASC', id: 'ASC' } });
    const stages = await em.find(ApplicationStage, { where: { userId }, order: { applicationId: 'ASC', position: 'ASC' } });
    const moves = await em.find(ApplicationMove, { where: { userId }, order: { at: 'ASC', recordedAt: 'ASC', id: 'ASC' } });
    const retrospectives = await em.find(StageRetrospective, { where: { userId }, order: { createdAt: 'ASC', id: 'ASC' } });
    const stageApplication = new Map(stages.map((s) => [s.id, s.applicationId]));
    const section: Required<ApplicationsSection> = {
      applications: applications.map((a) =>
        recordOf(ExportedApplicationDto, a, {
          stages: stages.filter((s) => s.applicationId === a.id).map((s) => recordOf(ExportedStageDto, s)),
          moves: moves.filter((m) => m.applicationId === a.id).map((m) => recordOf(ExportedMoveDto, m)),
        }),
      ),
      stageRetrospectives: retrospectives.map((r) => recordOf(ExportedStageRetrospectiveDto, r, { applicationId: stageApplication.get(r.stageId) as string })),
    };
    // Only referrals still there (one erased with its referrer is gone): the document's referrals say which.
    ctx.whenComplete((doc) => {
      const referralIds = new Set(((doc.referrals as { id: string }[] | undefined) ?? []).map((r) => r.id));
      for (const m of section.applications.flatMap((a) => a.moves)) m.carriedReferralIds = (m.carriedReferralIds ?? []).filter((id) => referralIds.has(id));
    });
    return section;
  }

  async restorePart(userId: string, doc: ApplicationsSection, ctx: RestoreContext): Promise<void> {
    const ids = { application: ctx.ids('applications'), stage: ctx.ids('stages'), move: ctx.ids('moves') };
    // An application's reroute source is written before it (a foreign key), whatever the document's order.
    const applications = ids.application.allocate(rerouteOrder((doc.applications ?? []).filter((a) => ctx.required('organizations', a.organizationId, `applications[${a.id}]`, 'organization'))));
    const stages = ids.stage.allocate(applications.flatMap((a) => a.stages.map((s) => ({ ...s, applicationId: a.id }))));
    await ctx.write(
      Application,
      // The validated document holds the columns only: the others are written as they were.
      applications.map(({ id, organizationId, teamId, keywords, recruiterId, templateId, currentStageId, reroutedFromId, createdAt, updatedAt, stages: _stages, moves: _moves, ...columns }) => ({
        ...columns,
        id: ids.application.get(id)!,
        userId,
        organizationId: ctx.ids('organizations').get(organizationId)!,
        teamId: ctx.ref('teams', teamId, `applications[${id}].teamId`),
        keywords: keywords ?? [],
        recruiterId: ctx.ref('people', recruiterId, `applications[${id}].recruiterId`),
        templateId: ctx.ref('stageTemplates', templateId, `applications[${id}].templateId`),
        currentStageId: ctx.ref('stages', currentStageId, `applications[${id}].currentStageId`),
        reroutedFromId: ctx.ref('applications', reroutedFromId, `applications[${id}].reroutedFromId`),
        createdAt: new Date(createdAt),
        updatedAt: new Date(updatedAt),
      })),
    );
    await ctx.write(
      ApplicationStage,
      stages.map((s) => ({
        id: ids.stage.get(s.id)!,
        userId,
        applicationId: ids.application.get(s.applicationId)!,
        position: s.position,
        name: s.name,
        type: s.type,
        checklist: s.checklist,
        status: s.status,
        enteredAt: s.enteredAt ? new Date(s.enteredAt) : null,
        leftAt: s.leftAt ? new Date(s.leftAt) : null,
      })),
    );
    const moves = ids.move.allocate(applications.flatMap((a) => a.moves.map((m) => ({ ...m, applicationId: a.id }))));
    await ctx.write(
      ApplicationMove,
      moves.map((m) => ({
        id: ids.move.get(m.id)!,
        userId,
        applicationId: ids.application.get(m.applicationId)!,
        move: m.move,
        // Today every move is the account owner's own.
        actorId: userId,
        at: new Date(m.at),
        fromStatus: m.fromStatus,
        toStatus: m.toStatus,
        fromStage: m.fromStage,
        toStage: m.toStage,
        fromStageId: ctx.ref('stages', m.fromStageId, `applications[${m.applicationId}].moves[${m.id}].fromStageId`),
        toStageId: ctx.ref('stages', m.toStageId, `applications[${m.applicationId}].moves[${m.id}].toStageId`),
        relatedApplicationId: ctx.ref('applications', m.relatedApplicationId, `applications[${m.applicationId}].moves[${m.id}].relatedApplicationId`),
        // Carried referrals are linked once the referrals are written.
        carriedReferralIds: [],
        carriedRecruiter: m.carriedRecruiter ?? false,
        note: m.note,
        recordedAt: new Date(m.recordedAt),
      })),
    );
    ctx.whenRestored(async () => {
      for (const m of moves) {
        const carried = (m.carriedReferralIds ?? []).map((id) => ctx.ref('referrals', id, `applications[${m.applicationId}].moves[${m.id}].carriedReferralIds`)).filter((id): id is string => !!id);
        if (carried.length) await ctx.em.query('UPDATE application_moves SET carried_referral_ids = $1::uuid[] WHERE id = $2', [carried, ids.move.get(m.id)]);
      }
    });

    const retrospectiveIds = ctx.ids('stageRetrospectives');
    const retroStages = new Set<string>();
    const retrospectives = retrospectiveIds.allocate(
      (doc.stageRetrospectives ?? []).filter((r) => {
        const item = `stageRetrospectives[${r.id}]`;
        if (!ctx.required('stages', r.stageId, item, 'stage')) return false;
        if (retroStages.has(r.stageId)) {
          ctx.skip(item, 'the document holds two retrospectives of this stage; the first is kept');
          return false;
        }
        retroStages.add(r.stageId);
        return true;
      }),
    );
    await ctx.write(
      StageRetrospective,
      retrospectives.map((r) => ({
        id: retrospectiveIds.get(r.id)!,
        userId,
        stageId: ids.stage.get(r.stageId)!,
        wentWell: r.wentWell,
        wentBadly: r.wentBadly,
        doDifferently: r.doDifferently,
        createdAt: new Date(r.createdAt),
        updatedAt: new Date(r.updatedAt),
      })),
    );
  }

  count(doc: ApplicationsSection): number {
    return (doc.applications ?? []).reduce((n, a) => n + 1 + a.stages.length + a.moves.length, 0) + (doc.stageRetrospectives?.length ?? 0);
  }
}

/** Applications in document order, except that one rerouted from another always comes after it. */
function rerouteOrder(applications: ExportedApplicationDto[]): ExportedApplicationDto[] {
  const byId = new Map(applications.map((a) => [a.id, a]));
  const out: ExportedApplicationDto[] = [];
  const placed = new Set<string>();
  const place = (a: ExportedApplicationDto, path: Set<string>): void => {
    if (placed.has(a.id) || path.has(a.id)) return;
    path.add(a.id);
    const parent = a.reroutedFromId ? byId.get(a.reroutedFromId) : undefined;
    if (parent) place(parent, path);
    placed.add(a.id);
    out.push(a);
  };
  for (const a of applications) place(a, new Set());
  return out;
}
