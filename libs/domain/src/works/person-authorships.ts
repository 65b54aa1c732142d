/**
 * Which authorships are a person's, in one place: the rule the list of a person's works and the
 * warm paths between people both follow. An authorship is a person's when its (source, source
 * author id) is one of the person's linked identities (at arXiv, whose ids are author queries: the
 * query matched that position, see work_author_queries), or its ORCID iD is the person's (their
 * `orcid` link, or a linked ORCID identity). Never by name: namesakes are common in science; a
 * query's match that nothing else confirms is held back until the user accepts it (attribution.ts).
 */

import { scholarlySources } from '../scholarly/index';
import { LINKED_IDENTITIES } from '../scholarly-identities/repository/scholarly-identities.relations';

/**
 * A condition that `column` is one of the sources whose identities are author queries and whose works
 * name authors only by name (their descriptor's `attributedByName`: arXiv). Source names are
 * lowercase letters and digits (the registry refuses any other), so they are written into the SQL
 * as they are; with one such source it is the plain equality the planner had before.
 */
export function queriedSourcesSql(column: string): string {
  const names = scholarlySources()
    .filter((d) => d.attributedByName)
    .map((d) => `'${d.name}'`);
  return names.length === 0 ? 'false' : names.length === 1 ? `${column} = ${names[0]}` : `${column} IN (${names.join(', ')})`;
}

/**
 * SQL for the author keys of some people: rows (person_id, source, source_author_id, orcid), each
 * either an identity (orcid null) or an ORCID iD (source and source_author_id null).
 * `people` names a relation of one user's people with columns (id, orcid); `user` is the SQL
 * parameter holding that user's id (or, for many accounts' people at once, `pk.user_id`: the
 * relation's own user_id column).
 */
export function peopleAuthorKeysSql(people: string, user: string): string {
  return `
    SELECT i.person_id, i.source, i.source_author_id, NULL::text AS orcid
      FROM ${LINKED_IDENTITIES} i JOIN ${people} pk ON pk.id = i.person_id
     WHERE i.user_id = ${user}
    UNION
    SELECT pk.id, NULL, NULL, pk.orcid FROM ${people} pk WHERE pk.orcid IS NOT NULL
    UNION
    SELECT i.person_id, NULL, NULL, upper(i.source_author_id)
      FROM ${LINKED_IDENTITIES} i JOIN ${people} pk ON pk.id = i.person_id
     WHERE i.user_id = ${user} AND i.source = 'orcid'`;
}

/**
 * SQL matching authorship rows to author keys: every column of `authorships` (a relation shaped like
 * work_authorships, maybe with more columns) plus the key's person_id first. Equality joins, not
 * one OR, so that each side's index serves: by source author id, by ORCID iD, and (for arXiv and
 * any source whose descriptor says attributedByName, whose ids are author queries kept apart in work_author_queries) by query back to the position it
 * matched. A row matched twice comes twice: callers keep one per (person, record, position).
 *
 * A position only a name query matched counts unless it is held back (work_attributions: the
 * evidence left it unconfirmed and the user has not accepted it, or the user rejected it; see
 * attribution.ts). One not evaluated yet counts.
 */
export function matchAuthorshipsSql(authorships: string, keys: string): string {
  return `
    ${matchIdAuthorshipsSql(authorships, keys)}
    UNION ALL
    SELECT mk.person_id, ma.* FROM ${keys} mk
      JOIN work_author_queries mq ON mk.orcid IS NULL AND ${queriedSourcesSql('mk.source')} AND mq.query = mk.source_author_id
      JOIN ${authorships} ma ON ma.record_id = mq.record_id AND ma.position = mq.position AND ma.source = mk.source
     WHERE NOT EXISTS (SELECT 1 FROM work_attributions wt WHERE wt.person_id = mk.person_id AND wt.record_id = mq.record_id AND ${HELD_SQL('wt')})`;
}

/** The matches by an author id or an ORCID iD alone: what is the person's without any name query. */
export function matchIdAuthorshipsSql(authorships: string, keys: string): string {
  return `
    SELECT mk.person_id, ma.* FROM ${authorships} ma JOIN ${keys} mk ON mk.orcid IS NULL AND ma.source = mk.source AND ma.source_author_id = mk.source_author_id
    UNION ALL
    SELECT mk.person_id, ma.* FROM ${authorships} ma JOIN ${keys} mk ON ma.orcid = mk.orcid`;
}

/** A work_attributions row (alias `a`) that keeps its record out of the person's works. */
export const HELD_SQL = (a: string): string => `(${a}.decision IS NOT DISTINCT FROM 'rejected' OR (${a}.decision IS NULL AND ${a}.status = 'unconfirmed'))`;

/**
 * work_authorships with author queries as ids: each arXiv position once more for every query that
 * matched it, that query as its source_author_id. For joins on (source, source_author_id) that do
 * not go through matchAuthorshipsSql.
 */
export const AUTHORSHIPS_WITH_QUERIES_SQL = `
  SELECT wa.record_id, wa.position, wa.work_id, wa.source, wa.name, wa.source_author_id, wa.orcid, wa.author_count FROM work_authorships wa
  UNION ALL
  SELECT wa.record_id, wa.position, wa.work_id, wa.source, wa.name, wq.query, wa.orcid, wa.author_count
    FROM work_author_queries wq JOIN work_authorships wa ON wa.record_id = wq.record_id AND wa.position = wq.position`;
