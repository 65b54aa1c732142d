import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { NotFoundError } from '#platform';
import { PeopleService } from '../people/index';
import type { Page } from '../people/index';
import { InteractionInput, interactionColumns, NewInteraction } from './interaction-input';
import { Interaction, InteractionType } from './interaction.entity';
import { InteractionsRepository } from './interactions.repository';

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
    private readonly interactions: InteractionsRepository,
    private readonly people: PeopleService,
  ) {}

  /** Newest first; the id breaks ties so pages never repeat or skip one. */
  async list(userId: string, personId: string, query: InteractionsQuery = {}): Promise<Page<Interaction>> {
    const limit = query.limit ?? 50;
    const offset = query.offset ?? 0;
    await this.people.assertExists(userId, personId);
    const [items, total] = await this.interactions.page(userId, personId, query.type, limit, offset);
    return { items, total, limit, offset };
  }

  async get(userId: string, id: string): Promise<Interaction> {
    return this.find(userId, id);
  }

  create(userId: string, personId: string, input: NewInteraction): Promise<Interaction> {
    const columns = interactionColumns(input);
    return this.interactions.transaction(async (em) => {
      await this.people.lock(em, userId, personId);
      const interaction = await this.interactions.insert(em, { channel: null, offered: null, asked: null, ...columns, userId, personId });
      await this.people.touch(em, userId, personId);
      // The user was in touch: a follow-up Dossier suggested (e.g. thanking a referrer) is taken care of.
      await this.people.clearFollowUpReason(em, userId, personId);
      return this.find(userId, interaction.id, em);
    });
  }

  update(userId: string, id: string, input: InteractionInput): Promise<Interaction> {
    const columns = interactionColumns(input);
    return this.interactions.transaction(async (em) => {
      const existing = await this.find(userId, id, em);
      if (Object.keys(columns).length === 0) return existing;
      await this.people.lock(em, userId, existing.personId);
      if (!(await this.interactions.update(em, userId, id, columns))) throw new NotFoundError('interaction', id);
      await this.people.touch(em, userId, existing.personId);
      return this.find(userId, id, em);
    });
  }

  remove(userId: string, id: string): Promise<void> {
    return this.interactions.transaction(async (em) => {
      const existing = await this.find(userId, id, em);
      await this.people.lock(em, userId, existing.personId);
      if (!(await this.interactions.delete(em, userId, id))) throw new NotFoundError('interaction', id);
      await this.people.touch(em, userId, existing.personId);
    });
  }

  private async find(userId: string, id: string, em?: EntityManager): Promise<Interaction> {
    const interaction = await this.interactions.find(userId, id, em);
    if (!interaction) throw new NotFoundError('interaction', id);
    return interaction;
  }
}
