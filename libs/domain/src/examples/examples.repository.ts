import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

/**
 * The example account owns no table: it writes through the owners' services. What is left here is
 * its transaction and the database's time-zone arithmetic.
 */
@Injectable()
export class ExamplesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  get manager(): EntityManager {
    return this.dataSource.manager;
  }

  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** The instant of a wall-clock time on a date in a time zone (PostgreSQL's zone database, as the prep tasks use). */
  async instant(em: EntityManager, date: string, time: string, timeZone: string): Promise<Date> {
    const [row] = (await em.query('SELECT ($1::date + $2::time) AT TIME ZONE $3 AS at', [date, time, timeZone])) as { at: Date }[];
    return row.at;
  }
}
