import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AccountsService } from '#domain/accounts/index';
import { ReturnsSecret } from '../common/idempotency';
import { uuidParam } from '../common/uuid-param';
import { Public } from './auth.guard';
import { CurrentTokenId, CurrentUserId } from './current-user.decorator';
import { CreatedTokenResponse, CreateTokenDto, LoginDto, RegisterDto, SessionResponse, TokenResponse, UpdateMeDto, UserResponse } from './dto/auth.dto';

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(private readonly accounts: AccountsService) {}

  @Public()
  @Post('auth/register')
  @ApiCreatedResponse({ type: SessionResponse })
  @ReturnsSecret('token')
  async register(@Body() body: RegisterDto): Promise<SessionResponse> {
    const { user, session } = await this.accounts.register(body);
    return { user: UserResponse.from(user), token: session.token, expiresAt: session.record.expiresAt!.toISOString() };
  }

  @Public()
  @Post('auth/login')
  @HttpCode(200)
  @ApiOkResponse({ type: SessionResponse })
  @ReturnsSecret('token')
  async login(@Body() body: LoginDto): Promise<SessionResponse> {
    const { user, session } = await this.accounts.login(body.email, body.password);
    return { user: UserResponse.from(user), token: session.token, expiresAt: session.record.expiresAt!.toISOString() };
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
    return UserResponse.from(await this.accounts.getUser(userId));
  }

  @ApiBearerAuth()
  @Patch('me')
  @ApiOkResponse({ type: UserResponse })
  async updateMe(@CurrentUserId() userId: string, @Body() body: UpdateMeDto): Promise<UserResponse> {
    return UserResponse.from(await this.accounts.updateUser(userId, body));
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
  @ReturnsSecret('token')
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
