import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayNotEmpty, ArrayUnique, IsArray, IsEmail, IsIn, IsInt, IsOptional, IsString, IsTimeZone, Length, Max, MaxLength, Min, MinLength } from 'class-validator';
import { TOKEN_SCOPES } from '#domain/accounts/index';
import type { AccessToken, TokenScope, User, UserRole } from '#domain/accounts/index';
import type { SecurityEvent, SecurityEventDetails, SecurityEventKind } from '#domain/security-events/index';
import { SECURITY_EVENT_KINDS } from '#domain/security-events/index';

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

  @ApiPropertyOptional({ description: 'The invitation token an admin sent (needed when REGISTRATION=invite, except for the first account)' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  invitation?: string;
}

export class RegistrationResponse {
  @ApiProperty({ enum: ['invite', 'open', 'closed'], description: 'Who may register: with an invitation, anyone, or nobody' }) mode: 'invite' | 'open' | 'closed';
  @ApiProperty({ description: 'No account exists yet: the next one to register becomes the admin, whatever the mode' }) firstAccount: boolean;
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString()
  @MaxLength(200)
  currentPassword: string;

  @ApiProperty({ minLength: 10, maxLength: 200 })
  @IsString()
  @MinLength(10)
  @MaxLength(200)
  newPassword: string;
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

  @ApiPropertyOptional({ type: [String], enum: TOKEN_SCOPES, enumName: 'TokenScope', description: 'read: GET requests; write: every other method. Default: the scopes of the token making the request (both for a sign-in session); never more' })
  @IsOptional()
  @IsArray()
  @ArrayNotEmpty()
  @ArrayUnique()
  @IsIn(TOKEN_SCOPES, { each: true })
  scopes?: TokenScope[];
}

export class UserResponse {
  @ApiProperty() id: string;
  @ApiProperty() email: string;
  @ApiProperty() displayName: string;
  @ApiProperty() timeZone: string;
  @ApiProperty({ enum: ['admin', 'user'], description: 'admin: the server’s operator (users, invitations, the queue dashboard)' }) role: UserRole;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ description: 'Whether signing in needs a code from an authenticator app' }) twoFactorEnabled: boolean; // [two-factor]

  static from(user: User, twoFactorEnabled: boolean): UserResponse {
    return { id: user.id, email: user.email, displayName: user.displayName, timeZone: user.timeZone, role: user.role, createdAt: user.createdAt.toISOString(), twoFactorEnabled };
  }
}

export class SessionResponse {
  @ApiProperty({ type: UserResponse }) user: UserResponse;
  @ApiProperty({ description: 'Bearer token; send as `Authorization: Bearer <token>`' }) token: string;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
}

/** Where a credential was issued and last used from. */
class CredentialUse {
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ nullable: true, type: String, description: 'Address it was issued to' }) ip: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'User-Agent it was issued to (shortened)' }) userAgent: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'Recorded at most once a minute' }) lastUsedAt: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Address it was last used from' }) lastIp: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) expiresAt: string | null;

  static use(t: AccessToken): CredentialUse {
    return {
      createdAt: t.createdAt.toISOString(),
      ip: t.createdIp,
      userAgent: t.userAgent,
      lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
      lastIp: t.lastIp,
      expiresAt: t.expiresAt?.toISOString() ?? null,
    };
  }
}

export class TokenResponse extends CredentialUse {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'First characters of the token, to tell tokens apart' }) prefix: string;
  @ApiProperty({ type: [String], enum: TOKEN_SCOPES, enumName: 'TokenScope' }) scopes: TokenScope[];

  static from(t: AccessToken): TokenResponse {
    return { id: t.id, name: t.name, prefix: t.tokenPrefix, scopes: t.scopes, ...CredentialUse.use(t) };
  }
}

export class TokensPage {
  @ApiProperty({ type: [TokenResponse], description: 'Newest first; revoked tokens are left out, expired ones shown with their date' }) items: TokenResponse[];
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}

export class SessionItemResponse extends CredentialUse {
  @ApiProperty() id: string;
  @ApiProperty({ description: 'The session this request was made with' }) current: boolean;

  static from(t: AccessToken, currentTokenId: string): SessionItemResponse {
    return { id: t.id, current: t.id === currentTokenId, ...CredentialUse.use(t) };
  }
}

export class SessionsPage {
  @ApiProperty({ type: [SessionItemResponse], description: 'Sign-in sessions still valid, newest first' }) items: SessionItemResponse[];
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}

export class SecurityEventResponse {
  @ApiProperty() id: string;
  @ApiProperty({ enum: SECURITY_EVENT_KINDS, enumName: 'SecurityEventKind' }) kind: SecurityEventKind;
  @ApiProperty() at: string;
  @ApiProperty({ nullable: true, type: String }) ip: string | null;
  @ApiProperty({ nullable: true, type: String }) userAgent: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Ids, names and counts; never a password, token or secret URL' }) details: SecurityEventDetails;

  static from(e: SecurityEvent): SecurityEventResponse {
    return { id: e.id, kind: e.kind, at: e.at.toISOString(), ip: e.ip, userAgent: e.userAgent, details: e.details };
  }
}

export class SecurityEventsPage {
  @ApiProperty({ type: [SecurityEventResponse], description: 'Newest first' }) items: SecurityEventResponse[];
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}

export class CreatedTokenResponse extends TokenResponse {
  @ApiProperty({ description: 'The token itself, shown only once' }) token: string;
}
