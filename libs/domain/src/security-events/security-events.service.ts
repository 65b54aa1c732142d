import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Page } from '../people/index';
import type { ClientInfo } from './client-info';
import { SecurityEvent, SecurityEventDetails, SecurityEventKind } from './security-event.entity';
import { SecurityEventsRepository } from './security-events.repository';

/** The account's own record of sign-ins and credential changes, newest first. */
@Injectable()
export class SecurityEventsService {
  constructor(private readonly events: SecurityEventsRepository) {}

  /** Records an event; pass `em` to write it in the same transaction as the change it describes. */
  async record(userId: string, kind: SecurityEventKind, event: Partial<ClientInfo> & { details?: SecurityEventDetails } = {}, em?: EntityManager): Promise<void> {
    await this.events.insert({ userId, kind, ip: event.ip ?? null, userAgent: event.userAgent ?? null, details: event.details ?? {} }, em);
  }

  async list(userId: string, query: { limit?: number; offset?: number } = {}): Promise<Page<SecurityEvent>> {
    const limit = query.limit ?? 50;
    const offset = query.offset ?? 0;
    const [items, total] = await this.events.page(userId, limit, offset);
    return { items, total, limit, offset };
  }
}
