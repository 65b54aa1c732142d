import { ApiProperty } from '@nestjs/swagger';
import { UserResponse } from './auth.dto';

/** What a browser sign-in answers: the user, and until when; the credential itself is in the cookie. */
export class BrowserSessionResponse {
  @ApiProperty({ type: UserResponse }) user: UserResponse;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
}
