import type { Competency } from '../api/stories';
import type { DrillRating, QuestionSource } from '../api/questions';
import type { StudyEmphasis, StudyResourceKind, StudyUnit } from '../api/resources';

export { STAGE_TYPE_LABEL, STAGE_TYPES } from '@/lib/stage-types';

export const KIND_LABEL: Record<StudyResourceKind, string> = {
  book: 'Book',
  chapter_range: 'Chapter range',
  problem_set: 'Problem set',
  paper: 'Paper',
  video: 'Video',
  course: 'Course',
  link: 'Link',
};
export const KINDS = Object.keys(KIND_LABEL) as StudyResourceKind[];

/** The unit a new resource of each kind is counted in, until the user says otherwise. */
export const KIND_UNIT: Record<StudyResourceKind, StudyUnit> = {
  book: 'pages',
  chapter_range: 'pages',
  problem_set: 'problems',
  paper: 'pages',
  video: 'minutes',
  course: 'minutes',
  link: 'minutes',
};

export const UNITS: StudyUnit[] = ['pages', 'problems', 'chapters', 'minutes'];

/** "12 pages", "1 problem". */
export function amount(n: number, unit: StudyUnit): string {
  return `${n} ${n === 1 ? unit.replace(/s$/, '') : unit}`;
}

export const EMPHASIS_LABEL: Record<StudyEmphasis, string> = {
  core: 'Core',
  skim: 'Skim if behind',
  optional: 'Drop if behind',
  skip: 'Skip',
};

export const SOURCE_LABEL: Record<QuestionSource, string> = {
  interview: 'An interview',
  mock: 'A mock interview',
  book: 'A book',
  other: 'Other',
};

export const RATING_LABEL: Record<DrillRating, string> = {
  again: 'Again',
  hard: 'Hard',
  good: 'Good',
  easy: 'Easy',
};
export const RATINGS: DrillRating[] = ['again', 'hard', 'good', 'easy'];

export const COMPETENCY_LABEL: Record<Competency, string> = {
  conflict: 'Conflict',
  failure: 'Failure',
  leadership: 'Leadership',
  ambiguity: 'Ambiguity',
  impact: 'Impact',
};
export const COMPETENCIES = Object.keys(COMPETENCY_LABEL) as Competency[];

/** "2.5 h", "45 min". */
export function hours(h: number): string {
  if (h < 1) return `${Math.round(h * 60)} min`;
  return `${Math.round(h * 10) / 10} h`;
}

/** Topics typed as "a, b, c": trimmed, empty ones left out. */
export function splitList(text: string): string[] {
  return text
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
}
