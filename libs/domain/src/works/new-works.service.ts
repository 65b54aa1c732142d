import { Injectable } from '@nestjs/common';
import { WorksQueryRepository } from './works-query.repository';
import { workFromRow, type WorkPage, type WorkView } from './works-query.service';

export const NEW_WORKS_SCOPES = ['interviewers', 'all'] as const;
export type NewWorksScope = (typeof NEW_WORKS_SCOPES)[number];

export interface NewWork {
  work: WorkView;
  /** The user's people it is by (of the scope asked for), by name. */
  people: { id: string; fullName: string }[];
  /** When Dossier first cached the work. */
  arrivedAt: Date;
}

export interface NewWorksPage extends WorkPage<NewWork> {
  /** Works that arrived after this are new: the user's marker, or their account's creation until they first mark them seen. */
  since: Date;
  /** The time the list was read: pass it to markSeen so that a work arriving meanwhile stays new. */
  asOf: Date;
}

/**
 * "What did my interviewers publish since I last looked": works first cached after the user's
 * marker (users.works_seen_at) whose authorships are one of the user's people's (the same rule as a
 * person's works, see person-authorships.ts). A work is new once, when it first arrives in the
 * shared cache; another source's record of it later, or a citation count going up, does not make
 * it new again. `interviewers`: the people on the user's upcoming (not cancelled) interviews.
 */
@Injectable()
export class NewWorksService {
  constructor(private readonly works: WorksQueryRepository) {}

  async list(userId: string, query: { scope?: NewWorksScope; limit?: number; offset?: number } = {}): Promise<NewWorksPage> {
    const limit = query.limit ?? 50;
    const offset = query.offset ?? 0;
    const interviewersOnly = (query.scope ?? 'interviewers') === 'interviewers';
    const rows = await this.works.newWorksPage(userId, interviewersOnly, limit, offset);
    const first = rows[0];
    const items = rows
      .filter((row) => row.id !== null)
      .map((row) => ({ work: workFromRow(row, false), people: row.people as NewWork['people'], arrivedAt: new Date(row.arrived_at) }));
    return { items, total: first?.total ?? 0, limit, offset, since: new Date(first.since), asOf: new Date(first.as_of) };
  }

  /**
   * The user has seen the new works up to `until` (default: now; never later than now, never moving
   * the marker back): the list starts after it from now on. Answers the marker.
   */
  markSeen(userId: string, until?: Date): Promise<Date> {
    return this.works.markWorksSeen(userId, until);
  }
}
