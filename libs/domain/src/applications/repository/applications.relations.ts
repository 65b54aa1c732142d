/**
 * The applications module's published relations: inline views over its tables, with the columns it
 * promises, for other modules' SQL to join instead of naming its tables (see
 * people/repository/people.relations.ts for the rule). Imports nothing but the shared kernel.
 */

/**
 * Every application of every account: id, user_id, organization_id, team_id, role, status, keywords. A plain
 * projection of the table, so a `FOR UPDATE` over it locks the application's own row (PostgreSQL
 * locks the tables of a subquery in FROM), as the applications module's own lock does.
 */
export const APPLICATIONS = `(SELECT a.id, a.user_id, a.organization_id, a.team_id, a.role, a.status, a.keywords FROM applications a)`;

/** Every stage of every application: id, user_id, application_id, left_at (when the loop moved past it; null until then). */
export const APPLICATION_STAGES = `(SELECT s.id, s.user_id, s.application_id, s.left_at FROM application_stages s)`;
