import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { dateIn } from '../shared/dates';
import { UsersRepository } from './users.repository';

/**
 * The user's time zone, for modules whose "today" is the user's ("due today" should not flip at
 * midnight UTC). Given an EntityManager, it reads inside that transaction.
 */
@Injectable()
export class TimeZonesService {
  constructor(private readonly users: UsersRepository) {}

  of(userId: string, em?: EntityManager): Promise<string> {
    return this.users.timeZone(userId, em);
  }

  /** Today's date (yyyy-mm-dd) where the user lives. */
  async today(userId: string, em?: EntityManager): Promise<string> {
    return dateIn(await this.users.timeZone(userId, em), new Date());
  }
}
