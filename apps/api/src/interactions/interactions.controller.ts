import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InteractionsService } from '#domain/interactions/index';
import { CurrentUserId } from '../auth/current-user.decorator';
import { uuidParam } from '../common/uuid-param';
import { CreateInteractionDto, InteractionResponse, InteractionsPage, ListInteractionsQuery, UpdateInteractionDto } from './dto/interaction.dto';

@ApiTags('interactions')
@ApiBearerAuth()
@Controller()
export class InteractionsController {
  constructor(private readonly interactions: InteractionsService) {}

  @Get('people/:personId/interactions')
  @ApiOperation({ summary: "A person's timeline, newest first" })
  @ApiOkResponse({ type: InteractionsPage })
  async list(@CurrentUserId() userId: string, @Param('personId', uuidParam('personId')) personId: string, @Query() query: ListInteractionsQuery): Promise<InteractionsPage> {
    const page = await this.interactions.list(userId, personId, query);
    return { ...page, items: page.items.map(InteractionResponse.from) };
  }

  @Post('people/:personId/interactions')
  @ApiOperation({ summary: "Log a touch-point; updates the person's last interaction and, with a cadence, their next follow-up" })
  @ApiCreatedResponse({ type: InteractionResponse })
  async create(@CurrentUserId() userId: string, @Param('personId', uuidParam('personId')) personId: string, @Body() body: CreateInteractionDto): Promise<InteractionResponse> {
    return InteractionResponse.from(await this.interactions.create(userId, personId, body));
  }

  @Get('interactions/:id')
  @ApiOkResponse({ type: InteractionResponse })
  async get(@CurrentUserId() userId: string, @Param('id', uuidParam()) id: string): Promise<InteractionResponse> {
    return InteractionResponse.from(await this.interactions.get(userId, id));
  }

  @Patch('interactions/:id')
  @ApiOkResponse({ type: InteractionResponse })
  async update(@CurrentUserId() userId: string, @Param('id', uuidParam()) id: string, @Body() body: UpdateInteractionDto): Promise<InteractionResponse> {
    return InteractionResponse.from(await this.interactions.update(userId, id, body));
  }

  @Delete('interactions/:id')
  @HttpCode(204)
  async remove(@CurrentUserId() userId: string, @Param('id', uuidParam()) id: string): Promise<void> {
    await this.interactions.remove(userId, id);
  }
}
