import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { lockAccountRow } from '../accounts/index';

/**
 * The export's transactions. The parts read and write their own modules' tables (each module's
 * <module>.export.ts); this holds only what wraps them: the snapshot, the restore's transaction and
 * the lock that serializes restores into one account.
 */
@Injectable()
export class AccountExportRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Outside a transaction, for the parts' own reads. */
  get manager(): EntityManager {
    return this.dataSource.manager;
  }

  /** One consistent snapshot: every read in `work` sees the same repeatable-read state. */
  snapshot<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction('REPEATABLE READ', work);
  }

  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** Holds the account's row until the transaction ends, so that two restores into it run one after the other. */
  async lockAccount(em: EntityManager, userId: string): Promise<void> {
    await lockAccountRow(em, userId);
  }
}
