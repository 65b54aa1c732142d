import { Controller, Get, Header, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Briefing, BriefingNotReadyError, BriefingPdfRenderer, BriefingsService } from '#domain/briefings/index';
import { CurrentUserId } from '../auth/current-user.decorator';
import { PageQuery } from '../common/page-query';
import { uuidParam } from '../common/uuid-param';
import { BriefingResponse, BriefingsPage, BriefingSummaryResponse } from './dto/briefing.dto';

@ApiTags('briefings')
@ApiBearerAuth()
@Controller()
export class BriefingsController {
  constructor(
    private readonly briefings: BriefingsService,
    private readonly pdf: BriefingPdfRenderer,
  ) {}

  @Post('interviews/:id/briefings')
  @HttpCode(202)
  @ApiOperation({ summary: 'Generate a new version of the interview’s briefing (in the background; poll the Location). While one is still being generated, that one is answered' })
  @ApiAcceptedResponse({ type: BriefingSummaryResponse })
  @ApiNotFoundResponse({ description: 'No such interview of yours' })
  async request(@CurrentUserId() userId: string, @Param('id', uuidParam()) id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<BriefingSummaryResponse> {
    const { briefing } = await this.briefings.request(userId, id, 'manual');
    void reply.header('location', `/briefings/${briefing.id}`);
    return BriefingSummaryResponse.from(briefing);
  }

  @Get('interviews/:id/briefings')
  @ApiOperation({ summary: 'Every version of the interview’s briefing, newest first, each with what changed since the one before' })
  @ApiOkResponse({ type: BriefingsPage })
  async list(@CurrentUserId() userId: string, @Param('id', uuidParam()) id: string, @Query() query: PageQuery): Promise<BriefingsPage> {
    const page = await this.briefings.list(userId, id, query);
    return { ...page, items: page.items.map(BriefingSummaryResponse.from) };
  }

  @Get('briefings/:id')
  @ApiOperation({ summary: 'One version: its status, what changed, and the facts it was rendered from' })
  @ApiOkResponse({ type: BriefingResponse })
  async get(@CurrentUserId() userId: string, @Param('id', uuidParam()) id: string): Promise<BriefingResponse> {
    return BriefingResponse.fromFull(await this.briefings.get(userId, id));
  }

  @Get('briefings/:id/markdown')
  @Header('content-type', 'text/markdown; charset=utf-8')
  @ApiProduces('text/markdown')
  @ApiOperation({ summary: 'The briefing as Markdown (CommonMark)' })
  @ApiOkResponse({ description: 'text/markdown', schema: { type: 'string' } })
  @ApiConflictResponse({ description: 'Not generated yet, or its generation failed (briefing.not-ready)' })
  async markdown(@CurrentUserId() userId: string, @Param('id', uuidParam()) id: string): Promise<string> {
    return document(await this.briefings.get(userId, id), 'markdown');
  }

  @Get('briefings/:id/html')
  @Header('content-type', 'text/html; charset=utf-8')
  // The page is self-contained: no scripts, no outside resources (user text is escaped when rendered).
  @Header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:")
  @ApiProduces('text/html')
  @ApiOperation({ summary: 'The briefing as a standalone HTML page' })
  @ApiOkResponse({ description: 'text/html', schema: { type: 'string' } })
  @ApiConflictResponse({ description: 'Not generated yet, or its generation failed (briefing.not-ready)' })
  async html(@CurrentUserId() userId: string, @Param('id', uuidParam()) id: string): Promise<string> {
    return document(await this.briefings.get(userId, id), 'html');
  }

  @Get('briefings/:id/pdf')
  @ApiProduces('application/pdf')
  @ApiOperation({ summary: "The briefing as PDF (A4), printed from its HTML by the server's Chromium (CHROMIUM_PATH)" })
  @ApiOkResponse({ description: 'application/pdf', schema: { type: 'string', format: 'binary' } })
  @ApiConflictResponse({ description: 'Not generated yet, or its generation failed (briefing.not-ready)' })
  @ApiServiceUnavailableResponse({ description: 'No Chromium on this server (briefing.pdf-unavailable); Markdown and HTML still work' })
  async pdfDocument(@CurrentUserId() userId: string, @Param('id', uuidParam()) id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<Buffer> {
    const briefing = await this.briefings.get(userId, id);
    const pdf = await this.pdf.render(document(briefing, 'html'));
    void reply.header('content-type', 'application/pdf').header('content-disposition', `inline; filename="briefing-v${briefing.version}.pdf"`);
    return pdf;
  }
}

function document(briefing: Briefing, format: 'markdown' | 'html'): string {
  const text = briefing[format];
  if (briefing.status !== 'ready' || text === null) throw new BriefingNotReadyError(briefing.id, briefing.status, briefing.error);
  return text;
}
