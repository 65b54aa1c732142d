import { Injectable } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsDateString, IsIn, IsInt, IsNumber, IsOptional, IsString, IsUUID, Max, MaxLength, Min, ValidateIf, ValidateNested } from 'class-validator';
import type { EntityManager } from 'typeorm';
import { AccountExportPart, ExportContext, ExportPart, NullableDateTime, NullableText, NullableUuid, recordOf, RestoreContext, sectionOf } from '../account-export/index';
import { STAGE_TYPES, type StageType } from '../stage-templates/index';
import { BehaviouralStory, COMPETENCIES } from './behavioural-story.entity';
import { MockInterview } from './mock-interview.entity';
import { DRILL_RATINGS, PracticeDrill } from './practice-drill.entity';
import { PracticeQuestion, QUESTION_SOURCES } from './practice-question.entity';
import { StudyPlanItem } from './study-plan-item.entity';
import { StudyPlan } from './study-plan.entity';
import { StudyResource } from './study-resource.entity';
import { StudySession } from './study-session.entity';
import { RESOURCE_EMPHASES, STUDY_EMPHASES, STUDY_RESOURCE_KINDS, STUDY_UNITS } from './study.types';

const SINCE = 'Added with the study module; absent in older documents';
const Amount = (): PropertyDecorator => (target, key) => {
  IsNumber({ allowNaN: false, allowInfinity: false })(target, key);
  Min(0)(target, key);
  Max(1_000_000)(target, key);
};
const StageTypes = (): PropertyDecorator => (target, key) => {
  ApiProperty({ enum: STAGE_TYPES, enumName: 'StageType', isArray: true })(target, key);
  IsArray()(target, key);
  IsIn(STAGE_TYPES, { each: true })(target, key);
};
const Texts = (): PropertyDecorator => (target, key) => {
  ApiProperty({ type: [String] })(target, key);
  IsArray()(target, key);
  IsString({ each: true })(target, key);
  MaxLength(300, { each: true })(target, key);
};

export class ExportedStudyPartDto {
  @ApiProperty() @IsString() @MaxLength(500) title: string;
  @ApiProperty() @IsInt() @Min(0) @Max(1_000_000) amount: number;
  @ApiProperty({ enum: STUDY_EMPHASES, enumName: 'StudyEmphasis', description: 'core: read in full; skim: the first to skim when behind; optional: the first to drop when behind; skip: not part of the plan' }) @IsIn(STUDY_EMPHASES) emphasis: (typeof STUDY_EMPHASES)[number];
}

export class ExportedStudyResourceDto {
  @ApiProperty() @IsUUID() id: string;
  @ApiProperty({ enum: STUDY_RESOURCE_KINDS, enumName: 'StudyResourceKind' }) @IsIn(STUDY_RESOURCE_KINDS) kind: (typeof STUDY_RESOURCE_KINDS)[number];
  @ApiProperty() @IsString() @MaxLength(500) title: string;
  @ApiProperty({ nullable: true, type: String }) @NullableText() author: string | null;
  @ApiProperty({ nullable: true, type: String }) @NullableText() url: string | null;
  @ApiProperty({ enum: STUDY_UNITS, enumName: 'StudyUnit', description: 'What progress is counted in' }) @IsIn(STUDY_UNITS) unit: (typeof STUDY_UNITS)[number];
  @ApiProperty() @IsInt() @Min(0) @Max(1_000_000) totalAmount: number;
  @ApiProperty({ type: [ExportedStudyPartDto] }) @IsArray() @ValidateNested({ each: true }) @Type(() => ExportedStudyPartDto) parts: ExportedStudyPartDto[];
  @ApiProperty({ enum: RESOURCE_EMPHASES, enumName: 'ResourceEmphasis', description: 'The whole resource: core, skim (skim first when behind) or optional (drop first when behind)' }) @IsIn(RESOURCE_EMPHASES) emphasis: (typeof RESOURCE_EMPHASES)[number];
  @Texts() topics: string[];
  @StageTypes() stageTypes: StageType[];
  @ApiProperty({ nullable: true, type: String }) @NullableText() notes: string | null;
  @ApiProperty({ nullable: true, type: String }) @NullableText() starterKey: string | null;
  @ApiProperty({ format: 'date-time' }) @IsDateString() createdAt: string;
  @ApiProperty({ format: 'date-time' }) @IsDateString() updatedAt: string;
}

export class ExportedStudySessionDto {
  @ApiProperty() @IsUUID() id: string;
  @ApiProperty() @IsUUID() resourceId: string;
  @ApiProperty({ format: 'date-time' }) @IsDateString() studiedAt: string;
  @ApiProperty() @IsInt() @Min(0) @Max(1_000_000) amount: number;
  @ApiProperty({ nullable: true, type: Number }) @ValidateIf((_, v) => v !== null) @IsInt() @Min(0) @Max(100_000) minutes: number | null;
  @ApiProperty({ nullable: true, type: String }) @NullableText() notes: string | null;
  @ApiProperty({ format: 'date-time' }) @IsDateString() createdAt: string;
}

export class ExportedStudyPaceDto {
  @ApiPropertyOptional() @IsOptional() @Amount() pages?: number;
  @ApiPropertyOptional() @IsOptional() @Amount() problems?: number;
  @ApiPropertyOptional() @IsOptional() @Amount() chapters?: number;
}

export class ExportedStudyPlanDto {
  @ApiProperty() @IsUUID() id: string;
  @ApiProperty() @IsUUID() applicationId: string;
  @ApiProperty() @Amount() hoursPerWeek: number;
  @ApiProperty({ type: ExportedStudyPaceDto }) @ValidateNested() @Type(() => ExportedStudyPaceDto) statedPace: ExportedStudyPaceDto;
  @ApiProperty({ format: 'date-time' }) @IsDateString() createdAt: string;
  @ApiProperty({ format: 'date-time' }) @IsDateString() updatedAt: string;
}

export class ExportedStudyPlanItemDto {
  @ApiProperty() @IsUUID() id: string;
  @ApiProperty() @IsUUID() planId: string;
  @ApiProperty() @IsUUID() stageId: string;
  @ApiProperty() @IsUUID() resourceId: string;
  @ApiProperty() @IsInt() @Min(0) @Max(1_000_000) position: number;
}

/** A question of the bank with its FSRS card, field by field as ts-fsrs keeps it. */
export class ExportedPracticeQuestionDto {
  @ApiProperty() @IsUUID() id: string;
  @ApiProperty() @IsString() @MaxLength(20_000) text: string;
  @ApiProperty({ nullable: true, type: String }) @NullableText() topic: string | null;
  @ApiProperty({ nullable: true, enum: STAGE_TYPES, enumName: 'StageType' }) @ValidateIf((_, v) => v !== null) @IsIn(STAGE_TYPES) stageType: StageType | null;
  @ApiProperty({ nullable: true, type: String }) @NullableUuid() organizationId: string | null;
  @ApiProperty({ nullable: true, type: String }) @NullableUuid() interviewId: string | null;
  @ApiProperty({ enum: QUESTION_SOURCES, enumName: 'QuestionSource', description: 'Default: interview when an interview is given, else other' }) @IsIn(QUESTION_SOURCES) source: (typeof QUESTION_SOURCES)[number];
  @ApiProperty({ nullable: true, type: String }) @NullableText() answerNotes: string | null;
  @ApiProperty({ format: 'date-time' }) @IsDateString() due: string;
  @ApiProperty() @Amount() stability: number;
  @ApiProperty() @Amount() difficulty: number;
  @ApiProperty() @IsInt() @Min(0) scheduledDays: number;
  @ApiProperty() @IsInt() @Min(0) learningSteps: number;
  @ApiProperty() @IsInt() @Min(0) reps: number;
  @ApiProperty() @IsInt() @Min(0) lapses: number;
  @ApiProperty({ description: 'ts-fsrs State: 0 new, 1 learning, 2 review, 3 relearning' }) @IsInt() @Min(0) @Max(3) state: number;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) @NullableDateTime() lastReview: string | null;
  @ApiProperty({ format: 'date-time' }) @IsDateString() createdAt: string;
  @ApiProperty({ format: 'date-time' }) @IsDateString() updatedAt: string;
}

export class ExportedPracticeDrillDto {
  @ApiProperty() @IsUUID() id: string;
  @ApiProperty() @IsUUID() questionId: string;
  @ApiProperty({ format: 'date-time' }) @IsDateString() drilledAt: string;
  @ApiProperty({ enum: DRILL_RATINGS, enumName: 'DrillRating', description: 'How it went: again (forgot), hard, good, easy' }) @IsIn(DRILL_RATINGS) rating: (typeof DRILL_RATINGS)[number];
  @ApiProperty({ format: 'date-time' }) @IsDateString() nextDue: string;
  @ApiProperty() @IsInt() @Min(0) scheduledDays: number;
  @ApiProperty({ nullable: true, type: String }) @NullableText() notes: string | null;
}

export class ExportedTopicScoreDto {
  @ApiProperty() @IsString() @MaxLength(300) topic: string;
  @ApiProperty() @IsInt() @Min(1) @Max(5) score: number;
}

export class ExportedMockInterviewDto {
  @ApiProperty() @IsUUID() id: string;
  @ApiProperty({ nullable: true, type: String }) @NullableUuid() personId: string | null;
  @ApiProperty({ enum: STAGE_TYPES, enumName: 'StageType' }) @IsIn(STAGE_TYPES) stageType: StageType;
  @ApiProperty({ nullable: true, type: String }) @NullableUuid() organizationId: string | null;
  @ApiProperty({ format: 'date-time' }) @IsDateString() heldAt: string;
  @ApiProperty({ nullable: true, type: String }) @NullableText() feedback: string | null;
  @ApiProperty({ type: [ExportedTopicScoreDto] }) @IsArray() @ValidateNested({ each: true }) @Type(() => ExportedTopicScoreDto) scores: ExportedTopicScoreDto[];
  @ApiProperty({ nullable: true, type: String, description: 'The ask recorded on the person for it' }) @NullableUuid() interactionId: string | null;
  @ApiProperty({ type: [String], description: 'The questions asked, from practiceQuestions' }) @IsArray() @IsUUID(undefined, { each: true }) questionIds: string[];
  @ApiProperty({ format: 'date-time' }) @IsDateString() createdAt: string;
  @ApiProperty({ format: 'date-time' }) @IsDateString() updatedAt: string;
}

export class ExportedBehaviouralStoryDto {
  @ApiProperty() @IsUUID() id: string;
  @ApiProperty() @IsString() @MaxLength(500) title: string;
  @ApiProperty({ nullable: true, type: String }) @NullableText() situation: string | null;
  @ApiProperty({ nullable: true, type: String }) @NullableText() task: string | null;
  @ApiProperty({ nullable: true, type: String }) @NullableText() action: string | null;
  @ApiProperty({ nullable: true, type: String }) @NullableText() result: string | null;
  @ApiProperty({ enum: COMPETENCIES, enumName: 'Competency', isArray: true, description: 'What it shows' }) @IsArray() @IsIn(COMPETENCIES, { each: true }) competencies: (typeof COMPETENCIES)[number][];
  @StageTypes() stageTypes: StageType[];
  @ApiProperty({ type: [String], description: 'The résumé projects it comes from, from resumeProjects' }) @IsArray() @IsUUID(undefined, { each: true }) projectIds: string[];
  @ApiProperty({ format: 'date-time' }) @IsDateString() createdAt: string;
  @ApiProperty({ format: 'date-time' }) @IsDateString() updatedAt: string;
}

type StudySection = {
  studyResources?: ExportedStudyResourceDto[];
  studySessions?: ExportedStudySessionDto[];
  studyPlans?: ExportedStudyPlanDto[];
  studyPlanItems?: ExportedStudyPlanItemDto[];
  practiceQuestions?: ExportedPracticeQuestionDto[];
  practiceDrills?: ExportedPracticeDrillDto[];
  mockInterviews?: ExportedMockInterviewDto[];
  behaviouralStories?: ExportedBehaviouralStoryDto[];
};

/** The row with its instants (ISO strings in the document) as dates, for writing. */
function dates<T extends object, K extends keyof T>(row: T, ...keys: K[]): Omit<T, K> & { [P in K]: null extends T[P] ? Date | null : Date } {
  const out = { ...row } as Record<string, unknown>;
  for (const k of keys) out[k as string] = out[k as string] == null ? null : new Date(out[k as string] as string);
  return out as never;
}

/** Pairs of a join table, the owner's id first, as lists per owner. */
async function joined(em: EntityManager, sql: string, userId: string): Promise<Map<string, string[]>> {
  const rows = (await em.query(sql, [userId])) as { owner: string; other: string }[];
  const lists = new Map<string, string[]>();
  for (const r of rows) lists.set(r.owner, [...(lists.get(r.owner) ?? []), r.other]);
  return lists;
}

/** Writes a join table's pairs of new ids. */
async function link(ctx: RestoreContext, table: string, columns: [string, string], pairs: [string, string][]): Promise<void> {
  if (!pairs.length) return;
  await ctx.em.query(`INSERT INTO "${table}" ("${columns[0]}", "${columns[1]}") SELECT * FROM unnest($1::uuid[], $2::uuid[]) ON CONFLICT DO NOTHING`, [pairs.map((p) => p[0]), pairs.map((p) => p[1])]);
}

/**
 * The study module: resources with their sessions, plans with their items, the question bank with
 * its drills, mock interviews (with the questions asked) and behavioural stories (with their projects).
 */
@Injectable()
@ExportPart({
  name: 'study',
  after: ['people', 'organizations', 'applications', 'interviews', 'interactions', 'resumeProjects'],
  schema: {
    studyResources: sectionOf(ExportedStudyResourceDto, { since: SINCE }),
    studySessions: sectionOf(ExportedStudySessionDto, { since: SINCE }),
    studyPlans: sectionOf(ExportedStudyPlanDto, { since: SINCE }),
    studyPlanItems: sectionOf(ExportedStudyPlanItemDto, { since: SINCE }),
    practiceQuestions: sectionOf(ExportedPracticeQuestionDto, { since: SINCE }),
    practiceDrills: sectionOf(ExportedPracticeDrillDto, { since: SINCE }),
    mockInterviews: sectionOf(ExportedMockInterviewDto, { since: SINCE }),
    behaviouralStories: sectionOf(ExportedBehaviouralStoryDto, { since: SINCE }),
  },
})
export class StudyExport implements AccountExportPart<StudySection> {
  async exportPart(userId: string, { em }: ExportContext): Promise<StudySection> {
    const byCreation = { createdAt: 'ASC', id: 'ASC' } as const;
    const asked = await joined(em, 'SELECT mq.mock_interview_id AS owner, mq.question_id AS other FROM mock_interview_questions mq JOIN mock_interviews m ON m.id = mq.mock_interview_id WHERE m.user_id = $1 ORDER BY mq.question_id', userId);
    const projects = await joined(em, 'SELECT sp.story_id AS owner, sp.resume_project_id AS other FROM behavioural_story_projects sp JOIN behavioural_stories s ON s.id = sp.story_id WHERE s.user_id = $1 ORDER BY sp.resume_project_id', userId);
    return {
      studyResources: (await em.find(StudyResource, { where: { userId }, order: byCreation })).map((r) => recordOf(ExportedStudyResourceDto, r)),
      studySessions: (await em.find(StudySession, { where: { userId }, order: { studiedAt: 'ASC', id: 'ASC' } })).map((s) => recordOf(ExportedStudySessionDto, s)),
      studyPlans: (await em.find(StudyPlan, { where: { userId }, order: byCreation })).map((p) => recordOf(ExportedStudyPlanDto, p)),
      studyPlanItems: (await em.find(StudyPlanItem, { where: { userId }, order: { planId: 'ASC', position: 'ASC', id: 'ASC' } })).map((i) => recordOf(ExportedStudyPlanItemDto, i)),
      practiceQuestions: (await em.find(PracticeQuestion, { where: { userId }, order: byCreation })).map((q) => recordOf(ExportedPracticeQuestionDto, q)),
      practiceDrills: (await em.find(PracticeDrill, { where: { userId }, order: { drilledAt: 'ASC', id: 'ASC' } })).map((d) => recordOf(ExportedPracticeDrillDto, d)),
      mockInterviews: (await em.find(MockInterview, { where: { userId }, order: { heldAt: 'ASC', id: 'ASC' } })).map((m) => recordOf(ExportedMockInterviewDto, m, { questionIds: asked.get(m.id) ?? [] })),
      behaviouralStories: (await em.find(BehaviouralStory, { where: { userId }, order: byCreation })).map((s) => recordOf(ExportedBehaviouralStoryDto, s, { projectIds: projects.get(s.id) ?? [] })),
    };
  }

  async restorePart(userId: string, doc: StudySection, ctx: RestoreContext): Promise<void> {
    const resources = ctx.ids('studyResources');
    await ctx.write(
      StudyResource,
      resources.allocate(doc.studyResources ?? []).map((r) => ({ ...dates(r, 'createdAt', 'updatedAt'), id: resources.get(r.id)!, userId })),
    );

    const sessions = ctx.ids('studySessions');
    const keptSessions = sessions.allocate((doc.studySessions ?? []).filter((s) => ctx.required('studyResources', s.resourceId, `studySessions[${s.id}]`, 'study resource')));
    await ctx.write(
      StudySession,
      keptSessions.map((s) => ({ ...dates(s, 'studiedAt', 'createdAt'), id: sessions.get(s.id)!, userId, resourceId: resources.get(s.resourceId)! })),
    );

    // One plan an application: a second one for the same application is reported.
    const plans = ctx.ids('studyPlans');
    const planned = new Set<string>();
    const keptPlans = plans.allocate(
      (doc.studyPlans ?? []).filter((p) => {
        const item = `studyPlans[${p.id}]`;
        if (!ctx.required('applications', p.applicationId, item, 'application')) return false;
        if (planned.has(p.applicationId)) return (ctx.skip(item, 'the document holds another plan for the same application; the first is kept'), false);
        planned.add(p.applicationId);
        return true;
      }),
    );
    await ctx.write(
      StudyPlan,
      keptPlans.map((p) => ({ ...dates(p, 'createdAt', 'updatedAt'), id: plans.get(p.id)!, userId, applicationId: ctx.ids('applications').get(p.applicationId)!, statedPace: { ...p.statedPace } })),
    );

    // A resource serves one stage a plan.
    const items = ctx.ids('studyPlanItems');
    const picked = new Set<string>();
    const keptItems = items.allocate(
      (doc.studyPlanItems ?? []).filter((i) => {
        const item = `studyPlanItems[${i.id}]`;
        if (!ctx.required('studyPlans', i.planId, item, 'study plan') || !ctx.required('stages', i.stageId, item, 'stage') || !ctx.required('studyResources', i.resourceId, item, 'study resource')) return false;
        if (picked.has(`${i.planId}/${i.resourceId}`)) return (ctx.skip(item, 'the plan holds this resource twice in the document; the first is kept'), false);
        picked.add(`${i.planId}/${i.resourceId}`);
        return true;
      }),
    );
    await ctx.write(
      StudyPlanItem,
      keptItems.map((i) => ({ id: items.get(i.id)!, userId, planId: plans.get(i.planId)!, stageId: ctx.ids('stages').get(i.stageId)!, resourceId: resources.get(i.resourceId)!, position: i.position })),
    );

    const questions = ctx.ids('practiceQuestions');
    await ctx.write(
      PracticeQuestion,
      questions.allocate(doc.practiceQuestions ?? []).map(
        (q) =>
          ({
            ...dates(q, 'due', 'lastReview', 'createdAt', 'updatedAt'),
            id: questions.get(q.id)!,
            userId,
            organizationId: ctx.ref('organizations', q.organizationId, `practiceQuestions[${q.id}].organizationId`),
            interviewId: ctx.ref('interviews', q.interviewId, `practiceQuestions[${q.id}].interviewId`),
          }),
      ),
    );

    const drills = ctx.ids('practiceDrills');
    const keptDrills = drills.allocate((doc.practiceDrills ?? []).filter((d) => ctx.required('practiceQuestions', d.questionId, `practiceDrills[${d.id}]`, 'question')));
    await ctx.write(
      PracticeDrill,
      keptDrills.map((d) => ({ ...dates(d, 'drilledAt', 'nextDue'), id: drills.get(d.id)!, userId, questionId: questions.get(d.questionId)! })),
    );

    const mocks = ctx.ids('mockInterviews');
    const keptMocks = mocks.allocate(doc.mockInterviews ?? []);
    await ctx.write(
      MockInterview,
      keptMocks.map(({ questionIds: _asked, ...m }) => ({
        ...dates(m, 'heldAt', 'createdAt', 'updatedAt'),
        id: mocks.get(m.id)!,
        userId,
        personId: ctx.ref('people', m.personId, `mockInterviews[${m.id}].personId`),
        organizationId: ctx.ref('organizations', m.organizationId, `mockInterviews[${m.id}].organizationId`),
        interactionId: ctx.ref('interactions', m.interactionId, `mockInterviews[${m.id}].interactionId`),
        scores: m.scores.map(({ topic, score }) => ({ topic, score })),
      })),
    );
    await link(
      ctx,
      'mock_interview_questions',
      ['mock_interview_id', 'question_id'],
      keptMocks.flatMap((m) => [...new Set(m.questionIds)].flatMap((q) => (questions.get(q) ? [[mocks.get(m.id)!, questions.get(q)!] as [string, string]] : (ctx.skip(`mockInterviews[${m.id}].questionIds`, `refers to ${q}, which is not in the document; left out`), [])))),
    );

    const stories = ctx.ids('behaviouralStories');
    const keptStories = stories.allocate(doc.behaviouralStories ?? []);
    await ctx.write(
      BehaviouralStory,
      keptStories.map(({ projectIds: _projects, ...s }) => ({ ...dates(s, 'createdAt', 'updatedAt'), id: stories.get(s.id)!, userId })),
    );
    const projects = ctx.ids('resumeProjects');
    await link(
      ctx,
      'behavioural_story_projects',
      ['story_id', 'resume_project_id'],
      keptStories.flatMap((s) => [...new Set(s.projectIds)].flatMap((p) => (projects.get(p) ? [[stories.get(s.id)!, projects.get(p)!] as [string, string]] : (ctx.skip(`behaviouralStories[${s.id}].projectIds`, `refers to ${p}, which is not in the document; left out`), [])))),
    );
  }
}
