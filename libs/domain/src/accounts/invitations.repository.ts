import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Invitation } from './invitation.entity';

/** Every statement on invitations. */
@Injectable()
export class InvitationsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  build(fields: Partial<Invitation>): Invitation {
    return this.dataSource.manager.create(Invitation, fields);
  }

  async insert(invitation: Invitation): Promise<void> {
    await this.dataSource.manager.insert(Invitation, invitation);
  }

  /** Newest first. */
  page(limit: number, offset: number): Promise<[Invitation[], number]> {
    return this.dataSource.manager.findAndCount(Invitation, { order: { createdAt: 'DESC', id: 'ASC' }, take: limit, skip: offset });
  }

  async delete(id: string): Promise<boolean> {
    return !!(await this.dataSource.manager.delete(Invitation, { id })).affected;
  }

  /** The invitation with this token hash, locked for the rest of the transaction. */
  lockByTokenHash(em: EntityManager, tokenHash: string): Promise<Invitation | null> {
    return em.findOne(Invitation, { where: { tokenHash }, lock: { mode: 'pessimistic_write' } });
  }

  async markUsed(em: EntityManager, id: string, userId: string): Promise<void> {
    await em.update(Invitation, { id }, { usedAt: new Date(), usedBy: userId });
  }
}
