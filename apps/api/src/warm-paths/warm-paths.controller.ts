import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { WarmPathsService } from '#domain/warm-paths/index';
import { CurrentUserId } from '../auth/current-user.decorator';
import { uuidParam } from '../common/uuid-param';
import { WarmPathsQueryDto, WarmPathsResponse } from './dto/warm-paths.dto';

/**
 * Warm paths are a sub-resource of the person rather than part of GET /people/{id}: that route is
 * benchmarked and stays one cheap round trip, while this one reads the works cache.
 */
@ApiTags('people')
@ApiBearerAuth()
@Controller('people')
export class WarmPathsController {
  constructor(private readonly warmPaths: WarmPathsService) {}

  @Get(':id/warm-paths')
  @ApiOperation({ summary: 'Who in your network can introduce you: contacts who co-wrote with this person, and contacts one co-author away (naming the co-author)' })
  @ApiOkResponse({ type: WarmPathsResponse })
  @ApiNotFoundResponse({ description: 'No such person for this user' })
  async get(@CurrentUserId() userId: string, @Param('id', uuidParam()) id: string, @Query() query: WarmPathsQueryDto): Promise<WarmPathsResponse> {
    return this.warmPaths.forPerson(userId, id, query);
  }
}
