import type { EntityManager } from 'typeorm';
import { mentionsSql, mentionsText, replaceMentions } from '../shared/text-mentions';
import type { ImportReport } from './import-run.entity';

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
  const runs = (await em.query(
    `SELECT id, status, report, error, (payload IS NOT NULL AND ${mentionsSql('payload', 2)}) AS payload_names
       FROM import_runs
      WHERE user_id = $1 AND (${mentionsSql('report::text', 2)} OR ${mentionsSql("coalesce(error, '')", 2)} OR (payload IS NOT NULL AND ${mentionsSql('payload', 2)}))`,
    [userId, all],
  )) as { id: string; status: string; report: ImportReport | null; error: string | null; payload_names: boolean }[];
  for (const run of runs) {
    const about = (row: { personId?: string }, ...texts: (string | undefined)[]): boolean => row.personId === personId || texts.some((t) => mentionsText(t, all));
    const report: ImportReport | null = run.report && {
      ...run.report,
      skips: run.report.skips.map((s) => (about(s, s.reason, s.item) ? { ...(s.line === undefined ? {} : { line: s.line }), reason: ERASED_PERSON } : s)),
      warnings: run.report.warnings.map((w) => (about(w, w.problem) ? { line: w.line, problem: ERASED_PERSON } : w)),
    };
    const error = run.error === null ? null : replaceMentions(run.error, all, ERASED_PERSON);
    const dropPayload = run.payload_names && (run.status === 'completed' || run.status === 'failed');
    await em.query(`UPDATE import_runs SET report = $2, error = $3${dropPayload ? ', payload = NULL' : ''} WHERE id = $1`, [run.id, report === null ? null : JSON.stringify(report), error]);
  }
  return runs.length;
}
