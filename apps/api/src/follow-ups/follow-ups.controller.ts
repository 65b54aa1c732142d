import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { FollowUpsService } from '#domain/interactions/index';
import { CurrentUserId } from '../auth/current-user.decorator';
import { uuidParam } from '../common/uuid-param';
import { InteractionResponse } from '../interactions/dto/interaction.dto';
import { PersonResponse } from '../people/dto/person.dto';
import { DueFollowUpsPage, DueFollowUpsQuery, FollowUpDoneDto, FollowUpDoneResponse, SetFollowUpDto, SnoozeFollowUpDto } from './dto/follow-up.dto';

@ApiTags('follow-ups')
@ApiBearerAuth()
@Controller()
export class FollowUpsController {
  constructor(private readonly followUps: FollowUpsService) {}

  @Get('follow-ups/due')
  @ApiOperation({ summary: 'People to reach out to: next follow-up on or before `by`, oldest due first' })
  @ApiOkResponse({ type: DueFollowUpsPage })
  async due(@CurrentUserId() userId: string, @Query() query: DueFollowUpsQuery): Promise<DueFollowUpsPage> {
    const page = await this.followUps.due(userId, { ...query, by: query.by === 'today' ? undefined : query.by });
    return {
      ...page,
      items: page.items.map(({ person, daysOverdue }) => ({
        person: PersonResponse.from(person),
        nextFollowUpAt: person.nextFollowUpAt!,
        reason: person.nextFollowUpReason,
        daysOverdue,
        lastInteractionAt: person.lastInteractionAt?.toISOString() ?? null,
      })),
    };
  }

  @Put('people/:id/follow-up')
  @ApiOperation({ summary: 'Set or clear the next follow-up and the keep-in-touch cadence' })
  @ApiOkResponse({ type: PersonResponse })
  async set(@CurrentUserId() userId: string, @Param('id', uuidParam()) id: string, @Body() body: SetFollowUpDto): Promise<PersonResponse> {
    return PersonResponse.from(await this.followUps.set(userId, id, body));
  }

  @Post('people/:id/follow-up/snooze')
  @HttpCode(200)
  @ApiOperation({ summary: 'Not now: moves the next follow-up to `until` (after today), keeping why it is due; the cadence stays' })
  @ApiOkResponse({ type: PersonResponse })
  @ApiConflictResponse({ description: '`follow-ups.nothing-to-snooze`: the person has no follow-up planned' })
  async snooze(@CurrentUserId() userId: string, @Param('id', uuidParam()) id: string, @Body() body: SnoozeFollowUpDto): Promise<PersonResponse> {
    return PersonResponse.from(await this.followUps.snooze(userId, id, body.until));
  }

  @Post('people/:id/follow-up/done')
  @HttpCode(200)
  @ApiOperation({ summary: 'You reached out: logs the note as an interaction (if given) and moves the next follow-up one cadence past today, or clears it' })
  @ApiOkResponse({ type: FollowUpDoneResponse })
  async done(@CurrentUserId() userId: string, @Param('id', uuidParam()) id: string, @Body() body: FollowUpDoneDto): Promise<FollowUpDoneResponse> {
    const { person, interaction } = await this.followUps.done(userId, id, { ...body, summary: body.summary ?? undefined });
    return { person: PersonResponse.from(person), interaction: interaction ? InteractionResponse.from(interaction) : null };
  }
}
