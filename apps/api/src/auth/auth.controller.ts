import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { AccountsService, SignInThrottleService, TwoFactorService } from '#domain/accounts/index';
import { uuidParam } from '../common/uuid-param';
import { Public } from './auth.guard';
import { CurrentTokenId, CurrentUserId } from './current-user.decorator';
import { CreatedTokenResponse, CreateTokenDto, LoginDto, RegisterDto, SessionResponse, TokenResponse, UpdateMeDto, UserResponse } from './dto/auth.dto';

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(
    private readonly accounts: AccountsService,
    private readonly twoFactor: TwoFactorService, // [two-factor]
    private readonly throttle: SignInThrottleService, // [throttle]
  ) {}

  @Public()
  @Post('auth/register')
  @ApiCreatedResponse({ type: SessionResponse })
  async register(@Body() body: RegisterDto): Promise<SessionResponse> {
    const { user, session } = await this.accounts.register(body);
    return { user: UserResponse.from(user, false), token: session.token, expiresAt: session.record.expiresAt!.toISOString() };
  }

  @Public()
  @Post('auth/login')
  @HttpCode(200)
  @ApiOkResponse({ type: SessionResponse })
  async login(@Body() body: LoginDto, @Req() request: FastifyRequest): Promise<SessionResponse> {
    // [throttle] Counted per email and per address before the password is hashed; 429 auth.too-many-attempts while blocked.
    // [two-factor] `secondFactor.method` tells how the second factor was proven (`recovery-code`: record recovery-code-used).
    const { user, session, secondFactor } = await this.throttle.guard({ email: body.email, ip: request.ip }, () => this.accounts.login(body.email, body.password, body.code));
    return { user: UserResponse.from(user, secondFactor.method !== 'none'), token: session.token, expiresAt: session.record.expiresAt!.toISOString() };
  }

  @ApiBearerAuth()
  @Post('auth/logout')
  @HttpCode(204)
  async logout(@CurrentUserId() userId: string, @CurrentTokenId() tokenId: string): Promise<void> {
    await this.accounts.revokeToken(userId, tokenId);
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
  @ApiOkResponse({ type: [TokenResponse] })
  async listTokens(@CurrentUserId() userId: string): Promise<TokenResponse[]> {
    return (await this.accounts.listPersonalTokens(userId)).map(TokenResponse.from);
  }

  @ApiBearerAuth()
  @Post('tokens')
  @ApiCreatedResponse({ type: CreatedTokenResponse })
  async createToken(@CurrentUserId() userId: string, @Body() body: CreateTokenDto): Promise<CreatedTokenResponse> {
    const { token, record } = await this.accounts.createPersonalToken(userId, body.name, body.expiresInDays);
    return { ...TokenResponse.from(record), token };
  }

  @ApiBearerAuth()
  @Delete('tokens/:id')
  @HttpCode(204)
  async revokeToken(@CurrentUserId() userId: string, @Param('id', uuidParam()) id: string): Promise<void> {
    await this.accounts.revokeToken(userId, id);
  }
}
