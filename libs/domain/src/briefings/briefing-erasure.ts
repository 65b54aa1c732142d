import type { EntityManager } from 'typeorm';
import { mentionsSql } from '../shared/text-mentions';

/**
 * Deletes the user's briefing versions that name an erased person, in their facts (an interviewer,
 * the recruiter, a referrer, a warm path, a reading item's interviewers), rendered text or list of
 * changes; answers the ids deleted.
 *
 * Deleted rather than redacted: a version is what Dossier knew and showed at one time, and the
 * person runs through more of it than their own section (warm paths, reading weights and coverage,
 * the changes since the version before). A redacted copy would be a version nobody generated; a new
 * one, asked for in one request (and made by the schedule for an interview coming up), shows
 * exactly what remains.
 */
export async function eraseFromBriefings(em: EntityManager, userId: string, personId: string, needles: string[]): Promise<string[]> {
  const rows = (await em.query(
    `WITH gone AS (DELETE FROM briefings
      WHERE user_id = $1
        AND (${mentionsSql("coalesce(content::text, '')", 2)} OR ${mentionsSql("coalesce(markdown, '')", 2)} OR ${mentionsSql("coalesce(html, '')", 2)}
             OR ${mentionsSql('changes::text', 2)} OR ${mentionsSql("coalesce(error, '')", 2)})
      RETURNING id)
     SELECT id FROM gone`,
    [userId, [...needles, personId.toLowerCase()]],
  )) as { id: string }[];
  return rows.map((r) => r.id);
}
