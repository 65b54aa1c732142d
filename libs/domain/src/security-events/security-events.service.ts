import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Page } from '../people/index';
import type { ClientInfo } from './client-info';
import { SecurityEvent, SecurityEventDetails, SecurityEventKind } from './security-event.entity';
import { SecurityEventsRepository } from './security-events.repository';

/** An event as it was recorded, for the modules that act on it (account mail). */
export interface RecordedSecurityEvent {
  userId: string;
  kind: SecurityEventKind;
  client: ClientInfo;
  details: SecurityEventDetails;
}

/** Told of each event once it is recorded; what it throws is logged, never the recording's failure. */
export type SecurityEventListener = (event: RecordedSecurityEvent) => Promise<void>;

/** The account's own record of sign-ins and credential changes, newest first. */
@Injectable()
export class SecurityEventsService {
  private readonly logger = new Logger(SecurityEventsService.name);
  private readonly listeners: SecurityEventListener[] = [];

  constructor(private readonly events: SecurityEventsRepository) {}

  /**
   * Records an event. Without `em` its listeners are told at once. With `em` it is written in the
   * same transaction as the change it describes, and the listeners are told only when the caller
   * calls the answer's `announce()` after that transaction has committed: a mail must not go out
   * about a change that rolled back.
   */
  async record(
    userId: string,
    kind: SecurityEventKind,
    event: Partial<ClientInfo> & { details?: SecurityEventDetails } = {},
    em?: EntityManager,
  ): Promise<{ announce(): Promise<void> }> {
    const recorded: RecordedSecurityEvent = { userId, kind, client: { ip: event.ip ?? null, userAgent: event.userAgent ?? null }, details: event.details ?? {} };
    await this.events.insert({ userId, kind, ip: recorded.client.ip, userAgent: recorded.client.userAgent, details: recorded.details }, em);
    if (!em) {
      await this.announce(recorded);
      return { announce: async () => undefined };
    }
    let announced = false;
    return {
      announce: async () => {
        if (announced) return;
        announced = true;
        await this.announce(recorded);
      },
    };
  }

  private async announce(recorded: RecordedSecurityEvent): Promise<void> {
    const { kind } = recorded;
    for (const listener of this.listeners) {
      try {
        await listener(recorded);
      } catch (e) {
        this.logger.warn(`a ${kind} event's listener failed: ${(e as Error).message}`);
      }
    }
  }

  /** Adds a listener told of every event recorded from now on (by the module that acts on them, when it starts). */
  subscribe(listener: SecurityEventListener): void {
    this.listeners.push(listener);
  }

  /** The account's latest sign-ins (newest first, at most `limit`), with where they came from. */
  recentSignIns(userId: string, limit: number): Promise<{ client: ClientInfo; details: SecurityEventDetails }[]> {
    return this.events.recentOfKind(userId, 'sign-in', limit);
  }

  async list(userId: string, query: { limit?: number; offset?: number } = {}): Promise<Page<SecurityEvent>> {
    const limit = query.limit ?? 50;
    const offset = query.offset ?? 0;
    const [items, total] = await this.events.page(userId, limit, offset);
    return { items, total, limit, offset };
  }
}
