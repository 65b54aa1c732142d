import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { WorksQueryService } from '#domain/works/index';
import { CurrentUserId } from '../auth/current-user.decorator';
import { uuidParam } from '../common/uuid-param';
import { PersonWorkDto, PersonWorksPage, PersonWorksQuery, WorkDetailResponse, WorkSearchItemDto, WorksSearchPage, WorksSearchQuery } from './dto/work.dto';

/**
 * Reading the publications back. Works are public data, cached once and shared by every user
 * (GET /works/…, still behind authentication); which works are a person's is the user's own
 * business, as the person is (GET /people/{id}/works answers 404 for another user's person).
 */
@ApiTags('works')
@ApiBearerAuth()
@Controller()
export class WorksController {
  constructor(private readonly works: WorksQueryService) {}

  @Get('people/:id/works')
  @ApiOperation({ summary: "The person's works: those whose records list one of their linked scholarly identities or their ORCID iD, with their author position and every source record" })
  @ApiOkResponse({ type: PersonWorksPage })
  @ApiBadRequestResponse({ description: 'A filter is invalid, or yearFrom is after yearTo' })
  @ApiNotFoundResponse({ description: 'No such person for this user' })
  async forPerson(@CurrentUserId() userId: string, @Param('id', uuidParam()) id: string, @Query() query: PersonWorksQuery): Promise<PersonWorksPage> {
    const page = await this.works.forPerson(userId, id, query);
    return { ...page, items: page.items.map(PersonWorkDto.fromPersonWork) };
  }

  // Declared before 'works/:id' so that "search" is never read as an id.
  @Get('works/search')
  @ApiOperation({ summary: 'Search the shared works by title words, DOI (any written form) or arXiv id (any form, any version); most cited first' })
  @ApiOkResponse({ type: WorksSearchPage })
  async search(@Query() query: WorksSearchQuery): Promise<WorksSearchPage> {
    const page = await this.works.search(query);
    return { ...page, items: page.items.map(WorkSearchItemDto.fromHit) };
  }

  @Get('works/:id')
  @ApiOperation({ summary: 'One shared work with every source record of it and each record’s authors in order' })
  @ApiOkResponse({ type: WorkDetailResponse })
  @ApiNotFoundResponse({ description: 'No such work' })
  async get(@Param('id', uuidParam()) id: string): Promise<WorkDetailResponse> {
    return WorkDetailResponse.fromDetail(await this.works.get(id));
  }
}
