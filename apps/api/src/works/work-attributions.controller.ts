import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { WorkAttributionsService } from '#domain/works/index';
import { CurrentUserId } from '../auth/current-user.decorator';
import { uuidParam } from '../common/uuid-param';
import { DecideWorkAttributionDto, WorkAttributionDto, WorkAttributionsPage, WorkAttributionsQuery } from './dto/work-attribution.dto';

/**
 * Works that only a name query (arXiv) attributes to a person: held back from their works,
 * checklists, briefings, warm paths and the new-works feed until evidence confirms them or the
 * user accepts them. The user's decisions are theirs, per person, and survive every sync.
 */
@ApiTags('works')
@ApiBearerAuth()
@Controller('people/:id/work-attributions')
export class WorkAttributionsController {
  constructor(private readonly attributions: WorkAttributionsService) {}

  @Get()
  @ApiOperation({ summary: 'The works a name query attributes to the person, held back ones by default, each with its evidence or the reason it is held' })
  @ApiOkResponse({ type: WorkAttributionsPage })
  @ApiBadRequestResponse({ description: 'An unknown state' })
  @ApiNotFoundResponse({ description: 'No such person for this user' })
  async list(@CurrentUserId() userId: string, @Param('id', uuidParam()) id: string, @Query() query: WorkAttributionsQuery): Promise<WorkAttributionsPage> {
    const page = await this.attributions.list(userId, id, query);
    return { ...page, items: page.items.map(WorkAttributionDto.from) };
  }

  @Put(':workId')
  @ApiOperation({ summary: 'Accept a held work as the person’s, reject it as a namesake’s, or (null) leave it to the evidence again' })
  @ApiOkResponse({ type: WorkAttributionDto })
  @ApiBadRequestResponse({ description: 'decision is not accepted, rejected or null' })
  @ApiNotFoundResponse({ description: 'No such person for this user, or no name query of theirs lists that work' })
  async decide(@CurrentUserId() userId: string, @Param('id', uuidParam()) id: string, @Param('workId', uuidParam('workId')) workId: string, @Body() body: DecideWorkAttributionDto): Promise<WorkAttributionDto> {
    return WorkAttributionDto.from(await this.attributions.decide(userId, id, workId, body.decision));
  }
}
