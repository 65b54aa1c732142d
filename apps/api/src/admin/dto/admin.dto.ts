import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsIn, IsInt, IsOptional, Max, MaxLength, Min } from 'class-validator';
import { Invitation, INVITATION_DEFAULT_DAYS, invitationStatus, InvitationStatus, User, UserRole } from '#domain/accounts/index';

export class AdminUserResponse {
  @ApiProperty() id: string;
  @ApiProperty() email: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: ['admin', 'user'] }) role: UserRole;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) lastSignInAt: string | null;
  @ApiProperty() disabled: boolean;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) disabledAt: string | null;

  static from(u: User): AdminUserResponse {
    return {
      id: u.id,
      email: u.email,
      displayName: u.displayName,
      role: u.role,
      createdAt: u.createdAt.toISOString(),
      lastSignInAt: u.lastSignInAt?.toISOString() ?? null,
      disabled: !!u.disabledAt,
      disabledAt: u.disabledAt?.toISOString() ?? null,
    };
  }
}

export class AdminUsersPage {
  @ApiProperty({ type: [AdminUserResponse], description: 'Oldest first' }) items: AdminUserResponse[];
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}

export class UpdateUserDto {
  @ApiPropertyOptional({ description: 'true: the account cannot sign in and its tokens are refused at once; false: enabled again' })
  @IsOptional()
  @IsBoolean()
  disabled?: boolean;

  @ApiPropertyOptional({ enum: ['admin', 'user'] })
  @IsOptional()
  @IsIn(['admin', 'user'])
  role?: UserRole;
}

export class CreateInvitationDto {
  @ApiPropertyOptional({ description: 'Only this address may register with it' })
  @IsOptional()
  @IsEmail()
  @MaxLength(320)
  email?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 90, default: INVITATION_DEFAULT_DAYS })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(90)
  expiresInDays?: number;
}

export class InvitationResponse {
  @ApiProperty() id: string;
  @ApiProperty({ nullable: true, type: String }) email: string | null;
  @ApiProperty({ enum: ['pending', 'used', 'expired'] }) status: InvitationStatus;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) usedAt: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The account registered with it' }) usedBy: string | null;
  @ApiProperty({ description: 'The admin who sent it' }) createdBy: string;

  static from(i: Invitation): InvitationResponse {
    return {
      id: i.id,
      email: i.email,
      status: invitationStatus(i),
      createdAt: i.createdAt.toISOString(),
      expiresAt: i.expiresAt.toISOString(),
      usedAt: i.usedAt?.toISOString() ?? null,
      usedBy: i.usedBy,
      createdBy: i.createdBy,
    };
  }
}

export class CreatedInvitationResponse extends InvitationResponse {
  @ApiProperty({ description: 'The link to send: the dashboard’s sign-up page for this invitation (shown once)' }) url: string;
  @ApiProperty({ description: 'The invitation token, as POST /auth/register takes it (shown once)' }) token: string;
}

export class InvitationsPage {
  @ApiProperty({ type: [InvitationResponse], description: 'Newest first' }) items: InvitationResponse[];
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}
