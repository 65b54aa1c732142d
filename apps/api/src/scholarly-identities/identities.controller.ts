import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { IdentitiesService } from '#domain/scholarly-identities/index';
import { InvalidInputError } from '#platform';
import { CurrentUserId } from '../auth/current-user.decorator';
import { PageQuery } from '../common/page-query';
import { uuidParam } from '../common/uuid-param';
import { AutoLinkDto, AutoLinkResponse, CandidatesQuery, CandidatesResponse, IdentitiesPage, IdentityResponse, LinkedIdentityResponse, LinkIdentityDto, RejectIdentityDto } from './dto/identity.dto';

@ApiTags('scholarly identities')
@ApiBearerAuth()
@ApiNotFoundResponse({ description: 'No such person (or identity) of yours' })
@Controller('people/:id')
export class IdentitiesController {
  constructor(private readonly identities: IdentitiesService) {}

  @Get('identity-candidates')
  @ApiOperation({
    summary: 'Who is who: authors at the scholarly sources who may be this person, searched at once by name and organization, each scored 0..1 with its reasons; those already linked or rejected are marked; best first. A source that fails, or is too busy under its rate limit to answer in time, is listed in errors; the others still answer',
  })
  @ApiOkResponse({ type: CandidatesResponse })
  @ApiBadRequestResponse({ description: 'An unknown source, or limit out of range' })
  async candidates(@CurrentUserId() userId: string, @Param('id', uuidParam()) id: string, @Query() query: CandidatesQuery): Promise<CandidatesResponse> {
    return CandidatesResponse.from(await this.identities.candidates(userId, id, query));
  }

  @Get('identities')
  @ApiOperation({ summary: "The person's identities, linked then rejected, with sync state, broken reason and last sync" })
  @ApiOkResponse({ type: IdentitiesPage })
  async list(@CurrentUserId() userId: string, @Param('id', uuidParam()) id: string, @Query() query: PageQuery): Promise<IdentitiesPage> {
    const page = { limit: query.limit ?? 50, offset: query.offset ?? 0 };
    // A person has a few identities per source (the linked and the rejected): the order is the service's, the page is cut here.
    const all = await this.identities.list(userId, id);
    return { items: all.slice(page.offset, page.offset + page.limit).map(IdentityResponse.from), total: all.length, ...page };
  }

  @Post('identities')
  @ApiOperation({
    summary:
      'Link an identity: confirm a candidate ({source, id: sourceAuthorId}) or add one by id or URL. Validated and normalized per source, then checked at the source (which gives the name). 201 when linked now, 200 when it already was; a rejection of it becomes a link',
  })
  @ApiCreatedResponse({ type: LinkedIdentityResponse, description: 'Linked now' })
  @ApiOkResponse({ type: LinkedIdentityResponse, description: 'Already linked: nothing changed' })
  @ApiBadRequestResponse({ description: 'The id or URL is not one of the source (the field given is named; e.g. a wrong ORCID check digit)' })
  @ApiConflictResponse({ description: 'This author is linked to another of your people (code identity.linked-elsewhere, with linkedTo): one author is one person; unlink it there, or merge the two' })
  @ApiUnprocessableEntityResponse({ description: 'The source does not know the author (code identity.unknown-at-source)' })
  async link(@CurrentUserId() userId: string, @Param('id', uuidParam()) id: string, @Body() body: LinkIdentityDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<LinkedIdentityResponse> {
    const result = await this.identities.link(userId, id, body);
    void reply.status(result.changed ? 201 : 200);
    return { ...IdentityResponse.from(result.identity), warning: result.warning };
  }

  @Post('identities/reject')
  @HttpCode(200)
  @ApiOperation({ summary: 'Remember that a candidate is someone else: marked in the candidates, never auto-linked. Rejecting a linked identity unlinks it' })
  @ApiOkResponse({ type: IdentityResponse })
  async reject(@CurrentUserId() userId: string, @Param('id', uuidParam()) id: string, @Body() body: RejectIdentityDto): Promise<IdentityResponse> {
    const sourceAuthorId = body.id ?? body.sourceAuthorId;
    if (body.id !== undefined && body.sourceAuthorId !== undefined && body.id !== body.sourceAuthorId) {
      throw new InvalidInputError('id and sourceAuthorId (its deprecated name) differ: send id alone', [{ field: 'sourceAuthorId', problem: 'differs from id; send id alone' }]);
    }
    return IdentityResponse.from(await this.identities.reject(userId, id, { source: body.source, sourceAuthorId: sourceAuthorId as string, name: body.name }));
  }

  @Post('identities/auto-link')
  @HttpCode(200)
  @ApiOperation({
    summary:
      "Link what is unambiguous, and say why: the person's own profile links; per source, every candidate with the person's ORCID iD; else a clear winner (score ≥ 0.60, the name matching at least with initials, 0.25 above the next candidate of the source, and no identity linked at that source yet). Rejections always hold",
  })
  @ApiOkResponse({ type: AutoLinkResponse })
  async autoLink(@CurrentUserId() userId: string, @Param('id', uuidParam()) id: string, @Body() body: AutoLinkDto): Promise<AutoLinkResponse> {
    return AutoLinkResponse.from(await this.identities.autoLink(userId, id, { sources: body?.sources }));
  }

  @Delete('identities/:identityId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Unlink. An identity Dossier linked on its own is kept as a rejection, so auto-link does not link it again; deleting a rejection forgets it' })
  @ApiNoContentResponse({ description: 'Unlinked' })
  async unlink(@CurrentUserId() userId: string, @Param('id', uuidParam()) id: string, @Param('identityId', uuidParam('identityId')) identityId: string): Promise<void> {
    await this.identities.unlink(userId, id, identityId);
  }
}
