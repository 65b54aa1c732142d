import type { Checklist } from '../reading/reading.service';
import type { BriefingReading } from './briefing-content';
import { ordinal } from './briefing-work';

/** An interview's checklist as a briefing shows it: positions in words, only the reasons that added points. */
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
