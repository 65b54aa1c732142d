/**
 * The interviews module's published relations: inline views over its tables, with the columns it
 * promises, for other modules' SQL to join instead of naming its tables (see
 * people/repository/people.relations.ts for the rule). Imports nothing but the shared kernel.
 */

/** The interviews whose outcome is still pending (the next one of an application is among them): id, user_id, application_id, starts_at. */
export const PENDING_INTERVIEWS = `(SELECT i.id, i.user_id, i.application_id, i.starts_at FROM interviews i WHERE i.outcome = 'pending')`;
