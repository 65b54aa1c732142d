import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { NewWorksService } from '#domain/works/index';
import { CurrentUserId } from '../auth/current-user.decorator';
import { MarkNewWorksSeenDto, NewWorksPageDto, NewWorksQuery, NewWorksSeenResponse } from './dto/new-works.dto';

/** What your interviewers (or all your people) published since you last looked: Today's "new works". */
@ApiTags('works')
@ApiBearerAuth()
@Controller('new-works')
export class NewWorksController {
  constructor(private readonly newWorks: NewWorksService) {}

  @Get()
  @ApiOperation({ summary: 'Works of your people that arrived since you last marked them seen (since your account was created until then), newest first' })
  @ApiOkResponse({ type: NewWorksPageDto })
  async list(@CurrentUserId() userId: string, @Query() query: NewWorksQuery): Promise<NewWorksPageDto> {
    return NewWorksPageDto.from(await this.newWorks.list(userId, query));
  }

  @Post('seen')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark the new works seen up to `until` (default now): the list starts after it from now on' })
  @ApiOkResponse({ type: NewWorksSeenResponse })
  async markSeen(@CurrentUserId() userId: string, @Body() body: MarkNewWorksSeenDto): Promise<NewWorksSeenResponse> {
    const at = await this.newWorks.markSeen(userId, body.until ? new Date(body.until) : undefined);
    return { worksSeenAt: at.toISOString() };
  }
}
