/**
 * The applications module's published relations: inline views over its tables, with the columns it
 * promises, for other modules' SQL to join instead of naming its tables (see
 * people/repository/people.relations.ts for the rule). Imports nothing but the shared kernel.
 */

/** Every application's heading, for a line that names it: id, user_id, organization_id, team_id, role, status. */
export const APPLICATION_HEADINGS = `(SELECT a.id, a.user_id, a.organization_id, a.team_id, a.role, a.status FROM applications a)`;
