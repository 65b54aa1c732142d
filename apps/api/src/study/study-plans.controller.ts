import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { StudyPlansService } from '#domain/study/index';
import { CurrentUserId } from '../auth/current-user.decorator';
import { PageQuery } from '../common/page-query';
import { uuidParam } from '../common/uuid-param';
import {
  AddStudyPlanItemDto,
  CreateStarterStudyPlanDto,
  CreateStudyPlanDto,
  ListStudyPlansQuery,
  StarterPlansPage,
  StudyPlanQuery,
  StudyPlanResponse,
  StudyPlansPage,
  StudyPlanSummaryResponse,
  UpdateStudyPlanDto,
  UpdateStudyPlanItemDto,
} from './dto/study-plan.dto';

@ApiTags('study')
@ApiBearerAuth()
@Controller()
export class StudyPlansController {
  constructor(private readonly plans: StudyPlansService) {}

  @Get('study-starter-plans')
  @ApiOperation({ summary: 'The starter plans Dossier ships, per stage type, with their resources' })
  @ApiOkResponse({ type: StarterPlansPage })
  starterPlans(@Query() query: PageQuery): StarterPlansPage {
    const all = this.plans.starterPlans();
    const limit = query.limit ?? 50;
    const offset = query.offset ?? 0;
    return { items: all.slice(offset, offset + limit), total: all.length, limit, offset };
  }

  @Post('study-plans')
  @ApiOperation({ summary: 'A study plan for an application: the resources picked per stage, your hours a week and pace' })
  @ApiCreatedResponse({ type: StudyPlanResponse })
  @ApiNotFoundResponse({ description: 'No such application or study resource for this user' })
  @ApiConflictResponse({ description: 'The application already has a plan (its id is in planId)' })
  async create(@CurrentUserId() userId: string, @Body() body: CreateStudyPlanDto, @Query() query: StudyPlanQuery): Promise<StudyPlanResponse> {
    return StudyPlanResponse.from(await this.plans.create(userId, body, query.days));
  }

  @Post('study-plans/from-starter')
  @ApiOperation({ summary: "A study plan from the starter plans: each stage gets its type's starter resources, copied into your account (copies made before are reused)" })
  @ApiCreatedResponse({ type: StudyPlanResponse })
  @ApiNotFoundResponse({ description: 'No such application for this user' })
  @ApiConflictResponse({ description: 'The application already has a plan (its id is in planId)' })
  async createFromStarter(@CurrentUserId() userId: string, @Body() body: CreateStarterStudyPlanDto, @Query() query: StudyPlanQuery): Promise<StudyPlanResponse> {
    return StudyPlanResponse.from(await this.plans.createFromStarter(userId, body, query.days));
  }

  @Get('study-plans')
  @ApiOperation({ summary: 'Your study plans, oldest first' })
  @ApiOkResponse({ type: StudyPlansPage })
  async list(@CurrentUserId() userId: string, @Query() query: ListStudyPlansQuery): Promise<StudyPlansPage> {
    const page = await this.plans.list(userId, query);
    return { ...page, items: page.items.map(StudyPlanSummaryResponse.from) };
  }

  @Get('study-plans/:id')
  @ApiOperation({ summary: 'A plan with its schedule from the current interview dates: day by day, on track or behind, what to drop or skim' })
  @ApiOkResponse({ type: StudyPlanResponse })
  @ApiNotFoundResponse({ description: 'No such study plan for this user' })
  async get(@CurrentUserId() userId: string, @Param('id', uuidParam()) id: string, @Query() query: StudyPlanQuery): Promise<StudyPlanResponse> {
    return StudyPlanResponse.from(await this.plans.get(userId, id, query.days));
  }

  @Patch('study-plans/:id')
  @ApiOperation({ summary: 'Change the hours a week or the stated pace' })
  @ApiOkResponse({ type: StudyPlanResponse })
  @ApiNotFoundResponse({ description: 'No such study plan for this user' })
  async update(@CurrentUserId() userId: string, @Param('id', uuidParam()) id: string, @Body() body: UpdateStudyPlanDto, @Query() query: StudyPlanQuery): Promise<StudyPlanResponse> {
    return StudyPlanResponse.from(await this.plans.update(userId, id, body, query.days));
  }

  @Delete('study-plans/:id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Deleted; the resources and their logs stay' })
  @ApiNotFoundResponse({ description: 'No such study plan for this user' })
  async remove(@CurrentUserId() userId: string, @Param('id', uuidParam()) id: string): Promise<void> {
    await this.plans.remove(userId, id);
  }

  @Post('study-plans/:id/items')
  @ApiOperation({ summary: 'Pick a resource for a stage' })
  @ApiCreatedResponse({ type: StudyPlanResponse })
  @ApiNotFoundResponse({ description: 'No such study plan or resource for this user' })
  @ApiConflictResponse({ description: 'The resource is already in the plan (its item id is in itemId)' })
  async addItem(@CurrentUserId() userId: string, @Param('id', uuidParam()) id: string, @Body() body: AddStudyPlanItemDto): Promise<StudyPlanResponse> {
    return StudyPlanResponse.from(await this.plans.addItem(userId, id, body));
  }

  @Patch('study-plans/:id/items/:planItemId')
  @ApiOperation({ summary: 'Move a resource to another stage, or reorder it' })
  @ApiOkResponse({ type: StudyPlanResponse })
  @ApiNotFoundResponse({ description: 'No such study plan or item for this user' })
  async updateItem(@CurrentUserId() userId: string, @Param('id', uuidParam()) id: string, @Param('planItemId', uuidParam('planItemId')) itemId: string, @Body() body: UpdateStudyPlanItemDto): Promise<StudyPlanResponse> {
    return StudyPlanResponse.from(await this.plans.updateItem(userId, id, itemId, body));
  }

  @Delete('study-plans/:id/items/:planItemId')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Removed from the plan; the resource stays' })
  @ApiNotFoundResponse({ description: 'No such study plan or item for this user' })
  async removeItem(@CurrentUserId() userId: string, @Param('id', uuidParam()) id: string, @Param('planItemId', uuidParam('planItemId')) itemId: string): Promise<void> {
    await this.plans.removeItem(userId, id, itemId);
  }
}
