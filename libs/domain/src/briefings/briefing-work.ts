import type { PersonWork } from '../works/index';
import type { BriefingWork } from './briefing-content';

/**
 * A work as a briefing lists it: the interviewer's position in words (none when the work is nobody's
 * in particular), a link per source record.
 */
export function briefingWork(w: Pick<PersonWork, 'work' | 'records'> & { authorship?: { position: number; authorCount: number } }): BriefingWork {
  return {
    id: w.work.id,
    title: w.work.title,
    year: w.work.year,
    publicationDate: w.work.publicationDate,
    venue: w.work.venue,
    citationCount: w.work.citationCount,
    position: w.authorship ? `${ordinal(w.authorship.position)} of ${w.authorship.authorCount}` : '',
    sources: w.records.map((r) => ({ source: r.source, url: r.sourceUrl })),
  };
}

/** 1st, 2nd, 3rd, 4th … 11th, 12th, 13th … 21st. */
function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (({ 1: 'st', 2: 'nd', 3: 'rd' }) as Record<number, string>)[n % 10] ?? 'th';
  return `${n}${suffix}`;
}
