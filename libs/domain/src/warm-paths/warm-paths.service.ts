import { Injectable } from '@nestjs/common';
import { NotFoundError } from '#platform';
import type { ScholarlySource } from '../scholarly/index';
import { warmPathsSql, WarmPathsRepository } from './warm-paths.repository';

/**
 * Warm paths to an interviewer: who in the user's network can introduce them, read from the shared
 * cache of works.
 *
 * - direct: the user's contacts who co-wrote a work with the interviewer (on any source's record
 *   of a work that lists the interviewer), with the works they share.
 * - viaCoauthor: contacts one co-author away: they co-wrote with someone who co-wrote with the
 *   interviewer. That intermediate is an author of a record that lists the interviewer, known by
 *   their source author ids and ORCID iD (never by bare name: namesakes are common in science).
 *   Their ids at two sources are taken as one author when a row gives both an id and an ORCID iD,
 *   or when two sources' records of the same work put them at the same place of an author list
 *   of the same length under the same family name. They may be anyone, and are named with their person id when they are one of the user's
 *   contacts. A contact already on the direct list is not repeated here.
 *
 * Ranking: more shared works first (for a path through a co-author, the works on both legs), then
 * the most recent shared work, then the name. One SQL statement.
 */

export interface WarmPathsQuery {
  /** Contacts per list. */
  limit?: number;
  /** Works listed per path (each leg of an indirect path); the counts are always complete. */
  works?: number;
}

export { THROUGH_PER_CONTACT } from './warm-paths.repository';

export interface WarmPathContact {
  id: string;
  fullName: string;
  headline: string | null;
  role: string | null;
  organizationId: string | null;
}

export interface WarmPathWork {
  id: string;
  title: string;
  year: number | null;
  venue: string | null;
  doi: string | null;
  arxivId: string | null;
}

export interface DirectWarmPath {
  contact: WarmPathContact;
  sharedWorkCount: number;
  latestYear: number | null;
  /** Newest first. */
  sharedWorks: WarmPathWork[];
}

export interface Coauthor {
  /** The name most of the records give. */
  name: string;
  orcid: string | null;
  sourceIds: { source: ScholarlySource; sourceAuthorId: string }[];
  /** Set when the co-author is one of the user's contacts. */
  personId: string | null;
}

export interface CoauthorLeg {
  coauthor: Coauthor;
  worksWithInterviewerCount: number;
  /** Newest first. */
  worksWithInterviewer: WarmPathWork[];
  worksWithContactCount: number;
  /** Newest first. */
  worksWithContact: WarmPathWork[];
  latestYear: number | null;
}

export interface ViaCoauthorWarmPath {
  contact: WarmPathContact;
  /** Every co-author who links them; `through` lists the strongest few. */
  throughCount: number;
  latestYear: number | null;
  through: CoauthorLeg[];
}

export interface WarmPaths {
  direct: DirectWarmPath[];
  directTotal: number;
  viaCoauthor: ViaCoauthorWarmPath[];
  viaCoauthorTotal: number;
  limit: number;
}

@Injectable()
export class WarmPathsService {
  constructor(private readonly warmPaths: WarmPathsRepository) {}

  /** Warm paths to one of the user's people; a person of another user (or none, or deleted) is a 404. */
  async forPerson(userId: string, personId: string, query: WarmPathsQuery = {}): Promise<WarmPaths> {
    const limit = query.limit ?? 20;
    const works = query.works ?? 5;
    const row = await this.warmPaths.forPerson(userId, personId, works, limit);
    if (row.found === 0) throw new NotFoundError('person', personId);
    return { direct: row.direct, directTotal: row.direct_total, viaCoauthor: row.via, viaCoauthorTotal: row.via_total, limit };
  }

  /** The statement, for EXPLAIN in benchmarks and tests. */
  static get sql(): string {
    return warmPathsSql();
  }
}
