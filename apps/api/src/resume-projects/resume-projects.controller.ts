import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ResumeProjectsService } from '#domain/resume-projects/index';
import { CurrentUserId } from '../auth/current-user.decorator';
import { uuidParam } from '../common/uuid-param';
import { CreateResumeProjectDto, ListResumeProjectsQuery, ResumeProjectResponse, ResumeProjectsPage, UpdateResumeProjectDto } from './dto/resume-project.dto';

@ApiTags('resume-projects')
@ApiBearerAuth()
@Controller('resume-projects')
export class ResumeProjectsController {
  constructor(private readonly projects: ResumeProjectsService) {}

  @Post()
  @ApiOperation({ summary: 'Add a project from your résumé to be ready to discuss in depth, with its talking points' })
  @ApiCreatedResponse({ type: ResumeProjectResponse })
  async create(@CurrentUserId() userId: string, @Body() body: CreateResumeProjectDto): Promise<ResumeProjectResponse> {
    return ResumeProjectResponse.from(await this.projects.create(userId, body));
  }

  @Get()
  @ApiOperation({ summary: 'Your résumé projects, by position, then oldest first' })
  @ApiOkResponse({ type: ResumeProjectsPage })
  async list(@CurrentUserId() userId: string, @Query() query: ListResumeProjectsQuery): Promise<ResumeProjectsPage> {
    const page = await this.projects.list(userId, query);
    return { ...page, items: page.items.map(ResumeProjectResponse.from) };
  }

  @Get(':id')
  @ApiOkResponse({ type: ResumeProjectResponse })
  @ApiNotFoundResponse({ description: 'No such résumé project for this user' })
  async get(@CurrentUserId() userId: string, @Param('id', uuidParam()) id: string): Promise<ResumeProjectResponse> {
    return ResumeProjectResponse.from(await this.projects.get(userId, id));
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Edit; lists (tags, links, talking points, stage types) are replaced whole' })
  @ApiOkResponse({ type: ResumeProjectResponse })
  @ApiNotFoundResponse({ description: 'No such résumé project for this user' })
  async update(@CurrentUserId() userId: string, @Param('id', uuidParam()) id: string, @Body() body: UpdateResumeProjectDto): Promise<ResumeProjectResponse> {
    return ResumeProjectResponse.from(await this.projects.update(userId, id, body));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Deleted for good' })
  @ApiNotFoundResponse({ description: 'No such résumé project for this user' })
  async remove(@CurrentUserId() userId: string, @Param('id', uuidParam()) id: string): Promise<void> {
    await this.projects.remove(userId, id);
  }
}
