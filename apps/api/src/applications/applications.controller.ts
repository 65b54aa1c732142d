import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApplicationsService } from '#domain/applications/index';
import { CurrentUserId } from '../auth/current-user.decorator';
import { uuidParam } from '../common/uuid-param';
import { ApplicationResponse, ApplicationsPage, ApplicationSummary, CreateApplicationDto, ListApplicationsQuery, MoveDto, RerouteDto, UpdateApplicationDto } from './dto/application.dto';

@ApiTags('applications')
@ApiBearerAuth()
@Controller('applications')
export class ApplicationsController {
  constructor(private readonly applications: ApplicationsService) {}

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

  @Get(':id')
  @ApiOkResponse({ type: ApplicationResponse })
  async get(@CurrentUserId() userId: string, @Param('id', uuidParam()) id: string): Promise<ApplicationResponse> {
    return ApplicationResponse.fromDetail(await this.applications.get(userId, id));
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Edit the details; stages and status change only through moves' })
  @ApiOkResponse({ type: ApplicationResponse })
  async update(@CurrentUserId() userId: string, @Param('id', uuidParam()) id: string, @Body() body: UpdateApplicationDto): Promise<ApplicationResponse> {
    return ApplicationResponse.fromDetail(await this.applications.update(userId, id, body));
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
    return ApplicationResponse.fromDetail(await this.applications.move(userId, id, body.move, body));
  }

  @Post(':id/reroute')
  @ApiOperation({ summary: 'After a failed stage: a linked application for another team of the same organization' })
  @ApiCreatedResponse({ type: ApplicationResponse, description: 'The new application' })
  @ApiConflictResponse({ description: 'The application has not failed a stage' })
  async reroute(@CurrentUserId() userId: string, @Param('id', uuidParam()) id: string, @Body() body: RerouteDto): Promise<ApplicationResponse> {
    return ApplicationResponse.fromDetail(await this.applications.reroute(userId, id, body));
  }
}
