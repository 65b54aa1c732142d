/**
 * The accounts module's published relations: inline views over its tables, with the columns it
 * promises, for other modules' SQL to join instead of naming its tables (see
 * people/repository/people.relations.ts for the rule). Imports nothing but the shared kernel.
 */

/** Each account's own publication sync cadence: id (the account), sync_every_hours (null: the server's default), sync_paused. */
export const ACCOUNT_SYNC_CADENCES = `(SELECT u.id, u.sync_every_hours, u.sync_paused FROM users u)`;
