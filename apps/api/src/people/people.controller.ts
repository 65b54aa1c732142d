import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PersonErasureService } from '#domain/erasure/index';
import { PeopleService } from '#domain/people/index';
import { CurrentUserId } from '../auth/current-user.decorator';
import { PageQuery } from '../common/page-query';
import { uuidParam } from '../common/uuid-param';
import { ReferralResponse } from '../referrals/dto/referral.dto';
import { CreatePersonDto, DuplicateGroupsPage, EraseResponse, ListPeopleQuery, MergePeopleDto, MergeResponse, PeoplePage, PersonDetailResponse, PersonResponse, UpdatePersonDto } from './dto/person.dto';

@ApiTags('people')
@ApiBearerAuth()
@Controller('people')
export class PeopleController {
  constructor(
    private readonly people: PeopleService,
    private readonly erasure: PersonErasureService,
  ) {}

  @Post()
  @ApiCreatedResponse({ type: PersonResponse })
  async create(@CurrentUserId() userId: string, @Body() body: CreatePersonDto): Promise<PersonResponse> {
    return PersonResponse.from(await this.people.create(userId, body));
  }

  @Get()
  @ApiOperation({ summary: 'List people: filters, sorting, stable pages' })
  @ApiOkResponse({ type: PeoplePage })
  async list(@CurrentUserId() userId: string, @Query() query: ListPeopleQuery): Promise<PeoplePage> {
    const page = await this.people.list(userId, query);
    return { ...page, items: page.items.map(PersonResponse.from) };
  }

  @Get('duplicates')
  @ApiOperation({ summary: 'Likely duplicates: same email, same LinkedIn profile, or same name once accents and case are folded' })
  @ApiOkResponse({ type: DuplicateGroupsPage })
  async duplicates(@CurrentUserId() userId: string, @Query() query: PageQuery): Promise<DuplicateGroupsPage> {
    const page = await this.people.findDuplicates(userId, { limit: query.limit ?? 50, offset: query.offset ?? 0 });
    return { ...page, items: page.items.map((g) => ({ ...g, people: g.people.map(PersonResponse.from) })) };
  }

  @Get(':id')
  @ApiOperation({ summary: 'One person, with what you asked of them (asks) and the referrals they offered or made' })
  @ApiOkResponse({ type: PersonDetailResponse })
  async get(@CurrentUserId() userId: string, @Param('id', uuidParam()) id: string): Promise<PersonDetailResponse> {
    // One round trip for the person, their asks and their referrals (PeopleService.detail).
    const { person, asks, referrals } = await this.people.detail(userId, id);
    return {
      ...PersonResponse.from(person),
      asks: { count: asks.count, lastAskedAt: asks.lastAskedAt?.toISOString() ?? null },
      referrals: referrals.map(ReferralResponse.from),
    };
  }

  @Patch(':id')
  @ApiOkResponse({ type: PersonResponse })
  async update(@CurrentUserId() userId: string, @Param('id', uuidParam()) id: string, @Body() body: UpdatePersonDto): Promise<PersonResponse> {
    return PersonResponse.from(await this.people.update(userId, id, body));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Soft delete (restorable); see POST /people/:id/erase to remove for good' })
  async remove(@CurrentUserId() userId: string, @Param('id', uuidParam()) id: string): Promise<void> {
    await this.people.softDelete(userId, id);
  }

  @Post(':id/restore')
  @HttpCode(200)
  @ApiOkResponse({ type: PersonResponse })
  async restore(@CurrentUserId() userId: string, @Param('id', uuidParam()) id: string): Promise<PersonResponse> {
    return PersonResponse.from(await this.people.restore(userId, id));
  }

  @Post(':id/erase')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Erase a person and everything about them, for good',
    description:
      'Deletes the person and what is about them (interactions, tasks, referrals they made, identities, sync runs), and every other trace of their name, emails and links the account holds: import report rows say "a person since erased" (counts kept), briefing versions that name them are deleted (ask for a new one), webhook deliveries in the log that name them or hold their id are deleted, stored Idempotency-Key answers that hold them are deleted, and queue jobs that carry them are removed. Notes the user wrote on their own records stay as written.',
  })
  @ApiOkResponse({ type: EraseResponse })
  erase(@CurrentUserId() userId: string, @Param('id', uuidParam()) id: string): Promise<EraseResponse> {
    return this.erasure.erase(userId, id);
  }

  @Post(':id/merge')
  @HttpCode(200)
  @ApiOperation({ summary: 'Merge another person into this one; a dry run (the default) previews the result' })
  @ApiOkResponse({ type: MergeResponse })
  async merge(@CurrentUserId() userId: string, @Param('id', uuidParam()) id: string, @Body() body: MergePeopleDto): Promise<MergeResponse> {
    const preview = await this.people.merge(userId, id, body.otherId, body.dryRun ?? true);
    return { result: PersonResponse.from(preview.survivor), merged: PersonResponse.from(preview.merged), conflicts: preview.conflicts, moved: preview.moved, applied: preview.applied };
  }
}
