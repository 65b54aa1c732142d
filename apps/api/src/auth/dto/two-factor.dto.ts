import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class TwoFactorPasswordDto {
  @ApiProperty({ description: 'Your password: enrolling needs it again' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  password: string;
}

export class TwoFactorCodeDto {
  @ApiProperty({ description: 'The 6-digit code your authenticator app shows for the new secret', example: '123456' })
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  code: string;
}

export class TwoFactorPasswordAndCodeDto {
  @ApiProperty({ description: 'Your password' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  password: string;

  @ApiProperty({ description: 'A current 6-digit code from your authenticator app, or an unused recovery code (which is then spent)', example: '123456' })
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  code: string;
}

export class PendingTwoFactorResponse {
  @ApiProperty({ description: 'The base32 secret, to type into an authenticator app by hand. Shown once.' }) secret: string;
  @ApiProperty({ description: 'otpauth://totp/… URL of the same secret, for a QR code. Shown once.' }) otpauthUrl: string;
}

export class RecoveryCodesResponse {
  @ApiProperty({ type: [String], description: 'Ten one-time codes that sign in instead of the app. Shown only now: keep them somewhere safe.', example: ['7kq2-m9xd-3hfp-c8wn'] })
  recoveryCodes: string[];
}
