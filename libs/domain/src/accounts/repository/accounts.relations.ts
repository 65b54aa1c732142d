/**
 * The accounts module's published relations: inline views over its tables, with the columns it
 * promises, for other modules' SQL to join instead of naming its tables (see
 * people/repository/people.relations.ts for the rule). Imports nothing but the shared kernel.
 */

/** Each account's time zone, for dates its user typed as days: id (the user's), time_zone. */
export const USER_TIME_ZONES = `(SELECT u.id, u.time_zone FROM users u)`;
