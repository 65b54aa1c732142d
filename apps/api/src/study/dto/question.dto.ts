import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Length, MaxLength, ValidateIf } from 'class-validator';
import { STAGE_TYPES, StageType } from '#domain/stage-templates/index';
import { DRILL_RATINGS, DrillRating, PracticeDrill, PracticeQuestion, practiceState, QUESTION_SOURCES, QuestionSource } from '#domain/study/index';
import { PageQuery } from '../../common/page-query';

const notNull = (_: object, v: unknown): boolean => v !== null;

class QuestionFieldsDto {
  @ApiPropertyOptional({ type: String, nullable: true, example: 'dynamic programming' })
  @IsOptional()
  @ValidateIf(notNull)
  @IsString()
  @MaxLength(100)
  topic?: string | null;

  @ApiPropertyOptional({ enum: STAGE_TYPES, enumName: 'StageType', nullable: true, description: "Default with an interview: its stage's type" })
  @IsOptional()
  @ValidateIf(notNull)
  @IsIn(STAGE_TYPES)
  stageType?: StageType | null;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: "Default with an interview: its application's organization" })
  @IsOptional()
  @ValidateIf(notNull)
  @IsUUID('all', { message: 'must be a UUID' })
  organizationId?: string | null;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'The interview it was asked in' })
  @IsOptional()
  @ValidateIf(notNull)
  @IsUUID('all', { message: 'must be a UUID' })
  interviewId?: string | null;

  @ApiPropertyOptional({ enum: QUESTION_SOURCES, enumName: 'QuestionSource', description: 'Default: interview when an interview is given, else other' })
  @IsOptional()
  @IsIn(QUESTION_SOURCES)
  source?: QuestionSource;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'Your answer, or notes towards it' })
  @IsOptional()
  @ValidateIf(notNull)
  @IsString()
  @MaxLength(50_000)
  answerNotes?: string | null;
}

export class CreateQuestionDto extends QuestionFieldsDto {
  @ApiProperty({ example: 'Find the longest increasing subsequence in O(n log n)' })
  @IsString()
  @Length(1, 5000)
  text: string;
}

export class UpdateQuestionDto extends QuestionFieldsDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 5000)
  text?: string;
}

export class ListQuestionsQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) topic?: string;

  @ApiPropertyOptional({ enum: STAGE_TYPES, enumName: 'StageType' })
  @IsOptional()
  @IsIn(STAGE_TYPES)
  stageType?: StageType;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  organizationId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only those asked in this interview' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  interviewId?: string;

  @ApiPropertyOptional({ enum: QUESTION_SOURCES, enumName: 'QuestionSource' })
  @IsOptional()
  @IsIn(QUESTION_SOURCES)
  source?: QuestionSource;

  @ApiPropertyOptional({ description: 'Text in the question or the answer notes' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ format: 'uuid', description: "Questions to practise for this interview: its organization's or its stage type's" })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  forInterviewId?: string;
}

export class PracticeQueueQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid', description: "Only the interview's organization's or stage type's questions" })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  forInterviewId?: string;
}

export class DrillQuestionDto {
  @ApiProperty({ enum: DRILL_RATINGS, enumName: 'DrillRating', description: 'How it went: again (forgot), hard, good, easy' })
  @IsIn(DRILL_RATINGS)
  rating: DrillRating;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @ValidateIf(notNull)
  @IsString()
  @MaxLength(20_000)
  notes?: string | null;
}

export class PracticeResponse {
  @ApiProperty({ format: 'date-time', description: 'When it is next due' }) due: string;
  @ApiProperty({ enum: ['new', 'learning', 'review', 'relearning'] }) state: 'new' | 'learning' | 'review' | 'relearning';
  @ApiProperty({ description: 'Drills so far' }) reps: number;
  @ApiProperty({ description: 'Times forgotten after learning it' }) lapses: number;
  @ApiProperty({ description: 'Days to the next review, as FSRS scheduled it' }) scheduledDays: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastDrilledAt: string | null;
}

export class QuestionResponse {
  @ApiProperty() id: string;
  @ApiProperty() text: string;
  @ApiProperty({ type: String, nullable: true }) topic: string | null;
  @ApiProperty({ enum: STAGE_TYPES, enumName: 'StageType', nullable: true }) stageType: StageType | null;
  @ApiProperty({ type: String, nullable: true }) organizationId: string | null;
  @ApiProperty({ type: String, nullable: true }) interviewId: string | null;
  @ApiProperty({ enum: QUESTION_SOURCES, enumName: 'QuestionSource' }) source: QuestionSource;
  @ApiProperty({ type: String, nullable: true }) answerNotes: string | null;
  @ApiProperty({ type: PracticeResponse }) practice: PracticeResponse;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;

  static from(q: PracticeQuestion): QuestionResponse {
    return {
      id: q.id,
      text: q.text,
      topic: q.topic,
      stageType: q.stageType,
      organizationId: q.organizationId,
      interviewId: q.interviewId,
      source: q.source,
      answerNotes: q.answerNotes,
      practice: { due: q.due.toISOString(), state: practiceState(q.state), reps: q.reps, lapses: q.lapses, scheduledDays: q.scheduledDays, lastDrilledAt: q.lastReview?.toISOString() ?? null },
      createdAt: q.createdAt.toISOString(),
      updatedAt: q.updatedAt.toISOString(),
    };
  }
}

export class QuestionsPage {
  @ApiProperty({ type: [QuestionResponse], description: 'Newest first' }) items: QuestionResponse[];
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}

export class PracticeQueueResponse {
  @ApiProperty({ example: '2027-03-01', description: 'Today in your time zone' }) today: string;
  @ApiProperty({ format: 'date-time', description: 'The end of today in your time zone: all due before it' }) dueBefore: string;
  @ApiProperty({ type: [QuestionResponse], description: 'Most overdue first' }) items: QuestionResponse[];
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}

export class DrillResponse {
  @ApiProperty() id: string;
  @ApiProperty({ enum: DRILL_RATINGS, enumName: 'DrillRating' }) rating: DrillRating;
  @ApiProperty({ format: 'date-time' }) drilledAt: string;
  @ApiProperty({ format: 'date-time', description: 'The next review FSRS scheduled' }) nextDue: string;
  @ApiProperty() scheduledDays: number;
  @ApiProperty({ type: String, nullable: true }) notes: string | null;

  static from(d: PracticeDrill): DrillResponse {
    return { id: d.id, rating: d.rating, drilledAt: d.drilledAt.toISOString(), nextDue: d.nextDue.toISOString(), scheduledDays: d.scheduledDays, notes: d.notes };
  }
}

export class DrillsPage {
  @ApiProperty({ type: [DrillResponse], description: 'Newest first' }) items: DrillResponse[];
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}

export class DrillResultResponse {
  @ApiProperty({ type: QuestionResponse }) question: QuestionResponse;
  @ApiProperty({ type: DrillResponse }) drill: DrillResponse;
}
