import { ApiProperty } from '@nestjs/swagger';

export class IssuedFeedResponse {
  @ApiProperty({ example: 'https://dossier.example.org/calendar/3q2-7wXb….ics', description: 'Subscribe to this URL in your calendar app. It is shown only now: keep it secret, anyone with it can read your calendar' })
  url: string;

  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class FeedStatusResponse {
  @ApiProperty({ description: 'Whether a feed URL is active (the URL itself cannot be shown again)' }) active: boolean;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) createdAt: string | null;
}
