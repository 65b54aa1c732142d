import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { QuestionBankService } from '#domain/study/index';
import { CurrentUserId } from '../auth/current-user.decorator';
import { uuidParam } from '../common/uuid-param';
import { PageQuery } from '../common/page-query';
import { CreateQuestionDto, DrillQuestionDto, DrillResponse, DrillResultResponse, DrillsPage, ListQuestionsQuery, PracticeQueueQuery, PracticeQueueResponse, QuestionResponse, QuestionsPage, UpdateQuestionDto } from './dto/question.dto';

@ApiTags('study')
@ApiBearerAuth()
@Controller('questions')
export class QuestionsController {
  constructor(private readonly questions: QuestionBankService) {}

  @Post()
  @ApiOperation({ summary: 'Add a question met (in an interview, a mock, a book) or expected, with your answer notes; it is due for practice at once' })
  @ApiCreatedResponse({ type: QuestionResponse })
  @ApiNotFoundResponse({ description: 'No such organization or interview for this user' })
  async create(@CurrentUserId() userId: string, @Body() body: CreateQuestionDto): Promise<QuestionResponse> {
    return QuestionResponse.from(await this.questions.create(userId, body));
  }

  @Get()
  @ApiOperation({ summary: 'Your question bank, newest first' })
  @ApiOkResponse({ type: QuestionsPage })
  async list(@CurrentUserId() userId: string, @Query() query: ListQuestionsQuery): Promise<QuestionsPage> {
    const page = await this.questions.list(userId, query);
    return { ...page, items: page.items.map(QuestionResponse.from) };
  }

  @Get('due')
  @ApiOperation({ summary: "Today's practice queue: what is due before midnight in your time zone, most overdue first" })
  @ApiOkResponse({ type: PracticeQueueResponse })
  async due(@CurrentUserId() userId: string, @Query() query: PracticeQueueQuery): Promise<PracticeQueueResponse> {
    const queue = await this.questions.queue(userId, query);
    return { ...queue, dueBefore: queue.dueBefore.toISOString(), items: queue.items.map(QuestionResponse.from) };
  }

  @Get(':id')
  @ApiOkResponse({ type: QuestionResponse })
  @ApiNotFoundResponse({ description: 'No such question for this user' })
  async get(@CurrentUserId() userId: string, @Param('id', uuidParam()) id: string): Promise<QuestionResponse> {
    return QuestionResponse.from(await this.questions.get(userId, id));
  }

  @Patch(':id')
  @ApiOkResponse({ type: QuestionResponse })
  @ApiNotFoundResponse({ description: 'No such question for this user' })
  async update(@CurrentUserId() userId: string, @Param('id', uuidParam()) id: string, @Body() body: UpdateQuestionDto): Promise<QuestionResponse> {
    return QuestionResponse.from(await this.questions.update(userId, id, body));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Deleted with its drills' })
  @ApiNotFoundResponse({ description: 'No such question for this user' })
  async remove(@CurrentUserId() userId: string, @Param('id', uuidParam()) id: string): Promise<void> {
    await this.questions.remove(userId, id);
  }

  @Post(':id/drills')
  @ApiOperation({ summary: 'Record a practice of the question, rated again, hard, good or easy; FSRS schedules the next one' })
  @ApiCreatedResponse({ type: DrillResultResponse })
  @ApiNotFoundResponse({ description: 'No such question for this user' })
  async drill(@CurrentUserId() userId: string, @Param('id', uuidParam()) id: string, @Body() body: DrillQuestionDto): Promise<DrillResultResponse> {
    const { question, drill } = await this.questions.drill(userId, id, body);
    return { question: QuestionResponse.from(question), drill: DrillResponse.from(drill) };
  }

  @Get(':id/drills')
  @ApiOperation({ summary: "A question's drills, newest first" })
  @ApiOkResponse({ type: DrillsPage })
  @ApiNotFoundResponse({ description: 'No such question for this user' })
  async drills(@CurrentUserId() userId: string, @Param('id', uuidParam()) id: string, @Query() query: PageQuery): Promise<DrillsPage> {
    const page = await this.questions.drills(userId, id, query);
    return { ...page, items: page.items.map(DrillResponse.from) };
  }
}
