import { Body, Controller, Delete, Get, HttpCode, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { StageRetrospectivesService } from '#domain/applications/index';
import { CurrentUserId } from '../auth/current-user.decorator';
import { uuidParam } from '../common/uuid-param';
import { RetrospectiveDto, RetrospectiveResponse, RetrospectivesQuery } from './dto/retrospective.dto';

@ApiTags('applications')
@ApiBearerAuth()
@Controller()
export class RetrospectivesController {
  constructor(private readonly retrospectives: StageRetrospectivesService) {}

  @Put('applications/:id/stages/:stageId/retrospective')
  @ApiOperation({ summary: 'Your retrospective on a stage that took place (what went well, what did not, what to do differently); replaces the earlier one. Briefings of later interviews of the same kind of stage, in any application, show it' })
  @ApiOkResponse({ type: RetrospectiveResponse })
  @ApiNotFoundResponse({ description: 'The application, or the stage of it, is not yours' })
  @ApiConflictResponse({ description: 'The stage has not taken place (application.stage-not-reached)' })
  async put(@CurrentUserId() userId: string, @Param('id', uuidParam()) id: string, @Param('stageId', uuidParam('stageId')) stageId: string, @Body() body: RetrospectiveDto): Promise<RetrospectiveResponse> {
    return RetrospectiveResponse.from(await this.retrospectives.put(userId, id, stageId, body));
  }

  @Get('applications/:id/stages/:stageId/retrospective')
  @ApiOkResponse({ type: RetrospectiveResponse })
  @ApiNotFoundResponse({ description: 'Not yours, or no retrospective yet' })
  async get(@CurrentUserId() userId: string, @Param('id', uuidParam()) id: string, @Param('stageId', uuidParam('stageId')) stageId: string): Promise<RetrospectiveResponse> {
    return RetrospectiveResponse.from(await this.retrospectives.get(userId, id, stageId));
  }

  @Delete('applications/:id/stages/:stageId/retrospective')
  @HttpCode(204)
  async remove(@CurrentUserId() userId: string, @Param('id', uuidParam()) id: string, @Param('stageId', uuidParam('stageId')) stageId: string): Promise<void> {
    await this.retrospectives.remove(userId, id, stageId);
  }

  @Get('retrospectives')
  @ApiOperation({ summary: 'Your retrospectives over every application, the most recent stage first; by kind of stage' })
  @ApiOkResponse({ type: [RetrospectiveResponse] })
  async list(@CurrentUserId() userId: string, @Query() query: RetrospectivesQuery): Promise<RetrospectiveResponse[]> {
    return (await this.retrospectives.list(userId, query)).map(RetrospectiveResponse.from);
  }
}
