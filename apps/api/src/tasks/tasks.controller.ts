import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ReadingTasksService, Task, TasksService } from '#domain/tasks/index';
import { CurrentUserId } from '../auth/current-user.decorator';
import { uuidParam } from '../common/uuid-param';
import { CreateTaskDto, DueTaskResponse, DueTasksPage, DueTasksQuery, ListTasksQuery, TaskResponse, TasksPage, UpdateTaskDto } from './dto/task.dto';

@ApiTags('tasks')
@ApiBearerAuth()
@Controller('tasks')
export class TasksController {
  constructor(
    private readonly tasks: TasksService,
    private readonly readingTasks: ReadingTasksService,
  ) {}

  /** The answers, each reading task with its checklist's coverage. */
  private async answer(userId: string, tasks: Task[]): Promise<TaskResponse[]> {
    const links = await this.readingTasks.links(userId, tasks);
    return tasks.map((t) => TaskResponse.from(t, links.get(t.id) ?? null));
  }

  @Post()
  @ApiOperation({ summary: 'Write a task, optionally about a person, an application or an interview' })
  @ApiCreatedResponse({ type: TaskResponse })
  @ApiNotFoundResponse({ description: 'A linked person, application or interview is not yours' })
  async create(@CurrentUserId() userId: string, @Body() body: CreateTaskDto): Promise<TaskResponse> {
    return (await this.answer(userId, [await this.tasks.create(userId, body)]))[0];
  }

  @Get()
  @ApiOperation({ summary: 'Tasks (open by default): soonest due first, undated last, then oldest first' })
  @ApiOkResponse({ type: TasksPage })
  async list(@CurrentUserId() userId: string, @Query() query: ListTasksQuery): Promise<TasksPage> {
    const page = await this.tasks.list(userId, query);
    return { ...page, items: await this.answer(userId, page.items) };
  }

  @Get('due')
  @ApiOperation({ summary: 'Open tasks due on or before `by` (default: today in your time zone), oldest due first' })
  @ApiOkResponse({ type: DueTasksPage })
  async due(@CurrentUserId() userId: string, @Query() query: DueTasksQuery): Promise<DueTasksPage> {
    const page = await this.tasks.due(userId, { ...query, by: query.by === 'today' ? undefined : query.by });
    const links = await this.readingTasks.links(userId, page.items.map((i) => i.task));
    return { ...page, items: page.items.map((i) => DueTaskResponse.fromDue(i, links.get(i.task.id) ?? null)) };
  }

  @Get(':id')
  @ApiOkResponse({ type: TaskResponse })
  async get(@CurrentUserId() userId: string, @Param('id', uuidParam()) id: string): Promise<TaskResponse> {
    return (await this.answer(userId, [await this.tasks.get(userId, id)]))[0];
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Edit, or mark done (done: true) and open again (done: false; also a task settled with its closed application, or a reading task done when its goal was reached)' })
  @ApiOkResponse({ type: TaskResponse })
  async update(@CurrentUserId() userId: string, @Param('id', uuidParam()) id: string, @Body() body: UpdateTaskDto): Promise<TaskResponse> {
    return (await this.answer(userId, [await this.tasks.update(userId, id, body)]))[0];
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@CurrentUserId() userId: string, @Param('id', uuidParam()) id: string): Promise<void> {
    await this.tasks.remove(userId, id);
  }
}
