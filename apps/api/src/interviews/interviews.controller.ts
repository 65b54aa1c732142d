import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InterviewsService } from '#domain/interviews/index';
import { ReadingTasksService } from '#domain/tasks/index';
import { CurrentUserId } from '../auth/current-user.decorator';
import { uuidParam } from '../common/uuid-param';
import { CreateInterviewDto, InterviewerNotesDto, InterviewResponse, InterviewsPage, ListInterviewsQuery, MeetingResponse, UpdateInterviewDto } from './dto/interview.dto';

@ApiTags('interviews')
@ApiBearerAuth()
@Controller('interviews')
export class InterviewsController {
  constructor(
    private readonly interviews: InterviewsService,
    private readonly readingTasks: ReadingTasksService,
  ) {}

  @Post()
  @ApiOperation({ summary: "Schedule an interview for a stage of an application; the stage's prep tasks become due the day before its first interview" })
  @ApiCreatedResponse({ type: InterviewResponse })
  @ApiNotFoundResponse({ description: 'The stage or an interviewer is not yours' })
  async create(@CurrentUserId() userId: string, @Body() body: CreateInterviewDto): Promise<InterviewResponse> {
    const view = await this.interviews.create(userId, body);
    // Its interviewers' papers may be read already: the stage's reading task is then done.
    await this.readingTasks.completeReached(userId);
    return InterviewResponse.from(view);
  }

  @Get()
  @ApiOperation({ summary: 'Interviews: upcoming (next `days`, soonest first), past (most recent first) or all; by application, stage or outcome' })
  @ApiOkResponse({ type: InterviewsPage })
  async list(@CurrentUserId() userId: string, @Query() query: ListInterviewsQuery): Promise<InterviewsPage> {
    const page = await this.interviews.list(userId, query);
    return { ...page, items: page.items.map(InterviewResponse.from) };
  }

  @Get(':id')
  @ApiOkResponse({ type: InterviewResponse })
  async get(@CurrentUserId() userId: string, @Param('id', uuidParam()) id: string): Promise<InterviewResponse> {
    return InterviewResponse.from(await this.interviews.get(userId, id));
  }

  @Put(':id/interviewers/:personId/notes')
  @ApiOperation({ summary: 'Your notes on one interviewer at this interview (what they asked, how it went, what to follow up); replaces earlier notes. Later briefings and GET /people/{id}/meetings show them' })
  @ApiOkResponse({ type: InterviewResponse })
  @ApiNotFoundResponse({ description: 'The interview or the person is not yours' })
  @ApiConflictResponse({ description: 'The person is not on the interview (interview.not-an-interviewer)' })
  async putNotes(@CurrentUserId() userId: string, @Param('id', uuidParam()) id: string, @Param('personId', uuidParam('personId')) personId: string, @Body() body: InterviewerNotesDto): Promise<InterviewResponse> {
    return InterviewResponse.from(await this.interviews.putNotes(userId, id, personId, body));
  }

  @Delete(':id/interviewers/:personId/notes')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete your notes on one interviewer at this interview' })
  async removeNotes(@CurrentUserId() userId: string, @Param('id', uuidParam()) id: string, @Param('personId', uuidParam('personId')) personId: string): Promise<void> {
    await this.interviews.removeNotes(userId, id, personId);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Reschedule, change people or place (SEQUENCE goes up), record the outcome and feedback; removing an interviewer you took notes on is refused (409) until the notes are deleted' })
  @ApiOkResponse({ type: InterviewResponse })
  async update(@CurrentUserId() userId: string, @Param('id', uuidParam()) id: string, @Body() body: UpdateInterviewDto): Promise<InterviewResponse> {
    const view = await this.interviews.update(userId, id, body);
    await this.readingTasks.completeReached(userId);
    return InterviewResponse.from(view);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: "Delete with the tasks linked to it; the stage's prep tasks move to its next interview" })
  async remove(@CurrentUserId() userId: string, @Param('id', uuidParam()) id: string): Promise<void> {
    await this.interviews.remove(userId, id);
  }
}

/** A person's meetings: read from the interviews, shown on the person's side. */
@ApiTags('people')
@ApiBearerAuth()
@Controller('people')
export class PersonMeetingsController {
  constructor(private readonly interviews: InterviewsService) {}

  @Get(':id/meetings')
  @ApiOperation({ summary: 'Every interview this person was on, in any application (reroutes included), most recent first: when, the application and stage, the outcome, your notes on them' })
  @ApiOkResponse({ type: [MeetingResponse] })
  @ApiNotFoundResponse({ description: 'The person is not yours' })
  async meetings(@CurrentUserId() userId: string, @Param('id', uuidParam()) id: string): Promise<MeetingResponse[]> {
    return (await this.interviews.meetingsWith(userId, id)).map(MeetingResponse.from);
  }
}
