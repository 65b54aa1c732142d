import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccountsService, AuthenticatedUser, SignInThrottleService } from '#domain/accounts/index';
import { ClientInfo, SecurityEventsService } from '#domain/security-events/index';
import { PageQuery } from '../common/page-query';
import { uuidParam } from '../common/uuid-param';
import { Client, CurrentAuth, CurrentUserId } from './current-user.decorator';
import { ChangePasswordDto, SecurityEventResponse, SecurityEventsPage, SessionItemResponse, SessionsPage } from './dto/auth.dto';

/** The signed-in user's own sessions, password and security record. */
@ApiTags('auth')
@ApiBearerAuth()
@Controller('me')
export class SessionsController {
  constructor(
    private readonly accounts: AccountsService,
    private readonly events: SecurityEventsService,
    private readonly throttle: SignInThrottleService, // [throttle]
  ) {}

  @Post('password')
  @HttpCode(204)
  @ApiOperation({ summary: 'Change the password: every other sign-in session ends; this one and personal access tokens stay' })
  @ApiNoContentResponse()
  async changePassword(@CurrentAuth() auth: AuthenticatedUser, @Body() body: ChangePasswordDto, @Client() client: ClientInfo): Promise<void> {
    // [throttle] A stolen session is no way to guess the password at leisure: a wrong one counts as a failed sign-in of the account.
    const { email } = await this.accounts.getUser(auth.userId);
    await this.throttle.guard({ email, ip: client.ip ?? '' }, () => this.accounts.changePassword(auth, body.currentPassword, body.newPassword, client));
  }

  @Get('sessions')
  @ApiOperation({ summary: 'Sign-in sessions still valid: when and where each started and was last used' })
  @ApiOkResponse({ type: SessionsPage })
  async sessions(@CurrentAuth() auth: AuthenticatedUser, @Query() query: PageQuery): Promise<SessionsPage> {
    const page = await this.accounts.listSessions(auth.userId, query);
    return { ...page, items: page.items.map((s) => SessionItemResponse.from(s, auth.tokenId)) };
  }

  @Delete('sessions/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'End a sign-in session: its token is refused from the next request on' })
  async revokeSession(@CurrentUserId() userId: string, @Param('id', uuidParam()) id: string, @Client() client: ClientInfo): Promise<void> {
    await this.accounts.revokeSession(userId, id, client);
  }

  @Get('security-events')
  @ApiOperation({ summary: 'Sign-ins, failed sign-ins and credential changes on this account, newest first' })
  @ApiOkResponse({ type: SecurityEventsPage })
  async securityEvents(@CurrentUserId() userId: string, @Query() query: PageQuery): Promise<SecurityEventsPage> {
    const page = await this.events.list(userId, query);
    return { ...page, items: page.items.map(SecurityEventResponse.from) };
  }
}
