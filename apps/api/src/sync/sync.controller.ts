import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SyncProblemsService, SyncSchedules, SyncService } from '#domain/sync/index';
import { CurrentUserId } from '../auth/current-user.decorator';
import { PageQuery } from '../common/page-query';
import { uuidParam } from '../common/uuid-param';
import { SetSyncScheduleDto, SyncProblemDto, SyncProblemsPage, SyncRunResponse, SyncRunsPage, SyncScheduleResponse, SyncStartedResponse } from './dto/sync.dto';

@ApiTags('publication sync')
@ApiBearerAuth()
@Controller()
export class SyncController {
  constructor(
    private readonly sync: SyncService,
    private readonly schedules: SyncSchedules,
    private readonly syncProblems: SyncProblemsService,
  ) {}

  @Post('people/:id/sync')
  @HttpCode(202)
  @ApiOperation({ summary: "Sync the person's publications now from every linked scholarly identity (in the background; follow the runs)" })
  @ApiAcceptedResponse({ type: SyncStartedResponse })
  @ApiNotFoundResponse({ description: 'No such person of yours' })
  async start(@CurrentUserId() userId: string, @Param('id', uuidParam()) id: string): Promise<SyncStartedResponse> {
    return this.sync.trigger(userId, id, 'manual');
  }

  @Get('people/:id/sync-runs')
  @ApiOperation({ summary: "The person's sync runs, newest first: one per identity per sync" })
  @ApiOkResponse({ type: SyncRunsPage })
  async runs(@CurrentUserId() userId: string, @Param('id', uuidParam()) id: string, @Query() query: PageQuery): Promise<SyncRunsPage> {
    const page = await this.sync.listRuns(userId, id, query);
    return { ...page, items: page.items.map(SyncRunResponse.from) };
  }

  @Get('sync-problems')
  @ApiOperation({ summary: "What is wrong with your publication sync: each linked identity that is broken, or whose latest run failed or is retrying at a busy source; most recent first" })
  @ApiOkResponse({ type: SyncProblemsPage })
  async problems(@CurrentUserId() userId: string, @Query() query: PageQuery): Promise<SyncProblemsPage> {
    const page = await this.syncProblems.list(userId, query);
    return { ...page, items: page.items.map(SyncProblemDto.from) };
  }

  @Get('sync-runs/:id')
  @ApiOperation({ summary: 'One sync run: its status, requests, works new/updated/unchanged and errors' })
  @ApiOkResponse({ type: SyncRunResponse })
  async run(@CurrentUserId() userId: string, @Param('id', uuidParam()) id: string): Promise<SyncRunResponse> {
    return SyncRunResponse.from(await this.sync.getRun(userId, id));
  }

  @Get('people/:id/sync-schedule')
  @ApiOperation({ summary: 'How often the person is synced on schedule' })
  @ApiOkResponse({ type: SyncScheduleResponse })
  async schedule(@CurrentUserId() userId: string, @Param('id', uuidParam()) id: string): Promise<SyncScheduleResponse> {
    return SyncScheduleResponse.from(await this.schedules.get(userId, id));
  }

  @Put('people/:id/sync-schedule')
  @ApiOperation({ summary: 'Give the person their own sync cadence (everyHours), or null to follow the default; the first scheduled sync is one period from now' })
  @ApiOkResponse({ type: SyncScheduleResponse })
  async setSchedule(@CurrentUserId() userId: string, @Param('id', uuidParam()) id: string, @Body() body: SetSyncScheduleDto): Promise<SyncScheduleResponse> {
    return SyncScheduleResponse.from(await this.schedules.set(userId, id, body.everyHours));
  }
}
