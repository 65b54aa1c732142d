import { Controller, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ExamplesService } from '#domain/examples/index';
import { CurrentUserId } from '../auth/current-user.decorator';
import { ExampleSummaryResponse } from './dto/example.dto';

@ApiTags('examples')
@ApiBearerAuth()
@Controller('examples')
export class ExamplesController {
  constructor(private readonly examples: ExamplesService) {}

  @Post('research-lab')
  @ApiOperation({
    summary: 'Load a realistic example into your account: a research lab with Core and Applied teams, 8 people, its Research Engineer loop, and 3 applications (one in the quiz stage with an interview in three days, one failed at coding and rerouted to Applied, which reached an offer), a submitted referral, interactions including asks, and tasks',
    description: 'Only into an account without applications. Everything it creates is tagged `example`.',
  })
  @ApiCreatedResponse({ type: ExampleSummaryResponse })
  @ApiConflictResponse({ description: 'The account already has applications (or the example organization): the example loads only into an empty account' })
  loadResearchLab(@CurrentUserId() userId: string): Promise<ExampleSummaryResponse> {
    return this.examples.loadResearchLab(userId);
  }
}
