import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { TasksService } from '#domain/tasks/index';
import { CurrentUserId } from '../auth/current-user.decorator';
import { uuidParam } from '../common/uuid-param';
import { CreateTaskDto, DueTaskResponse, DueTasksPage, DueTasksQuery, ListTasksQuery, TaskResponse, TasksPage, UpdateTaskDto } from './dto/task.dto';

@ApiTags('tasks')
@ApiBearerAuth()
@Controller('tasks')
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  @Post()
  @ApiOperation({ summary: 'Write a task, optionally about a person, an application or an interview' })
  @ApiCreatedResponse({ type: TaskResponse })
  @ApiNotFoundResponse({ description: 'A linked person, application or interview is not yours' })
  async create(@CurrentUserId() userId: string, @Body() body: CreateTaskDto): Promise<TaskResponse> {
    return TaskResponse.from(await this.tasks.create(userId, body));
  }

  @Get()
  @ApiOperation({ summary: 'Tasks (open by default): soonest due first, undated last, then oldest first' })
  @ApiOkResponse({ type: TasksPage })
  async list(@CurrentUserId() userId: string, @Query() query: ListTasksQuery): Promise<TasksPage> {
    const page = await this.tasks.list(userId, query);
    return { ...page, items: page.items.map(TaskResponse.from) };
  }

  @Get('due')
  @ApiOperation({ summary: 'Open tasks due on or before `by` (default: today in your time zone), oldest due first' })
  @ApiOkResponse({ type: DueTasksPage })
  async due(@CurrentUserId() userId: string, @Query() query: DueTasksQuery): Promise<DueTasksPage> {
    const page = await this.tasks.due(userId, { ...query, by: query.by === 'today' ? undefined : query.by });
    return { ...page, items: page.items.map(DueTaskResponse.fromDue) };
  }

  @Get(':id')
  @ApiOkResponse({ type: TaskResponse })
  async get(@CurrentUserId() userId: string, @Param('id', uuidParam()) id: string): Promise<TaskResponse> {
    return TaskResponse.from(await this.tasks.get(userId, id));
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Edit, or mark done (done: true) and open again (done: false)' })
  @ApiOkResponse({ type: TaskResponse })
  async update(@CurrentUserId() userId: string, @Param('id', uuidParam()) id: string, @Body() body: UpdateTaskDto): Promise<TaskResponse> {
    return TaskResponse.from(await this.tasks.update(userId, id, body));
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@CurrentUserId() userId: string, @Param('id', uuidParam()) id: string): Promise<void> {
    await this.tasks.remove(userId, id);
  }
}
