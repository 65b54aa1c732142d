/**
 * The accounts module's published relations: inline views over its tables, with the columns it
 * promises, for other modules' SQL to join instead of naming its tables (see
 * people/repository/people.relations.ts for the rule). Imports nothing but the shared kernel.
 */

/**
 * Every account with what other modules read of it: id (the user's), time_zone (for dates its user
 * typed as days), sync_every_hours (its own publication sync cadence; null: the server's default),
 * sync_paused.
 */
export const ACCOUNTS = `(SELECT u.id, u.time_zone, u.sync_every_hours, u.sync_paused FROM users u)`;
