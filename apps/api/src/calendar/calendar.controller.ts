import { Controller, Delete, Get, Header, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { CalendarFeedNotFoundError, CalendarFeedService } from '#domain/calendar/index';
import type { ClientInfo } from '#domain/security-events/index';
import { Public } from '../auth/auth.guard';
import { Client, CurrentUserId } from '../auth/current-user.decorator';
import { FeedStatusResponse, IssuedFeedResponse } from './dto/calendar.dto';

@ApiTags('calendar')
@Controller('calendar')
export class CalendarController {
  constructor(private readonly feeds: CalendarFeedService) {}

  @Post('feed')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Create your private calendar feed, or rotate it: the previous URL stops working' })
  @ApiCreatedResponse({ type: IssuedFeedResponse })
  async issue(@CurrentUserId() userId: string, @Req() request: FastifyRequest, @Client() client: ClientInfo): Promise<IssuedFeedResponse> {
    const { token, createdAt } = await this.feeds.issue(userId, client);
    return { url: `${publicBaseUrl(request)}/calendar/${token}.ics`, createdAt: createdAt.toISOString() };
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

/**
 * Where clients reach this API, for the feed URL. There is no configured public URL, so it comes
 * from the request; a reverse proxy's X-Forwarded-Proto/Host win (the URL is only shown to the
 * caller, so a forged header misleads no one else).
 */
function publicBaseUrl(request: FastifyRequest): string {
  const forwardedProto = firstValue(request.headers['x-forwarded-proto']);
  const forwardedHost = firstValue(request.headers['x-forwarded-host']);
  const proto = forwardedProto === 'https' || forwardedProto === 'http' ? forwardedProto : request.protocol;
  const host = [forwardedHost, request.headers.host].find((h) => !!h && /^[A-Za-z0-9.\-]+(:\d+)?$|^\[[0-9A-Fa-f:.]+\](:\d+)?$/.test(h)) ?? 'localhost';
  return `${proto}://${host}`;
}

function firstValue(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  return value?.split(',')[0]?.trim() || undefined;
}
