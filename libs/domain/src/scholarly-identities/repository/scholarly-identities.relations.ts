/**
 * The scholarly-identities module's published relations: inline views over its tables, with the columns it
 * promises, for other modules' SQL to join instead of naming its tables (see
 * people/repository/people.relations.ts for the rule). Imports nothing but the shared kernel.
 */

/**
 * The identities a user has linked to a person (the ones that attribute works; suggested and
 * rejected ones do not): person_id, user_id, source, source_author_id.
 */
export const LINKED_IDENTITIES = `(SELECT i.person_id, i.user_id, i.source, i.source_author_id FROM scholarly_identities i WHERE i.status = 'linked')`;
