import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Max, MaxLength, Min, ValidateIf, ValidateNested } from 'class-validator';
import { STAGE_TYPES, StageType } from '#domain/stage-templates/index';
import { MockInterview } from '#domain/study/index';
import { IsZonedDateTime } from '../../common/date-validators';
import { PageQuery } from '../../common/page-query';
import { QuestionResponse } from './question.dto';

const notNull = (_: object, v: unknown): boolean => v !== null;

export class TopicScoreDto {
  @ApiProperty({ example: 'dynamic programming' })
  @IsString()
  @Length(1, 100)
  topic: string;

  @ApiProperty({ minimum: 1, maximum: 5, description: '1 (poorly) to 5 (very well)' })
  @IsInt()
  @Min(1)
  @Max(5)
  score: number;
}

export class NewMockQuestionDto {
  @ApiProperty({ example: 'Design an LRU cache' })
  @IsString()
  @Length(1, 5000)
  text: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @ValidateIf(notNull)
  @IsString()
  @MaxLength(100)
  topic?: string | null;
}

class MockFeedbackDto {
  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @ValidateIf(notNull)
  @IsString()
  @MaxLength(50_000)
  feedback?: string | null;

  @ApiPropertyOptional({ type: [TopicScoreDto], description: 'One per topic; replaces the list' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => TopicScoreDto)
  scores?: TopicScoreDto[];
}

export class CreateMockInterviewDto extends MockFeedbackDto {
  @ApiProperty({ format: 'uuid', description: 'The person from your network who interviewed you' })
  @IsUUID('all', { message: 'must be a UUID' })
  personId: string;

  @ApiProperty({ enum: STAGE_TYPES, enumName: 'StageType' })
  @IsIn(STAGE_TYPES)
  stageType: StageType;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'The organization it prepares for' })
  @IsOptional()
  @ValidateIf(notNull)
  @IsUUID('all', { message: 'must be a UUID' })
  organizationId?: string | null;

  @ApiProperty({ format: 'date-time', example: '2027-03-05T18:00:00+01:00' })
  @IsZonedDateTime()
  heldAt: string;

  @ApiPropertyOptional({ type: [String], description: 'Questions from your bank that were asked' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true, message: 'must be a UUID' })
  questionIds?: string[];

  @ApiPropertyOptional({ type: [NewMockQuestionDto], description: 'Questions asked that are not in your bank yet: added to it' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => NewMockQuestionDto)
  newQuestions?: NewMockQuestionDto[];
}

export class UpdateMockInterviewDto extends MockFeedbackDto {}

export class ListMockInterviewsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: STAGE_TYPES, enumName: 'StageType' })
  @IsOptional()
  @IsIn(STAGE_TYPES)
  stageType?: StageType;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  personId?: string;
}

export class TopicScoreResponse {
  @ApiProperty() topic: string;
  @ApiProperty() score: number;
}

export class MockInterviewResponse {
  @ApiProperty() id: string;
  @ApiProperty({ type: String, nullable: true, description: 'Null once the person was erased' }) personId: string | null;
  @ApiProperty({ enum: STAGE_TYPES, enumName: 'StageType' }) stageType: StageType;
  @ApiProperty({ type: String, nullable: true }) organizationId: string | null;
  @ApiProperty({ format: 'date-time' }) heldAt: string;
  @ApiProperty({ type: String, nullable: true }) feedback: string | null;
  @ApiProperty({ type: [TopicScoreResponse] }) scores: TopicScoreResponse[];
  @ApiProperty({ type: String, nullable: true, description: "The interaction on the person's timeline" }) interactionId: string | null;
  @ApiProperty({ type: [QuestionResponse] }) questions: QuestionResponse[];
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;

  static from(m: MockInterview): MockInterviewResponse {
    return {
      id: m.id,
      personId: m.personId,
      stageType: m.stageType,
      organizationId: m.organizationId,
      heldAt: m.heldAt.toISOString(),
      feedback: m.feedback,
      scores: m.scores,
      interactionId: m.interactionId,
      questions: (m.questions ?? []).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id)).map(QuestionResponse.from),
      createdAt: m.createdAt.toISOString(),
      updatedAt: m.updatedAt.toISOString(),
    };
  }
}

export class MockInterviewsPage {
  @ApiProperty({ type: [MockInterviewResponse], description: 'Newest first' }) items: MockInterviewResponse[];
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}

export class MockSuggestionsQuery extends PickType(ListMockInterviewsQuery, ['stageType'] as const) {
  @ApiPropertyOptional({ format: 'uuid', description: 'The organization to rehearse for (give this, stageType, or both)' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  organizationId?: string;
}

export class MockSuggestionPersonResponse {
  @ApiProperty() id: string;
  @ApiProperty() fullName: string;
  @ApiProperty({ type: String, nullable: true }) headline: string | null;
  @ApiProperty({ type: String, nullable: true }) role: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Where they work' }) organization: string | null;
}

export class MockSuggestionResponse {
  @ApiProperty({ type: MockSuggestionPersonResponse }) person: MockSuggestionPersonResponse;
  @ApiProperty({ type: [String], description: 'Why they could run the mock, most telling first', example: ['Interviewed you at Frontier Lab (Coding interview, 2026-11-02)'] }) reasons: string[];
  @ApiProperty({ description: 'How strongly the reasons point to them: the order of the list' }) score: number;
}

export class MockSuggestionsResponse {
  @ApiProperty({ type: [MockSuggestionResponse], description: 'Most likely first, at most 20' }) items: MockSuggestionResponse[];
}
