import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DEFAULT_UPCOMING_DAYS } from '#domain/interviews/index';
import { ReadinessService } from '#domain/readiness/index';
import { CurrentUserId } from '../auth/current-user.decorator';
import { uuidParam } from '../common/uuid-param';
import { ReadinessResponse, UpcomingReadinessQuery, UpcomingReadinessResponse } from './dto/readiness.dto';

@ApiTags('readiness')
@ApiBearerAuth()
@Controller()
export class ReadinessController {
  constructor(private readonly readiness: ReadinessService) {}

  @Get('interviews/:id/readiness')
  @ApiOperation({
    summary:
      "How ready you are for the interview: one figure (0–100) and its parts (interviewers' papers read, prep tasks done, the stage's study plan on track, questions practised, mocks, stories), each with what it counts, its weight and a next step; parts that do not apply are listed with why, and the others' weights scaled to make 100",
  })
  @ApiOkResponse({ type: ReadinessResponse })
  @ApiNotFoundResponse({ description: 'No such interview for this user' })
  async get(@CurrentUserId() userId: string, @Param('id', uuidParam()) id: string): Promise<ReadinessResponse> {
    return ReadinessResponse.from(await this.readiness.forInterview(userId, id));
  }

  @Get('readiness/upcoming')
  @ApiOperation({ summary: "Readiness of each upcoming interview (not over, starting within `days`, not cancelled), soonest first: Today's view" })
  @ApiOkResponse({ type: UpcomingReadinessResponse })
  async upcoming(@CurrentUserId() userId: string, @Query() query: UpcomingReadinessQuery): Promise<UpcomingReadinessResponse> {
    const days = query.days ?? DEFAULT_UPCOMING_DAYS;
    return { items: (await this.readiness.upcoming(userId, days)).map(ReadinessResponse.from), days };
  }
}
