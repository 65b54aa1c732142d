import { Controller, Delete, Get, Header, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CalendarFeedNotFoundError, CalendarFeedService } from '#domain/calendar/index';
import type { ClientInfo } from '#domain/security-events/index';
import { APP_CONFIG, AppConfig } from '#platform';
import { Public } from '../auth/auth.guard';
import { Client, CurrentUserId } from '../auth/current-user.decorator';
import { ReturnsSecret } from '../common/idempotency';
import { FeedStatusResponse, IssuedFeedResponse } from './dto/calendar.dto';

@ApiTags('calendar')
@Controller('calendar')
export class CalendarController {
  constructor(
    private readonly feeds: CalendarFeedService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('feed')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Create your private calendar feed, or rotate it: the previous URL stops working' })
  @ApiCreatedResponse({ type: IssuedFeedResponse })
  @ReturnsSecret('url')
  async issue(@CurrentUserId() userId: string, @Client() client: ClientInfo): Promise<IssuedFeedResponse> {
    const { token, createdAt } = await this.feeds.issue(userId, client);
    return { url: this.feeds.url(this.config, token), createdAt: createdAt.toISOString() };
  }

  @Get('feed')
  @ApiBearerAuth()
  @ApiOkResponse({ type: FeedStatusResponse })
  async status(@CurrentUserId() userId: string): Promise<FeedStatusResponse> {
    const { active, createdAt } = await this.feeds.status(userId);
    return { active, createdAt: createdAt?.toISOString() ?? null };
  }

  @Delete('feed')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Revoke the feed: its URL answers 404 from now on' })
  async revoke(@CurrentUserId() userId: string, @Client() client: ClientInfo): Promise<void> {
    await this.feeds.revoke(userId, client);
  }

  // Calendar apps cannot send a bearer token: the secret in the URL is the credential.
  @Get(':file')
  @Public()
  @Header('content-type', 'text/calendar; charset=utf-8')
  @Header('cache-control', 'private, no-store')
  @ApiProduces('text/calendar')
  @ApiOperation({ summary: 'The iCalendar feed (/calendar/<token>.ics): interviews in their own time zone, open tasks and follow-ups as all-day events' })
  @ApiOkResponse({ description: 'text/calendar (RFC 5545)', schema: { type: 'string' } })
  @ApiNotFoundResponse({ description: 'Unknown, rotated or revoked URL' })
  async feed(@Param('file') file: string): Promise<string> {
    if (!file.endsWith('.ics')) throw new CalendarFeedNotFoundError();
    return this.feeds.render(file.slice(0, -'.ics'.length));
  }
}
