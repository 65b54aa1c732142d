/**
 * The people module's published relations: inline views over its tables, with the columns it
 * promises, for other modules' SQL to join (`JOIN ${LIVE_PEOPLE} p ON p.id = …`) instead of naming
 * the `people` table. The module may change its tables as long as these keep their columns. A
 * relations file imports nothing but the shared kernel, so any module may import it directly (the
 * second door beside index.ts) without an import cycle, whichever module sits above the other.
 */

/** A person's ORCID iD as written in their links (the iD alone, its check character upper case), or null. */
const ORCID_OF_LINKS = `upper(substring(p.links->>'orcid' from '\\d{4}-\\d{4}-\\d{4}-\\d{3}[\\dXx]'))`;

/**
 * Every person of every account, in the trash too: id, user_id, full_name, name_folded (the key
 * lists sort people by), headline, role, organization_id, orcid, deleted_at.
 */
export const PEOPLE = `(SELECT p.id, p.user_id, p.full_name, p.name_folded, p.headline, p.role, p.organization_id, ${ORCID_OF_LINKS} AS orcid, p.deleted_at FROM people p)`;

/** The people not in the trash: the same columns as PEOPLE but deleted_at. */
export const LIVE_PEOPLE = `(SELECT p.id, p.user_id, p.full_name, p.name_folded, p.headline, p.role, p.organization_id, ${ORCID_OF_LINKS} AS orcid FROM people p WHERE p.deleted_at IS NULL)`;
