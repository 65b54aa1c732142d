import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InvitationsService, UsersAdminService } from '#domain/accounts/index';
import { AccountMailService } from '#domain/mail/index';
import { AdminOnly } from '../auth/auth.guard';
import { CurrentUserId } from '../auth/current-user.decorator';
import { PageQuery } from '../common/page-query';
import { ReturnsSecret } from '../common/idempotency';
import { uuidParam } from '../common/uuid-param';
import { AdminUserResponse, AdminUsersPage, CreatedInvitationResponse, CreateInvitationDto, InvitationResponse, InvitationsPage, UpdateUserDto } from './dto/admin.dto';

/** The server's accounts and invitations, for admins; to anyone else these routes do not exist (404). */
@ApiTags('admin')
@ApiBearerAuth()
@AdminOnly()
@Controller('admin')
export class AdminController {
  constructor(
    private readonly users: UsersAdminService,
    private readonly invitations: InvitationsService,
    private readonly accountMail: AccountMailService,
  ) {}

  @Get('users')
  @ApiOkResponse({ type: AdminUsersPage })
  async listUsers(@Query() query: PageQuery): Promise<AdminUsersPage> {
    const page = await this.users.list(query);
    return { ...page, items: page.items.map(AdminUserResponse.from) };
  }

  @Patch('users/:id')
  @ApiOperation({ summary: 'Disable or enable an account, or change its role; the last active admin can be neither disabled nor demoted (409)' })
  @ApiOkResponse({ type: AdminUserResponse })
  async updateUser(@Param('id', uuidParam()) id: string, @Body() body: UpdateUserDto): Promise<AdminUserResponse> {
    return AdminUserResponse.from(await this.users.update(id, body));
  }

  @Get('invitations')
  @ApiOkResponse({ type: InvitationsPage })
  async listInvitations(@Query() query: PageQuery): Promise<InvitationsPage> {
    const page = await this.invitations.list(query);
    return { ...page, items: page.items.map(InvitationResponse.from) };
  }

  @Post('invitations')
  @ApiOperation({ summary: 'Create a one-time registration link (the token is shown once; only its hash is kept)' })
  @ApiCreatedResponse({ type: CreatedInvitationResponse })
  @ReturnsSecret('url', 'token')
  async createInvitation(@CurrentUserId() adminId: string, @Body() body: CreateInvitationDto): Promise<CreatedInvitationResponse> {
    const { invitation, token, url } = await this.invitations.create(adminId, body);
    // An invitation naming an address is mailed to it (when the server sends mail).
    if (invitation.email) await this.accountMail.invitation(adminId, invitation.email, url, invitation.expiresAt);
    return { ...InvitationResponse.from(invitation), url, token };
  }

  @Delete('invitations/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Withdraw an invitation: its link stops working' })
  async revokeInvitation(@Param('id', uuidParam()) id: string): Promise<void> {
    await this.invitations.revoke(id);
  }
}
