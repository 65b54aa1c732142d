/**
 * The sync module's published relations: inline views over its tables, with the columns it
 * promises, for other modules' SQL to join instead of naming its tables (see
 * people/repository/people.relations.ts for the rule). Imports nothing but the shared kernel.
 */

/** Every sync run: id, person_id (the person it synced). */
export const SYNC_RUNS = `(SELECT r.id, r.person_id FROM sync_runs r)`;
