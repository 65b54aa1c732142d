import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApplicationDetail, ApplicationsService, PipelineStatsService } from '#domain/applications/index';
import { ReferralsService } from '#domain/referrals/index';
import { ReadingTasksService, TasksService } from '#domain/tasks/index';
import { ReopenedTasksResponse, TaskResponse } from '../tasks/dto/task.dto';
import { CurrentUserId } from '../auth/current-user.decorator';
import { uuidParam } from '../common/uuid-param';
import { ApplicationResponse, ApplicationsPage, ApplicationSummary, CreateApplicationDto, ListApplicationsQuery, MoveDto, RerouteDto, UpdateApplicationDto } from './dto/application.dto';
import { BoardQueryDto, BoardResponse } from './dto/board.dto';
import { ExportApplicationsQuery } from './dto/export.dto';
import { FunnelQueryDto, FunnelResponse } from './dto/funnel.dto';

@ApiTags('applications')
@ApiBearerAuth()
@Controller('applications')
export class ApplicationsController {
  constructor(
    private readonly applications: ApplicationsService,
    private readonly stats: PipelineStatsService,
    private readonly referrals: ReferralsService,
    private readonly tasks: TasksService,
    private readonly readingTasks: ReadingTasksService,
  ) {}

  /** The application's page, with its referrals. */
  private async detail(userId: string, detail: ApplicationDetail): Promise<ApplicationResponse> {
    return ApplicationResponse.fromDetail(detail, await this.referrals.forApplication(userId, detail.application.id));
  }

  @Post()
  @ApiOperation({ summary: 'Apply: copies the loop from a template and enters its first stage' })
  @ApiCreatedResponse({ type: ApplicationResponse })
  async create(@CurrentUserId() userId: string, @Body() body: CreateApplicationDto): Promise<ApplicationResponse> {
    return ApplicationResponse.fromDetail(await this.applications.create(userId, body));
  }

  @Get()
  @ApiOperation({ summary: 'Applications, most recently applied first' })
  @ApiOkResponse({ type: ApplicationsPage })
  async list(@CurrentUserId() userId: string, @Query() query: ListApplicationsQuery): Promise<ApplicationsPage> {
    const page = await this.applications.list(userId, query);
    return { ...page, items: page.items.map((a) => ApplicationSummary.from(a, a.currentStage)) };
  }

  // The routes below are declared before the ':id' ones so their paths are never read as an id.

  @Get('board')
  @ApiOperation({ summary: 'The kanban board in one call: active applications by current stage, then offer (and with ?closed=true the ended loops)' })
  @ApiOkResponse({ type: BoardResponse })
  async board(@CurrentUserId() userId: string, @Query() query: BoardQueryDto): Promise<BoardResponse> {
    return BoardResponse.from(await this.stats.board(userId, query));
  }

  @Get('funnel')
  @ApiOperation({ summary: 'Funnel per stage and per stage type, overall and per organization: reached, passed, failed, current, conversion, median days' })
  @ApiOkResponse({ type: FunnelResponse })
  @ApiBadRequestResponse({ description: 'from is after to, or a date is not yyyy-mm-dd' })
  async funnel(@CurrentUserId() userId: string, @Query() query: FunnelQueryDto): Promise<FunnelResponse> {
    return FunnelResponse.from(await this.stats.funnel(userId, query));
  }

  @Get('export.csv')
  @ApiOperation({ summary: 'The full stage history as CSV: one row per recorded move, with its application; by applied_on, then move time' })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'UTF-8 CSV with a BOM and a header row; cells a spreadsheet would run as formulas start with a single quote', schema: { type: 'string', example: 'application_id,organization,team,role,source,status,applied_on,closed_on,template,rerouted_from_id,move,at,from_stage,to_stage,from_status,to_status,note' } })
  async exportCsv(@CurrentUserId() userId: string, @Query() query: ExportApplicationsQuery, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const { filename, csv } = await this.stats.exportCsv(userId, query);
    void reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${filename}"`);
    return csv;
  }

  @Get(':id')
  @ApiOkResponse({ type: ApplicationResponse })
  async get(@CurrentUserId() userId: string, @Param('id', uuidParam()) id: string): Promise<ApplicationResponse> {
    return this.detail(userId, await this.applications.get(userId, id));
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Edit the details; stages and status change only through moves' })
  @ApiOkResponse({ type: ApplicationResponse })
  async update(@CurrentUserId() userId: string, @Param('id', uuidParam()) id: string, @Body() body: UpdateApplicationDto): Promise<ApplicationResponse> {
    return this.detail(userId, await this.applications.update(userId, id, body));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete with its stages, history, interviews, tasks and referrals' })
  async remove(@CurrentUserId() userId: string, @Param('id', uuidParam()) id: string): Promise<void> {
    await this.applications.remove(userId, id);
  }

  @Post(':id/moves')
  @HttpCode(200)
  @ApiOperation({ summary: 'Move through the loop; the move is recorded in the history' })
  @ApiOkResponse({ type: ApplicationResponse })
  @ApiConflictResponse({ description: 'The move is not allowed from where the application is; the body lists allowedMoves' })
  async move(@CurrentUserId() userId: string, @Param('id', uuidParam()) id: string, @Body() body: MoveDto): Promise<ApplicationResponse> {
    return this.detail(userId, await this.applications.move(userId, id, body.move, body));
  }

  @Post(':id/reroute')
  @ApiOperation({ summary: 'After a failed stage: a linked application for another team of the same organization' })
  @ApiCreatedResponse({ type: ApplicationResponse, description: 'The new application' })
  @ApiConflictResponse({ description: 'The application has not failed a stage' })
  async reroute(@CurrentUserId() userId: string, @Param('id', uuidParam()) id: string, @Body() body: RerouteDto): Promise<ApplicationResponse> {
    return this.detail(userId, await this.applications.reroute(userId, id, body));
  }

  @Post(':id/reopen-tasks')
  @HttpCode(200)
  @ApiOperation({ summary: 'Open again the prep tasks settled when the application closed or was rerouted (no move reopens a closed application)' })
  @ApiOkResponse({ type: ReopenedTasksResponse })
  async reopenTasks(@CurrentUserId() userId: string, @Param('id', uuidParam()) id: string): Promise<ReopenedTasksResponse> {
    const tasks = await this.tasks.reopenSettled(userId, id);
    const links = await this.readingTasks.links(userId, tasks);
    return { items: tasks.map((t) => TaskResponse.from(t, links.get(t.id) ?? null)) };
  }
}
