import type { Checklist } from '../reading/index';
import type { BriefingReading } from './briefing-content';
import { briefingWork } from './briefing-work';

/** An interview's checklist as a briefing shows it: positions in words, only the reasons that added points. */
export function toBriefingReading(checklist: Checklist): BriefingReading {
  return {
    items: checklist.items.map((item) => {
      const best = [...item.interviewers].sort((a, b) => b.score - a.score)[0];
      return {
        // Its position is the one of the interviewer it ranks best for.
        work: briefingWork({ work: item.work, records: item.records, authorship: best?.authorship }),
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
