import { Body, Controller, Delete, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiCookieAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AccountsService, AuthenticatedUser, SignInThrottleService } from '#domain/accounts/index';
import type { ClientInfo } from '#domain/security-events/index';
import { AppConfig, APP_CONFIG } from '#platform';
import { AnyScope, Public } from './auth.guard';
import { checkSameSite, clearSessionCookies, setSessionCookies } from './browser-session';
import { Client, CurrentAuth } from './current-user.decorator';
import { LoginDto, RegisterDto, UserResponse } from './dto/auth.dto';
import { BrowserSessionResponse } from './dto/browser-session.dto';

/**
 * The dashboard's sign-in: the same accounts, throttling, two-factor and security events as
 * /auth/login and /auth/register, but the session token goes into an HttpOnly cookie (see
 * browser-session.ts) instead of the body. API clients keep using bearer tokens.
 */
@ApiTags('auth')
@Controller('auth/session')
export class BrowserSessionController {
  private readonly secure: boolean;
  private readonly publicUrl: string;

  constructor(
    private readonly accounts: AccountsService,
    private readonly throttle: SignInThrottleService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.publicUrl = config.http.publicUrl;
    this.secure = this.publicUrl.startsWith('https:');
  }

  @Public()
  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in a browser: sets the HttpOnly session cookie and the CSRF cookie (writes echo it in x-csrf-token); refused (403 auth.cross-site-sign-in) when a browser says the request comes from another site' })
  @ApiOkResponse({ type: BrowserSessionResponse })
  async signIn(@Body() body: LoginDto, @Client() client: ClientInfo, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<BrowserSessionResponse> {
    checkSameSite(request, this.publicUrl);
    const { user, session, secondFactor } = await this.throttle.guard({ email: body.email, ip: client.ip ?? '' }, () => this.accounts.login(body.email, body.password, client, body.code));
    setSessionCookies(reply, session.token, session.record.expiresAt!, this.secure);
    return { user: UserResponse.from(user, secondFactor.method !== 'none'), expiresAt: session.record.expiresAt!.toISOString() };
  }

  @Public()
  @Post('registration')
  @ApiOperation({ summary: 'Create an account from a browser (with the invitation where the server needs one) and sign it in with the session cookie' })
  @ApiCreatedResponse({ type: BrowserSessionResponse })
  async register(@Body() body: RegisterDto, @Client() client: ClientInfo, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<BrowserSessionResponse> {
    checkSameSite(request, this.publicUrl);
    const { user, session } = await this.accounts.register(body, client);
    setSessionCookies(reply, session.token, session.record.expiresAt!, this.secure);
    return { user: UserResponse.from(user, false), expiresAt: session.record.expiresAt!.toISOString() };
  }

  @ApiCookieAuth('browserSession')
  @AnyScope()
  @Delete()
  @HttpCode(204)
  @ApiOperation({ summary: 'Sign the browser out: the session ends on the server and both cookies are cleared' })
  @ApiNoContentResponse()
  async signOut(@CurrentAuth() auth: AuthenticatedUser, @Client() client: ClientInfo, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    await this.accounts.logout(auth, client);
    clearSessionCookies(reply, this.secure);
  }
}
