import type { EntityManager } from 'typeorm';
import { mentionsText, replaceMentions } from '../shared/text-mentions';
import type { ImportReport } from './import-run.entity';
import { importRunsMentioning, rewriteImportRun } from './imports.repository';

/** What a report row about an erased person says instead: the row (and so the counts) stays. */
export const ERASED_PERSON = 'a person since erased';

/**
 * Rewrites the user's import runs that name an erased person: each report row about them (by id,
 * or naming them: reports written before rows carried an id) says ERASED_PERSON instead, keeping its
 * line and the counts; an error naming them is rewritten; the kept upload of a finished run (a
 * failed one keeps it) is dropped. A run still queued or running keeps its upload: it is the
 * user's file, not yet read. Answers the number of runs changed.
 */
export async function eraseFromImportRuns(em: EntityManager, userId: string, personId: string, needles: string[]): Promise<number> {
  const all = [...needles, personId.toLowerCase()];
  const runs = await importRunsMentioning(em, userId, all);
  for (const run of runs) {
    const about = (row: { personId?: string }, ...texts: (string | undefined)[]): boolean => row.personId === personId || texts.some((t) => mentionsText(t, all));
    const report: ImportReport | null = run.report && {
      ...run.report,
      skips: run.report.skips.map((s) => (about(s, s.reason, s.item) ? { ...(s.line === undefined ? {} : { line: s.line }), reason: ERASED_PERSON } : s)),
      warnings: run.report.warnings.map((w) => (about(w, w.problem) ? { line: w.line, problem: ERASED_PERSON } : w)),
    };
    const error = run.error === null ? null : replaceMentions(run.error, all, ERASED_PERSON);
    const dropPayload = run.payload_names && (run.status === 'completed' || run.status === 'failed');
    await rewriteImportRun(em, run.id, report, error, dropPayload);
  }
  return runs.length;
}
