import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { NotFoundError } from '#platform';
import { lockPerson, PeopleService, Person } from '../people/index';
import type { Page } from '../people/index';
import { InteractionInput, interactionColumns, NewInteraction } from './interaction-input';
import { Interaction, InteractionType } from './interaction.entity';

/** Clears the reason of a suggested follow-up once the user has been in touch. */
export async function clearFollowUpReason(em: EntityManager, userId: string, personId: string): Promise<void> {
  await em.query('UPDATE people SET next_follow_up_reason = NULL WHERE id = $1 AND user_id = $2 AND next_follow_up_reason IS NOT NULL', [personId, userId]);
}

export interface InteractionsQuery {
  type?: InteractionType;
  limit?: number;
  offset?: number;
}

/**
 * The timeline of touch-points with a person. Every write re-derives the person's last interaction
 * and next follow-up in the same transaction. A soft-deleted person's interactions are not found.
 */
@Injectable()
export class InteractionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly people: PeopleService,
  ) {}

  /** Newest first; the id breaks ties so pages never repeat or skip one. */
  async list(userId: string, personId: string, query: InteractionsQuery = {}): Promise<Page<Interaction>> {
    const limit = query.limit ?? 50;
    const offset = query.offset ?? 0;
    await this.people.assertExists(userId, personId);
    const qb = this.dataSource.getRepository(Interaction).createQueryBuilder('i').where('i.user_id = :userId AND i.person_id = :personId', { userId, personId });
    if (query.type) qb.andWhere('i.type = :type', { type: query.type });
    qb.orderBy('i.occurred_at', 'DESC').addOrderBy('i.id', 'ASC').limit(limit).offset(offset);
    const [items, total] = await qb.getManyAndCount();
    return { items, total, limit, offset };
  }

  async get(userId: string, id: string): Promise<Interaction> {
    return this.find(this.dataSource.manager, userId, id);
  }

  create(userId: string, personId: string, input: NewInteraction): Promise<Interaction> {
    const columns = interactionColumns(input);
    return this.dataSource.transaction(async (em) => {
      await lockPerson(em, userId, personId);
      const interaction = em.create(Interaction, { channel: null, offered: null, asked: null, ...columns, userId, personId });
      await em.insert(Interaction, interaction);
      await this.people.touch(em, userId, personId);
      // The user was in touch: a follow-up Dossier suggested (e.g. thanking a referrer) is taken care of.
      await clearFollowUpReason(em, userId, personId);
      return this.find(em, userId, interaction.id);
    });
  }

  update(userId: string, id: string, input: InteractionInput): Promise<Interaction> {
    const columns = interactionColumns(input);
    return this.dataSource.transaction(async (em) => {
      const existing = await this.find(em, userId, id);
      if (Object.keys(columns).length === 0) return existing;
      await lockPerson(em, userId, existing.personId);
      const result = await em.update(Interaction, { id, userId }, columns);
      if (!result.affected) throw new NotFoundError('interaction', id);
      await this.people.touch(em, userId, existing.personId);
      return this.find(em, userId, id);
    });
  }

  remove(userId: string, id: string): Promise<void> {
    return this.dataSource.transaction(async (em) => {
      const existing = await this.find(em, userId, id);
      await lockPerson(em, userId, existing.personId);
      const result = await em.delete(Interaction, { id, userId });
      if (!result.affected) throw new NotFoundError('interaction', id);
      await this.people.touch(em, userId, existing.personId);
    });
  }

  private async find(em: EntityManager, userId: string, id: string): Promise<Interaction> {
    const interaction = await em
      .createQueryBuilder(Interaction, 'i')
      .innerJoin(Person, 'p', 'p.id = i.person_id AND p.deleted_at IS NULL')
      .where('i.id = :id AND i.user_id = :userId', { id, userId })
      .getOne();
    if (!interaction) throw new NotFoundError('interaction', id);
    return interaction;
  }
}
