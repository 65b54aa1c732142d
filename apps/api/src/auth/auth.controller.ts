import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccountsService, AuthenticatedUser, SignInThrottleService, TwoFactorService } from '#domain/accounts/index';
import type { ClientInfo } from '#domain/security-events/index';
import { ApiErrors } from '../common/api-errors';
import { PageQuery } from '../common/page-query';
import { ReturnsSecret } from '../common/idempotency';
import { uuidParam } from '../common/uuid-param';
import { AnyScope, Public } from './auth.guard';
import { Client, CurrentAuth, CurrentUserId } from './current-user.decorator';
import { CreatedTokenResponse, CreateTokenDto, LoginDto, RegisterDto, RegistrationResponse, SessionResponse, TokenResponse, TokensPage, UpdateMeDto, UserResponse } from './dto/auth.dto';

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(
    private readonly accounts: AccountsService,
    private readonly twoFactor: TwoFactorService, // [two-factor]
    private readonly throttle: SignInThrottleService, // [throttle]
  ) {}

  @Public()
  @Get('auth/registration')
  @ApiOperation({ summary: 'Who may register on this server, and whether the next account is the first (the admin)' })
  @ApiOkResponse({ type: RegistrationResponse })
  registration(): Promise<RegistrationResponse> {
    return this.accounts.registration();
  }

  @Public()
  @Post('auth/register')
  @ApiErrors(403)
  @ApiCreatedResponse({ type: SessionResponse })
  @ReturnsSecret('token')
  async register(@Body() body: RegisterDto, @Client() client: ClientInfo): Promise<SessionResponse> {
    const { user, session } = await this.accounts.register(body, client);
    return { user: UserResponse.from(user, false), token: session.token, expiresAt: session.record.expiresAt!.toISOString() };
  }

  @Public()
  @Post('auth/login')
  @ApiErrors(401, 403)
  @HttpCode(200)
  @ApiOkResponse({ type: SessionResponse })
  @ReturnsSecret('token')
  async login(@Body() body: LoginDto, @Client() client: ClientInfo): Promise<SessionResponse> {
    // [throttle] Counted per email and per address before the password is hashed; 429 auth.too-many-attempts while blocked.
    const { user, session, secondFactor } = await this.throttle.guard({ email: body.email, ip: client.ip ?? '' }, () => this.accounts.login(body.email, body.password, client, body.code));
    return { user: UserResponse.from(user, secondFactor.method !== 'none'), token: session.token, expiresAt: session.record.expiresAt!.toISOString() };
  }

  @ApiBearerAuth()
  @AnyScope()
  @Post('auth/logout')
  @HttpCode(204)
  async logout(@CurrentAuth() auth: AuthenticatedUser, @Client() client: ClientInfo): Promise<void> {
    await this.accounts.logout(auth, client);
  }

  @ApiBearerAuth()
  @Get('me')
  @ApiOkResponse({ type: UserResponse })
  async me(@CurrentUserId() userId: string): Promise<UserResponse> {
    return UserResponse.from(await this.accounts.getUser(userId), await this.twoFactor.isEnabled(userId));
  }

  @ApiBearerAuth()
  @Patch('me')
  @ApiOkResponse({ type: UserResponse })
  async updateMe(@CurrentUserId() userId: string, @Body() body: UpdateMeDto): Promise<UserResponse> {
    return UserResponse.from(await this.accounts.updateUser(userId, body), await this.twoFactor.isEnabled(userId));
  }

  @ApiBearerAuth()
  @Get('tokens')
  @ApiOkResponse({ type: TokensPage })
  async listTokens(@CurrentUserId() userId: string, @Query() query: PageQuery): Promise<TokensPage> {
    const page = await this.accounts.listPersonalTokens(userId, query);
    return { ...page, items: page.items.map(TokenResponse.from) };
  }

  @ApiBearerAuth()
  @Post('tokens')
  @ApiOperation({ summary: 'Create a personal access token (shown once), with no more scopes than the token making the request' })
  @ApiCreatedResponse({ type: CreatedTokenResponse })
  @ReturnsSecret('token')
  async createToken(@CurrentAuth() auth: AuthenticatedUser, @Body() body: CreateTokenDto, @Client() client: ClientInfo): Promise<CreatedTokenResponse> {
    const { token, record } = await this.accounts.createPersonalToken(auth, body, client);
    return { ...TokenResponse.from(record), token };
  }

  @ApiBearerAuth()
  @Delete('tokens/:id')
  @HttpCode(204)
  async revokeToken(@CurrentUserId() userId: string, @Param('id', uuidParam()) id: string, @Client() client: ClientInfo): Promise<void> {
    await this.accounts.revokePersonalToken(userId, id, client);
  }
}
