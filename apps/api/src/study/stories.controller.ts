import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { StoriesService } from '#domain/study/index';
import { CurrentUserId } from '../auth/current-user.decorator';
import { uuidParam } from '../common/uuid-param';
import { CreateStoryDto, ListStoriesQuery, StoriesPage, StoryCoverageQuery, StoryCoverageResponse, StoryResponse, UpdateStoryDto } from './dto/story.dto';

@ApiTags('study')
@ApiBearerAuth()
@Controller('stories')
export class StoriesController {
  constructor(private readonly stories: StoriesService) {}

  @Post()
  @ApiOperation({ summary: 'A behavioural story in STAR form, tagged with the competencies it shows and linked to résumé projects' })
  @ApiCreatedResponse({ type: StoryResponse })
  @ApiNotFoundResponse({ description: 'No such résumé project for this user' })
  async create(@CurrentUserId() userId: string, @Body() body: CreateStoryDto): Promise<StoryResponse> {
    return StoryResponse.from(await this.stories.create(userId, body));
  }

  @Get()
  @ApiOperation({ summary: 'Your stories, oldest first' })
  @ApiOkResponse({ type: StoriesPage })
  async list(@CurrentUserId() userId: string, @Query() query: ListStoriesQuery): Promise<StoriesPage> {
    const page = await this.stories.list(userId, query);
    return { ...page, items: page.items.map(StoryResponse.from) };
  }

  @Get('coverage')
  @ApiOperation({ summary: 'How many stories show each competency (for a stage type: those worth telling there), and which have none yet' })
  @ApiOkResponse({ type: StoryCoverageResponse })
  coverage(@CurrentUserId() userId: string, @Query() query: StoryCoverageQuery): Promise<StoryCoverageResponse> {
    return this.stories.coverage(userId, query.stageType);
  }

  @Get(':id')
  @ApiOkResponse({ type: StoryResponse })
  @ApiNotFoundResponse({ description: 'No such story for this user' })
  async get(@CurrentUserId() userId: string, @Param('id', uuidParam()) id: string): Promise<StoryResponse> {
    return StoryResponse.from(await this.stories.get(userId, id));
  }

  @Patch(':id')
  @ApiOkResponse({ type: StoryResponse })
  @ApiNotFoundResponse({ description: 'No such story or résumé project for this user' })
  async update(@CurrentUserId() userId: string, @Param('id', uuidParam()) id: string, @Body() body: UpdateStoryDto): Promise<StoryResponse> {
    return StoryResponse.from(await this.stories.update(userId, id, body));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiNotFoundResponse({ description: 'No such story for this user' })
  async remove(@CurrentUserId() userId: string, @Param('id', uuidParam()) id: string): Promise<void> {
    await this.stories.remove(userId, id);
  }
}
