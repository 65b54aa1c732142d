/**
 * The scholarly-identities module's published relations: inline views over its tables, with the columns it
 * promises, for other modules' SQL to join instead of naming its tables (see
 * people/repository/people.relations.ts for the rule). Imports nothing but the shared kernel.
 */

/** The identities users linked to their people (not the rejected ones): id, user_id, person_id, source, source_author_id. */
export const LINKED_IDENTITIES = `(SELECT i.id, i.user_id, i.person_id, i.source, i.source_author_id FROM scholarly_identities i WHERE i.status = 'linked')`;
