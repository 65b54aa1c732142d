import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { StudyService } from '#domain/study/index';
import { CurrentUserId } from '../auth/current-user.decorator';
import { PageQuery } from '../common/page-query';
import { uuidParam } from '../common/uuid-param';
import {
  CreateStudyResourceDto,
  ListStudyResourcesQuery,
  LogStudySessionDto,
  StudyResourceResponse,
  StudyResourcesPage,
  StudySessionResponse,
  StudySessionsPage,
  UpdateStudyResourceDto,
} from './dto/study-resource.dto';

@ApiTags('study')
@ApiBearerAuth()
@Controller('study-resources')
export class StudyResourcesController {
  constructor(private readonly study: StudyService) {}

  @Post()
  @ApiOperation({ summary: 'Add a book (with its chapters), a chapter range, a problem set, a paper, a video, a course or a link to study from' })
  @ApiCreatedResponse({ type: StudyResourceResponse })
  async create(@CurrentUserId() userId: string, @Body() body: CreateStudyResourceDto): Promise<StudyResourceResponse> {
    return StudyResourceResponse.from(await this.study.create(userId, body));
  }

  @Get()
  @ApiOperation({ summary: 'Your study resources with their progress, oldest first' })
  @ApiOkResponse({ type: StudyResourcesPage })
  async list(@CurrentUserId() userId: string, @Query() query: ListStudyResourcesQuery): Promise<StudyResourcesPage> {
    const page = await this.study.list(userId, query);
    return { ...page, items: page.items.map(StudyResourceResponse.from) };
  }

  @Get(':id')
  @ApiOkResponse({ type: StudyResourceResponse })
  @ApiNotFoundResponse({ description: 'No such study resource for this user' })
  async get(@CurrentUserId() userId: string, @Param('id', uuidParam()) id: string): Promise<StudyResourceResponse> {
    return StudyResourceResponse.from(await this.study.get(userId, id));
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Edit; lists (parts, topics, stage types) are replaced whole' })
  @ApiOkResponse({ type: StudyResourceResponse })
  @ApiNotFoundResponse({ description: 'No such study resource for this user' })
  async update(@CurrentUserId() userId: string, @Param('id', uuidParam()) id: string, @Body() body: UpdateStudyResourceDto): Promise<StudyResourceResponse> {
    return StudyResourceResponse.from(await this.study.update(userId, id, body));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Deleted with its sessions; plans that used it lose it' })
  @ApiNotFoundResponse({ description: 'No such study resource for this user' })
  async remove(@CurrentUserId() userId: string, @Param('id', uuidParam()) id: string): Promise<void> {
    await this.study.remove(userId, id);
  }

  @Post(':id/sessions')
  @ApiOperation({ summary: 'Log a study session: when, how much in its unit, how long, notes' })
  @ApiCreatedResponse({ type: StudySessionResponse })
  @ApiNotFoundResponse({ description: 'No such study resource for this user' })
  async logSession(@CurrentUserId() userId: string, @Param('id', uuidParam()) id: string, @Body() body: LogStudySessionDto): Promise<StudySessionResponse> {
    return StudySessionResponse.from(await this.study.logSession(userId, id, body));
  }

  @Get(':id/sessions')
  @ApiOperation({ summary: "A resource's session log, newest first" })
  @ApiOkResponse({ type: StudySessionsPage })
  @ApiNotFoundResponse({ description: 'No such study resource for this user' })
  async sessions(@CurrentUserId() userId: string, @Param('id', uuidParam()) id: string, @Query() query: PageQuery): Promise<StudySessionsPage> {
    const page = await this.study.sessions(userId, id, query);
    return { ...page, items: page.items.map(StudySessionResponse.from) };
  }

  @Delete(':id/sessions/:studySessionId')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Removed from the log' })
  @ApiNotFoundResponse({ description: 'No such session of this resource for this user' })
  async removeSession(@CurrentUserId() userId: string, @Param('id', uuidParam()) id: string, @Param('studySessionId', uuidParam('studySessionId')) sessionId: string): Promise<void> {
    await this.study.removeSession(userId, id, sessionId);
  }
}
