import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Page } from '../people/index';
import type { ClientInfo } from './client-info';
import { SecurityEvent, SecurityEventDetails, SecurityEventKind } from './security-event.entity';

/** The account's own record of sign-ins and credential changes, newest first. */
@Injectable()
export class SecurityEventsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Records an event; pass `em` to write it in the same transaction as the change it describes. */
  async record(userId: string, kind: SecurityEventKind, event: Partial<ClientInfo> & { details?: SecurityEventDetails } = {}, em: EntityManager = this.dataSource.manager): Promise<void> {
    await em.insert(SecurityEvent, { userId, kind, ip: event.ip ?? null, userAgent: event.userAgent ?? null, details: event.details ?? {} });
  }

  async list(userId: string, query: { limit?: number; offset?: number } = {}): Promise<Page<SecurityEvent>> {
    const limit = query.limit ?? 50;
    const offset = query.offset ?? 0;
    const [items, total] = await this.dataSource.manager.findAndCount(SecurityEvent, { where: { userId }, order: { at: 'DESC', id: 'DESC' }, take: limit, skip: offset });
    return { items, total, limit, offset };
  }
}
