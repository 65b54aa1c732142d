import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { columnReference } from '#platform';
import { Person } from '../people/index';
import { Interaction, InteractionType } from './interaction.entity';
import type { PersonReference } from '../people/index';

/** Every statement on interactions. Methods that take an EntityManager run inside the caller's transaction. */
@Injectable()
export class InteractionsRepository {
  /** Interactions are about the person: they follow a merge to the survivor and go with an erasure. People's merges and erasures run these (registered in InteractionsModule). */
  readonly personReferences: PersonReference[] = [
    { label: 'interactions', ...columnReference({ table: 'interactions', column: 'person_id', onErase: 'delete' }) },
  ];

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** A person's timeline, newest first; the id breaks ties so pages never repeat or skip one. */
  page(userId: string, personId: string, type: InteractionType | undefined, limit: number, offset: number): Promise<[Interaction[], number]> {
    const qb = this.dataSource.getRepository(Interaction).createQueryBuilder('i').where('i.user_id = :userId AND i.person_id = :personId', { userId, personId });
    if (type) qb.andWhere('i.type = :type', { type });
    return qb.orderBy('i.occurred_at', 'DESC').addOrderBy('i.id', 'ASC').limit(limit).offset(offset).getManyAndCount();
  }

  /** One interaction of a person not deleted. */
  find(userId: string, id: string, em: EntityManager = this.dataSource.manager): Promise<Interaction | null> {
    return em
      .createQueryBuilder(Interaction, 'i')
      .innerJoin(Person, 'p', 'p.id = i.person_id AND p.deleted_at IS NULL')
      .where('i.id = :id AND i.user_id = :userId', { id, userId })
      .getOne();
  }

  findById(id: string): Promise<Interaction> {
    return this.dataSource.manager.findOneByOrFail(Interaction, { id });
  }

  /** Inserts a new interaction; answers it with its generated id. */
  async insert(em: EntityManager, fields: Partial<Interaction>): Promise<Interaction> {
    const interaction = em.create(Interaction, fields);
    await em.insert(Interaction, interaction);
    return interaction;
  }

  async update(em: EntityManager, userId: string, id: string, columns: Partial<Interaction>): Promise<boolean> {
    return !!(await em.update(Interaction, { id, userId }, columns)).affected;
  }

  async delete(em: EntityManager, userId: string, id: string): Promise<boolean> {
    return !!(await em.delete(Interaction, { id, userId })).affected;
  }
}
