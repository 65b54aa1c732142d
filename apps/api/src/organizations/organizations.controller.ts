import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { OrganizationsService } from '#domain/organizations/index';
import { CurrentUserId } from '../auth/current-user.decorator';
import { uuidParam } from '../common/uuid-param';
import { CreateOrganizationDto, CreateTeamDto, ListOrganizationsQuery, MergeOrganizationsDto, OrganizationMergeResponse, OrganizationsPage, OrganizationResponse, TeamResponse, UpdateOrganizationDto, UpdateTeamDto } from './dto/organization.dto';

@ApiTags('organizations')
@ApiBearerAuth()
@Controller('organizations')
export class OrganizationsController {
  constructor(private readonly organizations: OrganizationsService) {}

  @Post()
  @ApiCreatedResponse({ type: OrganizationResponse })
  @ApiConflictResponse({ description: 'An organization with this name (accents and case ignored) exists' })
  async create(@CurrentUserId() userId: string, @Body() body: CreateOrganizationDto): Promise<OrganizationResponse> {
    return OrganizationResponse.from(await this.organizations.create(userId, body));
  }

  @Get()
  @ApiOperation({ summary: 'Organizations by name, with their teams' })
  @ApiOkResponse({ type: OrganizationsPage })
  async list(@CurrentUserId() userId: string, @Query() query: ListOrganizationsQuery): Promise<OrganizationsPage> {
    const page = await this.organizations.list(userId, query);
    return { ...page, items: page.items.map(OrganizationResponse.from) };
  }

  @Get(':id')
  @ApiOkResponse({ type: OrganizationResponse })
  async get(@CurrentUserId() userId: string, @Param('id', uuidParam()) id: string): Promise<OrganizationResponse> {
    return OrganizationResponse.from(await this.organizations.get(userId, id));
  }

  @Patch(':id')
  @ApiOkResponse({ type: OrganizationResponse })
  @ApiConflictResponse({ description: 'Another organization has this name' })
  async update(@CurrentUserId() userId: string, @Param('id', uuidParam()) id: string, @Body() body: UpdateOrganizationDto): Promise<OrganizationResponse> {
    return OrganizationResponse.from(await this.organizations.update(userId, id, body));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete with its teams; people keep their record but lose the organization and team' })
  async remove(@CurrentUserId() userId: string, @Param('id', uuidParam()) id: string): Promise<void> {
    await this.organizations.remove(userId, id);
  }

  @Post(':id/merge')
  @HttpCode(200)
  @ApiOperation({ summary: 'Merge another organization into this one (its teams, people, applications with their referrals, stage templates; its name becomes an alias); a dry run (the default) previews the result' })
  @ApiOkResponse({ type: OrganizationMergeResponse })
  @ApiConflictResponse({ description: 'The same organization twice (organization.merge-self)' })
  async merge(@CurrentUserId() userId: string, @Param('id', uuidParam()) id: string, @Body() body: MergeOrganizationsDto): Promise<OrganizationMergeResponse> {
    return OrganizationMergeResponse.from(await this.organizations.merge(userId, id, body.otherId, body.dryRun ?? true));
  }

  @Post(':id/teams')
  @ApiCreatedResponse({ type: TeamResponse })
  @ApiConflictResponse({ description: 'The organization has a team with this name' })
  async addTeam(@CurrentUserId() userId: string, @Param('id', uuidParam()) id: string, @Body() body: CreateTeamDto): Promise<TeamResponse> {
    return TeamResponse.from(await this.organizations.addTeam(userId, id, body));
  }

  @Patch(':id/teams/:teamId')
  @ApiOkResponse({ type: TeamResponse })
  @ApiConflictResponse({ description: 'The organization has another team with this name' })
  async updateTeam(
    @CurrentUserId() userId: string,
    @Param('id', uuidParam()) id: string,
    @Param('teamId', uuidParam('teamId')) teamId: string,
    @Body() body: UpdateTeamDto,
  ): Promise<TeamResponse> {
    return TeamResponse.from(await this.organizations.updateTeam(userId, id, teamId, body));
  }

  @Delete(':id/teams/:teamId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a team; its people stay in the organization without a team' })
  async removeTeam(@CurrentUserId() userId: string, @Param('id', uuidParam()) id: string, @Param('teamId', uuidParam('teamId')) teamId: string): Promise<void> {
    await this.organizations.removeTeam(userId, id, teamId);
  }
}
