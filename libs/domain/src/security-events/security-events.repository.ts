import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { SecurityEvent } from './security-event.entity';

/** Every statement on security events. */
@Injectable()
export class SecurityEventsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(fields: Partial<SecurityEvent>, em: EntityManager = this.dataSource.manager): Promise<void> {
    await em.insert(SecurityEvent, fields);
  }

  /** The user's latest events of one kind, newest first. */
  async recentOfKind(userId: string, kind: SecurityEvent['kind'], limit: number): Promise<{ client: { ip: string | null; userAgent: string | null }; details: SecurityEvent['details'] }[]> {
    const rows = await this.dataSource.manager.find(SecurityEvent, { where: { userId, kind }, order: { at: 'DESC', id: 'DESC' }, take: limit });
    return rows.map((r) => ({ client: { ip: r.ip, userAgent: r.userAgent }, details: r.details }));
  }

  /** The user's events, newest first. */
  page(userId: string, limit: number, offset: number): Promise<[SecurityEvent[], number]> {
    return this.dataSource.manager.findAndCount(SecurityEvent, { where: { userId }, order: { at: 'DESC', id: 'DESC' }, take: limit, skip: offset });
  }
}
