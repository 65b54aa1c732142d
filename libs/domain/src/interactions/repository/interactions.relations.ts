/**
 * The interactions module's published relations: inline views over its tables, with the columns it
 * promises, for other modules' SQL to join instead of naming its tables (see
 * people/repository/people.relations.ts for the rule). Imports nothing but the shared kernel.
 */

/** Every interaction (a touch-point with a person): id, user_id, person_id, occurred_at, asked (what was asked of them, or null). */
export const INTERACTIONS = `(SELECT i.id, i.user_id, i.person_id, i.occurred_at, i.asked FROM interactions i)`;
