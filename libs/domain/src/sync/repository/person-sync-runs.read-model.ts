import type { EntityManager } from 'typeorm';

/** The ids of a person's sync runs: their jobs carry only the run's id, so erasing the person finds the jobs by them. */
export async function syncRunIdsOfPerson(em: EntityManager, personId: string): Promise<string[]> {
  const runs = (await em.query('SELECT id FROM sync_runs WHERE person_id = $1', [personId])) as { id: string }[];
  return runs.map((r) => r.id);
}
