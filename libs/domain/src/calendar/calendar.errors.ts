import { DomainError, ErrorKind } from '#platform';

/** An unknown, rotated or revoked feed URL: the same answer for all three. */
export class CalendarFeedNotFoundError extends DomainError {
  constructor() {
    super(ErrorKind.NotFound, 'calendar-feed.not-found', 'Calendar feed was not found');
  }
}
