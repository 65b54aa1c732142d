import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { MockInterviewsService } from '#domain/study/index';
import { CurrentUserId } from '../auth/current-user.decorator';
import { uuidParam } from '../common/uuid-param';
import { CreateMockInterviewDto, ListMockInterviewsQuery, MockInterviewResponse, MockInterviewsPage, MockSuggestionsQuery, MockSuggestionsResponse, UpdateMockInterviewDto } from './dto/mock-interview.dto';

@ApiTags('study')
@ApiBearerAuth()
@Controller('mock-interviews')
export class MockInterviewsController {
  constructor(private readonly mocks: MockInterviewsService) {}

  @Post()
  @ApiOperation({ summary: "Record a mock interview with someone from your network: it goes on their timeline as an ask; new questions go into your bank" })
  @ApiCreatedResponse({ type: MockInterviewResponse })
  @ApiNotFoundResponse({ description: 'No such person, organization or question for this user' })
  async create(@CurrentUserId() userId: string, @Body() body: CreateMockInterviewDto): Promise<MockInterviewResponse> {
    return MockInterviewResponse.from(await this.mocks.create(userId, body));
  }

  @Get()
  @ApiOperation({ summary: 'Your mock interviews, newest first' })
  @ApiOkResponse({ type: MockInterviewsPage })
  async list(@CurrentUserId() userId: string, @Query() query: ListMockInterviewsQuery): Promise<MockInterviewsPage> {
    const page = await this.mocks.list(userId, query);
    return { ...page, items: page.items.map(MockInterviewResponse.from) };
  }

  @Get('suggestions')
  @ApiOperation({ summary: 'Who could run a mock: people who interviewed you at the organization, sat on your interviews of that stage type, work there, or ran such a mock before; each with the reasons' })
  @ApiOkResponse({ type: MockSuggestionsResponse })
  @ApiNotFoundResponse({ description: 'No such organization for this user' })
  async suggestions(@CurrentUserId() userId: string, @Query() query: MockSuggestionsQuery): Promise<MockSuggestionsResponse> {
    return { items: await this.mocks.suggestions(userId, query) };
  }

  @Get(':id')
  @ApiOkResponse({ type: MockInterviewResponse })
  @ApiNotFoundResponse({ description: 'No such mock interview for this user' })
  async get(@CurrentUserId() userId: string, @Param('id', uuidParam()) id: string): Promise<MockInterviewResponse> {
    return MockInterviewResponse.from(await this.mocks.get(userId, id));
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Add or change the feedback and the scores per topic' })
  @ApiOkResponse({ type: MockInterviewResponse })
  @ApiNotFoundResponse({ description: 'No such mock interview for this user' })
  async update(@CurrentUserId() userId: string, @Param('id', uuidParam()) id: string, @Body() body: UpdateMockInterviewDto): Promise<MockInterviewResponse> {
    return MockInterviewResponse.from(await this.mocks.update(userId, id, body));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: "Deleted with its interaction on the person's timeline; its questions stay in the bank" })
  @ApiNotFoundResponse({ description: 'No such mock interview for this user' })
  async remove(@CurrentUserId() userId: string, @Param('id', uuidParam()) id: string): Promise<void> {
    await this.mocks.remove(userId, id);
  }
}
