import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { type AppConfig, publicLink } from '#platform';
import { InterviewsService } from '../interviews/index';
import { PeopleService } from '../people/index';
import { ClientInfo, NO_CLIENT, SecurityEventsService } from '../security-events/index';
import { TasksService } from '../tasks/index';
import { CalendarFeedsRepository } from './calendar-feeds.repository';
import { renderCalendar } from './calendar-ics';
import { CalendarFeedNotFoundError } from './calendar.errors';

/** 32 random bytes in base64url: what a feed token looks like; anything else is not looked up. */
const TOKEN_RE = /^[A-Za-z0-9_-]{43}$/;

export interface IssuedFeed {
  /** The secret, shown once: only its SHA-256 is stored. */
  token: string;
  createdAt: Date;
}

/**
 * The user's private iCalendar feed. Calendar apps subscribe by URL and cannot send a bearer
 * token, so the URL carries a secret; one feed per user, rotated by issuing a new one.
 */
@Injectable()
export class CalendarFeedService {
  constructor(
    private readonly feeds: CalendarFeedsRepository,
    private readonly interviews: InterviewsService,
    private readonly people: PeopleService,
    private readonly tasks: TasksService,
    private readonly events: SecurityEventsService,
  ) {}

  /** The URL a calendar app subscribes to, on PUBLIC_URL (never on the Host the request came with). */
  url(config: Pick<AppConfig, 'http'>, token: string): string {
    return publicLink(config, `/calendar/${token}.ics`);
  }

  /** Creates the feed, or rotates it: the previous URL stops working at once. */
  async issue(userId: string, client: ClientInfo = NO_CLIENT): Promise<IssuedFeed> {
    const token = randomBytes(32).toString('base64url');
    const row = await this.feeds.upsert(userId, hashToken(token));
    // The URL is the secret: the event says only that a feed was made or replaced.
    await this.events.record(userId, 'feed-rotated', { ...client, details: { replacedPrevious: !row.created } });
    return { token, createdAt: row.createdAt };
  }

  async status(userId: string): Promise<{ active: boolean; createdAt: Date | null }> {
    const feed = await this.feeds.findByUser(userId);
    return { active: !!feed, createdAt: feed?.createdAt ?? null };
  }

  /** Revoking twice is not an error: either way there is no feed afterwards. */
  async revoke(userId: string, client: ClientInfo = NO_CLIENT): Promise<void> {
    if (await this.feeds.deleteByUser(userId)) await this.events.record(userId, 'feed-revoked', { ...client });
  }

  /** The .ics document for a feed token. */
  async render(token: string): Promise<string> {
    if (!TOKEN_RE.test(token)) throw new CalendarFeedNotFoundError();
    const feed = await this.feeds.findByTokenHash(hashToken(token));
    if (!feed) throw new CalendarFeedNotFoundError();
    const userId = feed.userId;
    // One snapshot, so a task and the interview it prepares for come from the same moment.
    const content = await this.feeds.snapshot(async (em) => ({
      interviews: await this.interviews.all(userId, em),
      tasks: await this.tasks.openDated(userId, em),
      followUps: await this.people.withFollowUps(userId, em),
    }));
    return renderCalendar(content);
  }
}

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
