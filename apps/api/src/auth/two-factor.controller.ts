import { Body, Controller, Delete, Header, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SecondFactorResult, TwoFactorService } from '#domain/accounts/index';
import { ClientInfo, SecurityEventsService } from '#domain/security-events/index';
import { ReturnsSecret } from '../common/idempotency';
import { Client, CurrentUserId } from './current-user.decorator';
import { PendingTwoFactorResponse, RecoveryCodesResponse, TwoFactorCodeDto, TwoFactorPasswordAndCodeDto, TwoFactorPasswordDto } from './dto/two-factor.dto';

/**
 * Two-factor sign-in with an authenticator app. Password and code checks here count towards the
 * sign-in throttle of the account, as failed sign-ins do. Answers holding a secret (the seed, the
 * recovery codes) are never kept for an Idempotency-Key replay, nor by a cache (no-store).
 */
@ApiTags('auth')
@ApiBearerAuth()
@Controller('me/two-factor')
export class TwoFactorController {
  constructor(
    private readonly twoFactor: TwoFactorService,
    private readonly events: SecurityEventsService,
  ) {}

  @Post()
  @Header('cache-control', 'no-store')
  @ReturnsSecret('secret', 'otpauthUrl')
  @ApiOperation({ summary: 'Start enrolling an authenticator app (needs the password); pending until confirmed with a code' })
  @ApiCreatedResponse({ type: PendingTwoFactorResponse })
  begin(@CurrentUserId() userId: string, @Body() body: TwoFactorPasswordDto, @Client() client: ClientInfo): Promise<PendingTwoFactorResponse> {
    return this.twoFactor.begin(userId, body.password, client.ip ?? '');
  }

  @Post('confirm')
  @HttpCode(200)
  @Header('cache-control', 'no-store')
  @ReturnsSecret('recoveryCodes')
  @ApiOperation({ summary: 'Turn two-factor on with a first code from the app; answers the recovery codes, shown once' })
  @ApiOkResponse({ type: RecoveryCodesResponse })
  async confirm(@CurrentUserId() userId: string, @Body() body: TwoFactorCodeDto, @Client() client: ClientInfo): Promise<RecoveryCodesResponse> {
    const { recoveryCodes } = await this.twoFactor.confirm(userId, body.code);
    await this.events.record(userId, 'two-factor-enabled', { ...client, details: { recoveryCodes: recoveryCodes.length } });
    return { recoveryCodes };
  }

  @Delete()
  @HttpCode(204)
  @ApiOperation({ summary: 'Turn two-factor off (needs the password and a current code or a recovery code)' })
  @ApiNoContentResponse()
  async disable(@CurrentUserId() userId: string, @Body() body: TwoFactorPasswordAndCodeDto, @Client() client: ClientInfo): Promise<void> {
    const proof = await this.twoFactor.disable(userId, body.password, body.code, client.ip ?? '');
    await this.recordRecoveryCodeUse(userId, proof, client);
    await this.events.record(userId, 'two-factor-disabled', { ...client, details: { provedWith: proof.method } });
  }

  @Post('recovery-codes')
  @HttpCode(200)
  @Header('cache-control', 'no-store')
  @ReturnsSecret('recoveryCodes')
  @ApiOperation({ summary: 'Replace the recovery codes (needs the password and a current code or a recovery code); the old ones stop working' })
  @ApiOkResponse({ type: RecoveryCodesResponse })
  async regenerate(@CurrentUserId() userId: string, @Body() body: TwoFactorPasswordAndCodeDto, @Client() client: ClientInfo): Promise<RecoveryCodesResponse> {
    const { recoveryCodes, proof } = await this.twoFactor.regenerateRecoveryCodes(userId, body.password, body.code, client.ip ?? '');
    await this.recordRecoveryCodeUse(userId, proof, client);
    await this.events.record(userId, 'recovery-codes-regenerated', { ...client, details: { recoveryCodes: recoveryCodes.length } });
    return { recoveryCodes };
  }

  private async recordRecoveryCodeUse(userId: string, proof: SecondFactorResult, client: ClientInfo): Promise<void> {
    if (proof.method === 'recovery-code') await this.events.record(userId, 'recovery-code-used', { ...client, details: { recoveryCodesLeft: proof.recoveryCodesLeft ?? 0 } });
  }
}
