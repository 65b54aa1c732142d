import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBadRequestResponse, ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SyncProblemsService, SyncSchedulesService, SyncService } from '#domain/sync/index';
import { CurrentUserId } from '../auth/current-user.decorator';
import { PageQuery } from '../common/page-query';
import { uuidParam } from '../common/uuid-param';
import { AccountSyncScheduleResponse, SetAccountSyncScheduleDto, SetSyncScheduleDto, SyncProblemDto, SyncProblemsPage, SyncRunResponse, SyncRunsPage, SyncScheduleResponse, SyncStartedResponse } from './dto/sync.dto';

@ApiTags('publication sync')
@ApiBearerAuth()
@Controller()
export class SyncController {
  constructor(
    private readonly sync: SyncService,
    private readonly schedules: SyncSchedulesService,
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

  @Get('me/sync-schedule')
  @ApiOperation({ summary: "Your default sync cadence, for your people without one of their own: what is in force and where it comes from (your account, or the server's default)" })
  @ApiOkResponse({ type: AccountSyncScheduleResponse })
  async accountSchedule(@CurrentUserId() userId: string): Promise<AccountSyncScheduleResponse> {
    return AccountSyncScheduleResponse.from(await this.schedules.getAccount(userId));
  }

  @Put('me/sync-schedule')
  @ApiOperation({
    summary:
      "Set your default sync cadence for your people without one of their own: every N hours (the first scheduled sync one period from now), paused, or back to the server's default. A person's own cadence still wins",
  })
  @ApiOkResponse({ type: AccountSyncScheduleResponse })
  @ApiBadRequestResponse({ description: 'mode is not every, paused or server; everyHours missing or outside 1–8760 with every, or given with another mode' })
  async setAccountSchedule(@CurrentUserId() userId: string, @Body() body: SetAccountSyncScheduleDto): Promise<AccountSyncScheduleResponse> {
    return AccountSyncScheduleResponse.from(await this.schedules.setAccount(userId, body.toSetting()));
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
