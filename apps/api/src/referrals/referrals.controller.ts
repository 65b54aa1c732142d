import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ReferralsService } from '#domain/referrals/index';
import { CurrentUserId } from '../auth/current-user.decorator';
import { uuidParam } from '../common/uuid-param';
import { CreateReferralDto, ListReferralsQuery, ReferralResponse, ReferralsPage, UpdateReferralDto } from './dto/referral.dto';

@ApiTags('referrals')
@ApiBearerAuth()
@Controller('referrals')
export class ReferralsController {
  constructor(private readonly referrals: ReferralsService) {}

  @Post()
  @ApiOperation({ summary: 'Record a referral: a person vouching for you on an application. Submitted, it suggests thanking them (a follow-up tomorrow)' })
  @ApiCreatedResponse({ type: ReferralResponse })
  @ApiConflictResponse({ description: 'This person already referred you for this application' })
  async create(@CurrentUserId() userId: string, @Body() body: CreateReferralDto): Promise<ReferralResponse> {
    return ReferralResponse.from(await this.referrals.create(userId, body));
  }

  @Get()
  @ApiOperation({ summary: 'Referrals, newest first; filter by application, person (referrer or recruiter) or status' })
  @ApiOkResponse({ type: ReferralsPage })
  async list(@CurrentUserId() userId: string, @Query() query: ListReferralsQuery): Promise<ReferralsPage> {
    const page = await this.referrals.list(userId, query);
    return { ...page, items: page.items.map(ReferralResponse.from) };
  }

  @Get(':id')
  @ApiOkResponse({ type: ReferralResponse })
  async get(@CurrentUserId() userId: string, @Param('id', uuidParam()) id: string): Promise<ReferralResponse> {
    return ReferralResponse.from(await this.referrals.get(userId, id));
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Move the referral forward ({status, on}) or edit its notes and recruiter' })
  @ApiOkResponse({ type: ReferralResponse })
  @ApiConflictResponse({ description: 'The status would go back along the path; the body lists allowedStatuses' })
  async update(@CurrentUserId() userId: string, @Param('id', uuidParam()) id: string, @Body() body: UpdateReferralDto): Promise<ReferralResponse> {
    return ReferralResponse.from(await this.referrals.update(userId, id, body));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse()
  async remove(@CurrentUserId() userId: string, @Param('id', uuidParam()) id: string): Promise<void> {
    await this.referrals.remove(userId, id);
  }
}
