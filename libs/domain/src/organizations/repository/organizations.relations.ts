/**
 * The organizations module's published relations: inline views over its tables, with the columns it
 * promises, for other modules' SQL to join instead of naming its tables (see
 * people/repository/people.relations.ts for the rule). Imports nothing but the shared kernel.
 */

/** Every organization of every account: id, user_id, name, name_folded (what searches match). */
export const ORGANIZATIONS = `(SELECT o.id, o.user_id, o.name, o.name_folded FROM organizations o)`;

/** Every team: id, user_id, organization_id, name. */
export const TEAMS = `(SELECT t.id, t.user_id, t.organization_id, t.name FROM teams t)`;
