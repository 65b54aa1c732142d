import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsInt, IsOptional, IsString, IsTimeZone, Length, Max, MaxLength, Min, MinLength } from 'class-validator';
import type { AccessToken, User } from '#domain/accounts/index';

export class RegisterDto {
  @ApiProperty({ example: 'ada@example.org' })
  @IsEmail()
  @MaxLength(320)
  email: string;

  @ApiProperty({ minLength: 10, maxLength: 200 })
  @IsString()
  @MinLength(10)
  @MaxLength(200)
  password: string;

  @ApiPropertyOptional({ example: 'Ada' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  displayName?: string;

  @ApiPropertyOptional({ example: 'Europe/London', description: 'IANA time zone' })
  @IsOptional()
  @IsTimeZone()
  timeZone?: string;
}

export class LoginDto {
  @ApiProperty()
  @IsEmail()
  email: string;

  @ApiProperty()
  @IsString()
  @MaxLength(200)
  password: string;

  // [two-factor]
  @ApiPropertyOptional({ description: 'Needed when the account has two-factor on: the 6-digit code from the authenticator app, or an unused recovery code', example: '123456' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  code?: string;
}

export class UpdateMeDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 200)
  displayName?: string;

  @ApiPropertyOptional({ description: 'IANA time zone' })
  @IsOptional()
  @IsTimeZone()
  timeZone?: string;
}

export class CreateTokenDto {
  @ApiProperty({ example: 'dashboard on my laptop' })
  @IsString()
  @Length(1, 100)
  name: string;

  @ApiPropertyOptional({ description: 'Days until the token expires; omit for no expiry', minimum: 1, maximum: 3650 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(3650)
  expiresInDays?: number;
}

export class UserResponse {
  @ApiProperty() id: string;
  @ApiProperty() email: string;
  @ApiProperty() displayName: string;
  @ApiProperty() timeZone: string;
  @ApiProperty() createdAt: string;
  @ApiProperty({ description: 'Whether signing in needs a code from an authenticator app' }) twoFactorEnabled: boolean; // [two-factor]

  static from(user: User, twoFactorEnabled: boolean): UserResponse {
    return { id: user.id, email: user.email, displayName: user.displayName, timeZone: user.timeZone, createdAt: user.createdAt.toISOString(), twoFactorEnabled };
  }
}

export class SessionResponse {
  @ApiProperty({ type: UserResponse }) user: UserResponse;
  @ApiProperty({ description: 'Bearer token; send as `Authorization: Bearer <token>`' }) token: string;
  @ApiProperty() expiresAt: string;
}

export class TokenResponse {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'First characters of the token, to tell tokens apart' }) prefix: string;
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true, type: String }) lastUsedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) expiresAt: string | null;

  static from(t: AccessToken): TokenResponse {
    return { id: t.id, name: t.name, prefix: t.tokenPrefix, createdAt: t.createdAt.toISOString(), lastUsedAt: t.lastUsedAt?.toISOString() ?? null, expiresAt: t.expiresAt?.toISOString() ?? null };
  }
}

export class CreatedTokenResponse extends TokenResponse {
  @ApiProperty({ description: 'The token itself, shown only once' }) token: string;
}
