import { Body, Controller, Delete, Header, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { TwoFactorService } from '#domain/accounts/index';
import { CurrentUserId } from './current-user.decorator';
import { PendingTwoFactorResponse, RecoveryCodesResponse, TwoFactorCodeDto, TwoFactorPasswordAndCodeDto, TwoFactorPasswordDto } from './dto/two-factor.dto';

/**
 * Two-factor sign-in with an authenticator app. Password and code checks here count towards the
 * sign-in throttle of the account, as failed sign-ins do. Answers holding a secret are `no-store`:
 * no cache keeps them, nor the Idempotency-Key store.
 */
@ApiTags('auth')
@ApiBearerAuth()
@Controller('me/two-factor')
export class TwoFactorController {
  constructor(private readonly twoFactor: TwoFactorService) {}

  @Post()
  @Header('cache-control', 'no-store')
  @ApiOperation({ summary: 'Start enrolling an authenticator app (needs the password); pending until confirmed with a code' })
  @ApiCreatedResponse({ type: PendingTwoFactorResponse })
  begin(@CurrentUserId() userId: string, @Body() body: TwoFactorPasswordDto, @Req() request: FastifyRequest): Promise<PendingTwoFactorResponse> {
    return this.twoFactor.begin(userId, body.password, request.ip);
  }

  @Post('confirm')
  @HttpCode(200)
  @Header('cache-control', 'no-store')
  @ApiOperation({ summary: 'Turn two-factor on with a first code from the app; answers the recovery codes, shown once' })
  @ApiOkResponse({ type: RecoveryCodesResponse })
  async confirm(@CurrentUserId() userId: string, @Body() body: TwoFactorCodeDto): Promise<RecoveryCodesResponse> {
    // Security event of this route: two-factor-enabled.
    return this.twoFactor.confirm(userId, body.code);
  }

  @Delete()
  @HttpCode(204)
  @ApiOperation({ summary: 'Turn two-factor off (needs the password and a current code or a recovery code)' })
  @ApiNoContentResponse()
  async disable(@CurrentUserId() userId: string, @Body() body: TwoFactorPasswordAndCodeDto, @Req() request: FastifyRequest): Promise<void> {
    // Security events of this route: two-factor-disabled, and recovery-code-used when the returned proof's method is 'recovery-code'.
    await this.twoFactor.disable(userId, body.password, body.code, request.ip);
  }

  @Post('recovery-codes')
  @HttpCode(200)
  @Header('cache-control', 'no-store')
  @ApiOperation({ summary: 'Replace the recovery codes (needs the password and a current code or a recovery code); the old ones stop working' })
  @ApiOkResponse({ type: RecoveryCodesResponse })
  async regenerate(@CurrentUserId() userId: string, @Body() body: TwoFactorPasswordAndCodeDto, @Req() request: FastifyRequest): Promise<RecoveryCodesResponse> {
    // Security events of this route: recovery-codes-regenerated, and recovery-code-used when `proof.method` is 'recovery-code'.
    const { recoveryCodes } = await this.twoFactor.regenerateRecoveryCodes(userId, body.password, body.code, request.ip);
    return { recoveryCodes };
  }
}
