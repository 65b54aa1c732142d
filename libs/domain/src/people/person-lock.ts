import type { EntityManager } from 'typeorm';
import { NotFoundError } from '#platform';
import { Person } from './person.entity';

/**
 * Locks a (not deleted) person's row for the rest of the transaction, or throws 404. Writes to one
 * person's timeline or follow-up take it first, so they queue up and each `PeopleService.touch`
 * sees the others' rows; without it the last to commit could keep a stale date.
 */
export async function lockPerson(em: EntityManager, userId: string, personId: string): Promise<Person> {
  const person = await em.findOne(Person, { where: { id: personId, userId }, lock: { mode: 'pessimistic_write' } });
  if (!person) throw new NotFoundError('person', personId);
  return person;
}
