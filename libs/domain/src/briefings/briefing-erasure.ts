import type { EntityManager } from 'typeorm';
import { deleteBriefingsMentioning } from './briefings.repository';

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
  return deleteBriefingsMentioning(em, userId, [...needles, personId.toLowerCase()]);
}
