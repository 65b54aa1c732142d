import type { BriefingReading } from '../briefings/briefing-content';
import type { Checklist } from './reading.service';

/**
 * An interview's checklist as a briefing shows it (BriefingExtras.reading can return
 * `toBriefingReading(await readingService.interviewChecklist(userId, interviewId))`).
 */
export function toBriefingReading(checklist: Checklist): BriefingReading {
  return {
    items: checklist.items.map((item) => {
      const best = [...item.interviewers].sort((a, b) => b.score - a.score)[0];
      return {
        work: {
          id: item.work.id,
          title: item.work.title,
          year: item.work.year,
          publicationDate: item.work.publicationDate,
          venue: item.work.venue,
          citationCount: item.work.citationCount,
          position: best ? `${ordinal(best.authorship.position)} of ${best.authorship.authorCount}` : '',
          sources: item.records.map((r) => ({ source: r.source, url: r.sourceUrl })),
        },
        interviewers: item.interviewers.map((i) => ({ id: i.id, fullName: i.fullName })),
        score: item.score,
        reasons: item.reasons.filter((r) => r.points > 0).map((r) => r.text),
        status: item.reading.status,
        notes: item.reading.notes,
        summary: item.reading.summary,
        questions: item.reading.questions,
      };
    }),
    coverage: checklist.coverage,
    perInterviewer: checklist.perInterviewer.map(({ id, fullName, read, total }) => ({ id, fullName, read, total })),
  };
}

function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th';
  return `${n}${suffix}`;
}
