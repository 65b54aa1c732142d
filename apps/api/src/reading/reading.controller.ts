import { Body, Controller, Get, Header, Param, Put, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ReadingService } from '#domain/reading/index';
import { ReadingTasksService } from '#domain/tasks/index';
import { CurrentUserId } from '../auth/current-user.decorator';
import { uuidParam } from '../common/uuid-param';
import {
  checklistBody,
  ChecklistQuery,
  ChecklistSettingsDto,
  ChecklistSettingsResponse,
  InterviewChecklistResponse,
  PersonChecklistResponse,
  ReadingDto,
  ReadingGoalDto,
  ReadingGoalResponse,
  WorkReadingResponse,
} from './dto/reading.dto';

const BIBTEX = 'application/x-bibtex; charset=utf-8';

/**
 * Reading checklists: an interviewer's works ranked with the reasons shown, an interview's (the
 * union over its interviewers), their settings, BibTeX exports, and the user's reading of each work.
 */
@ApiTags('reading')
@ApiBearerAuth()
@Controller()
export class ReadingController {
  constructor(
    private readonly reading: ReadingService,
    private readonly readingTasks: ReadingTasksService,
  ) {}

  @Get('reading/goal')
  @ApiOperation({ summary: "Your reading goal: the percent of an interview's checklist read that completes its reading prep task" })
  @ApiOkResponse({ type: ReadingGoalResponse })
  async getGoal(@CurrentUserId() userId: string): Promise<ReadingGoalResponse> {
    return ReadingGoalResponse.from(await this.reading.getGoal(userId));
  }

  @Put('reading/goal')
  @ApiOperation({ summary: 'Sets your reading goal; reading prep tasks whose checklist already reaches it are marked done' })
  @ApiOkResponse({ type: ReadingGoalResponse })
  @ApiBadRequestResponse({ description: 'coverageTarget is not a whole number from 1 to 100' })
  async putGoal(@CurrentUserId() userId: string, @Body() body: ReadingGoalDto): Promise<ReadingGoalResponse> {
    const goal = await this.reading.putGoal(userId, body);
    await this.readingTasks.completeReached(userId);
    return ReadingGoalResponse.from(goal);
  }

  @Get('people/:id/reading-checklist')
  @ApiOperation({ summary: "The person's works ranked for reading (top `size`, default 10), each with its score, the reasons behind it and your status and notes" })
  @ApiOkResponse({ type: PersonChecklistResponse })
  @ApiNotFoundResponse({ description: 'No such person, or no such application, for this user' })
  async person(@CurrentUserId() userId: string, @Param('id', uuidParam()) id: string, @Query() query: ChecklistQuery): Promise<PersonChecklistResponse> {
    const c = await this.reading.personChecklist(userId, id, query.applicationId);
    return { person: c.person, ...checklistBody(c) };
  }

  @Get('people/:id/reading-checklist.bib')
  @Header('content-type', BIBTEX)
  @ApiProduces('application/x-bibtex')
  @ApiOperation({ summary: "The person's reading checklist as BibTeX, in checklist order" })
  @ApiOkResponse({ description: 'application/x-bibtex', schema: { type: 'string' } })
  @ApiNotFoundResponse({ description: 'No such person, or no such application, for this user' })
  async personBibtex(@CurrentUserId() userId: string, @Param('id', uuidParam()) id: string, @Query() query: ChecklistQuery): Promise<string> {
    return this.reading.personChecklistBibtex(userId, id, query.applicationId);
  }

  @Put('people/:id/reading-checklist/settings')
  @ApiOperation({ summary: "Sets the person's checklist size and weights (what is left out returns to its default)" })
  @ApiOkResponse({ type: ChecklistSettingsResponse })
  @ApiBadRequestResponse({ description: 'size outside 1–100, a negative weight, or every weight 0' })
  @ApiNotFoundResponse({ description: 'No such person for this user' })
  async putPersonSettings(@CurrentUserId() userId: string, @Param('id', uuidParam()) id: string, @Body() body: ChecklistSettingsDto): Promise<ChecklistSettingsResponse> {
    return ChecklistSettingsResponse.from(await this.reading.putPersonSettings(userId, id, body));
  }

  @Get('interviews/:id/reading-checklist')
  @ApiOperation({ summary: "The union of the interviewers' checklists: a work two of them wrote appears once, naming both; relevance is measured against the interview's application" })
  @ApiOkResponse({ type: InterviewChecklistResponse })
  @ApiNotFoundResponse({ description: 'No such interview for this user' })
  async interview(@CurrentUserId() userId: string, @Param('id', uuidParam()) id: string): Promise<InterviewChecklistResponse> {
    const c = await this.reading.interviewChecklist(userId, id);
    return { interview: c.interview, interviewers: c.interviewers, ...checklistBody(c) };
  }

  @Get('interviews/:id/reading-checklist.bib')
  @Header('content-type', BIBTEX)
  @ApiProduces('application/x-bibtex')
  @ApiOperation({ summary: "The interview's reading checklist as BibTeX, in checklist order" })
  @ApiOkResponse({ description: 'application/x-bibtex', schema: { type: 'string' } })
  @ApiNotFoundResponse({ description: 'No such interview for this user' })
  async interviewBibtex(@CurrentUserId() userId: string, @Param('id', uuidParam()) id: string): Promise<string> {
    return this.reading.interviewChecklistBibtex(userId, id);
  }

  @Put('interviews/:id/reading-checklist/settings')
  @ApiOperation({ summary: "Sets the interview's checklist size (per interviewer) and weights (what is left out returns to its default)" })
  @ApiOkResponse({ type: ChecklistSettingsResponse })
  @ApiBadRequestResponse({ description: 'size outside 1–100, a negative weight, or every weight 0' })
  @ApiNotFoundResponse({ description: 'No such interview for this user' })
  async putInterviewSettings(@CurrentUserId() userId: string, @Param('id', uuidParam()) id: string, @Body() body: ChecklistSettingsDto): Promise<ChecklistSettingsResponse> {
    const settings = await this.reading.putInterviewSettings(userId, id, body);
    // A smaller checklist may already be read far enough.
    await this.readingTasks.completeReached(userId);
    return ChecklistSettingsResponse.from(settings);
  }

  @Get('works/:id/reading')
  @ApiOperation({ summary: 'Your reading of a shared work: status, notes, summary, questions for the author (private to you)' })
  @ApiOkResponse({ type: WorkReadingResponse })
  @ApiNotFoundResponse({ description: 'No such work' })
  async getReading(@CurrentUserId() userId: string, @Param('id', uuidParam()) id: string): Promise<WorkReadingResponse> {
    const r = await this.reading.getReading(userId, id);
    return { workId: r.workId, ...WorkReadingResponse.from(r) };
  }

  @Put('works/:id/reading')
  @ApiOperation({ summary: "Sets your status, notes, summary or questions for a shared work; fields left out keep their value, null clears a text. Reading prep tasks whose interview's checklist now reaches your reading goal are marked done" })
  @ApiOkResponse({ type: WorkReadingResponse })
  @ApiBadRequestResponse({ description: 'An unknown status or a field of the wrong type' })
  @ApiNotFoundResponse({ description: 'No such work' })
  async putReading(@CurrentUserId() userId: string, @Param('id', uuidParam()) id: string, @Body() body: ReadingDto): Promise<WorkReadingResponse> {
    const r = await this.reading.putReading(userId, id, body);
    // A paper read may complete the prep task of reading its authors' papers.
    await this.readingTasks.completeReached(userId);
    return { workId: r.workId, ...WorkReadingResponse.from(r) };
  }
}
