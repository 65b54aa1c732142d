import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull, Not } from 'typeorm';
import { User } from './user.entity';

/** Every statement on users. Methods that take an EntityManager run inside the caller's transaction. */
@Injectable()
export class UsersRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** A transaction-wide advisory lock on `name` (SQL text giving a bigint, e.g. `hashtext('…')`): such writes run one at a time. */
  async advisoryLock(em: EntityManager, name: string): Promise<void> {
    await em.query(`SELECT pg_advisory_xact_lock(${name})`);
  }

  /** Whether the server has any account yet. */
  any(em: EntityManager = this.dataSource.manager): Promise<boolean> {
    return em.exists(User);
  }

  build(em: EntityManager, fields: Partial<User>): User {
    return em.create(User, fields);
  }

  async insert(em: EntityManager, user: User): Promise<void> {
    await em.insert(User, user);
  }

  findByEmail(email: string): Promise<User | null> {
    return this.dataSource.manager.findOneBy(User, { email });
  }

  findById(id: string, em: EntityManager = this.dataSource.manager): Promise<User | null> {
    return em.findOneBy(User, { id });
  }

  save(user: User): Promise<User> {
    return this.dataSource.manager.save(user);
  }

  async update(id: string, patch: Partial<User>, em: EntityManager = this.dataSource.manager): Promise<void> {
    await em.update(User, { id }, patch);
  }

  /** Whether an admin other than `id` is active. */
  otherActiveAdminExists(em: EntityManager, id: string): Promise<boolean> {
    return em.exists(User, { where: { role: 'admin', disabledAt: IsNull(), id: Not(id) } });
  }

  /** Every account, oldest first. */
  page(limit: number, offset: number): Promise<[User[], number]> {
    return this.dataSource.manager.findAndCount(User, { order: { createdAt: 'ASC', id: 'ASC' }, take: limit, skip: offset });
  }

  /** The user's IANA time zone ('UTC' for an unknown user). */
  async timeZone(userId: string, em: EntityManager = this.dataSource.manager): Promise<string> {
    const [row] = (await em.query('SELECT time_zone FROM users WHERE id = $1', [userId])) as { time_zone: string }[];
    return row?.time_zone ?? 'UTC';
  }
}
