import type { StageType } from '../stage-templates/index';

/** What a study resource is; the dashboard shows each kind its own way. */
export const STUDY_RESOURCE_KINDS = ['book', 'chapter_range', 'problem_set', 'paper', 'video', 'course', 'link'] as const;
export type StudyResourceKind = (typeof STUDY_RESOURCE_KINDS)[number];

/** The unit progress is counted in, the resource's own: a book in pages, a problem set in problems. */
export const STUDY_UNITS = ['pages', 'problems', 'chapters', 'minutes'] as const;
export type StudyUnit = (typeof STUDY_UNITS)[number];

/**
 * How much a resource or one of its parts matters to the plan:
 * - `core`: read in full; skimmed only as a last resort when the user is behind;
 * - `skim`: planned in full, but the first thing the plan tells the user to skim when behind;
 * - `optional`: planned in full, but the first thing the plan tells the user to drop when behind;
 * - `skip` (parts only): not part of the plan at all (the chapters of a book the user leaves out).
 */
export const STUDY_EMPHASES = ['core', 'skim', 'optional', 'skip'] as const;
export type StudyEmphasis = (typeof STUDY_EMPHASES)[number];
export const RESOURCE_EMPHASES = ['core', 'skim', 'optional'] as const;
export type ResourceEmphasis = (typeof RESOURCE_EMPHASES)[number];

/** A chapter of a book, a problem of a set, a section of a course: in order, with its size in the resource's unit. */
export interface StudyPart {
  title: string;
  amount: number;
  emphasis: StudyEmphasis;
}

/** A study resource as starter plans describe it (the fields an account's copy starts with). */
export interface StudyResourceFields {
  kind: StudyResourceKind;
  title: string;
  author: string | null;
  url: string | null;
  unit: StudyUnit;
  topics: string[];
  stageTypes: StageType[];
  emphasis: ResourceEmphasis;
  parts: StudyPart[];
  totalAmount: number;
  notes: string | null;
}

/** Units an hour: what the user states, what their log shows, or Dossier's default. */
export type StudyPaces = Partial<Record<Exclude<StudyUnit, 'minutes'>, number>>;
