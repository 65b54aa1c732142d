/**
 * The works module's published relations: inline views over its tables, with the columns it
 * promises, for other modules' SQL to join instead of naming its tables (see
 * people/repository/people.relations.ts for the rule). Imports nothing but the shared kernel.
 */

/** Every work (merged ones are gone, their ids kept in work_aliases): id, title, year, publication_date, venue, doi, arxiv_id. */
export const WORKS = `(SELECT w.id, w.title, w.year, w.publication_date, w.venue, w.doi, w.arxiv_id FROM works w)`;

/** Each source's record of a work: id, work_id, source. */
export const WORK_RECORDS = `(SELECT r.id, r.work_id, r.source FROM work_records r)`;

/**
 * One row per author place on a record: record_id, position, work_id, source, name,
 * source_author_id (the author's id at the source, or null), orcid (the ORCID iD, or null), author_count.
 */
export const WORK_AUTHORSHIPS = `(SELECT wa.record_id, wa.position, wa.work_id, wa.source, wa.name, wa.source_author_id, wa.orcid, wa.author_count FROM work_authorships wa)`;

/** The places an author query (arXiv's ids are queries) matched on a record: record_id, position, query. */
export const WORK_AUTHOR_QUERIES = `(SELECT q.record_id, q.position, q.query FROM work_author_queries q)`;
