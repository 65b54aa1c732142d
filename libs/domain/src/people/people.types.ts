import type { RelationshipStage } from './person.entity';

/** The longest text each field of a person takes (the API's DTOs and the contact imports both hold to them). */
export const PERSON_LIMITS = { phone: 50, phones: 20, fullName: 300, givenName: 200, familyName: 200, headline: 500, role: 200, tag: 100, howWeMet: 2000, notes: 100_000 } as const;
/** What a caller may set on a person; links and emails arrive raw and are normalized here. */
export interface PersonInput {
  fullName?: string;
  givenName?: string | null;
  familyName?: string | null;
  headline?: string | null;
  role?: string | null;
  organizationId?: string | null;
  teamId?: string | null;
  emails?: string[];
  /** Phone numbers; replaces the list. */
  phones?: string[];
  links?: Record<string, string | null>;
  tags?: string[];
  howWeMet?: string | null;
  relationshipStage?: RelationshipStage;
  notes?: string | null;
  nextFollowUpAt?: string | null;
  followUpCadenceDays?: number | null;
}

export const PEOPLE_SORTS = ['name', 'createdAt', 'updatedAt', 'nextFollowUpAt', 'lastInteractionAt'] as const;
export type PeopleSort = (typeof PEOPLE_SORTS)[number];

export interface PeopleQuery {
  q?: string;
  tag?: string;
  organizationId?: string;
  teamId?: string;
  stage?: RelationshipStage;
  /** Only people whose next follow-up is on or before this date (yyyy-mm-dd). */
  dueBy?: string;
  deleted?: 'exclude' | 'include' | 'only';
  sort?: PeopleSort;
  order?: 'asc' | 'desc';
  limit?: number;
  offset?: number;
}

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

/**
 * What the user has asked of a person: interactions with an ask, plus the referrals asked for.
 * The person's page reads it, with the referrals they made, in the one statement PERSON_DETAIL
 * (people.queries.ts).
 */
export interface Asks {
  count: number;
  lastAskedAt: Date | null;
}
