/**
 * Columns that point at a person. Merging two people moves these rows to the survivor, so a merge
 * keeps every related record; erasing a person removes them. A module that adds a table
 * referencing people adds it here. A module above people that names a person elsewhere than in such
 * a column (import reports) registers a merge handler (PeopleService.whenMerged) and an erasure step.
 *
 * - `onErase: 'delete'`: the row is about the person (an interaction, a referral they made) and
 *   goes with them; `'nullify'`: the row is the user's own (an application) and only loses the link.
 * - `uniqueWith`: the other columns of a unique key that includes this column; on merge, a row of
 *   the merged person that would collide with one of the survivor's is dropped, not moved.
 * - `inherit`: on such a collision, columns the survivor's row takes from the dropped one when its
 *   own first one is null and the other's is not (a decision the survivor lacks, with its date).
 */
export interface PersonReference {
  table: string;
  column: string;
  label: string;
  onErase: 'delete' | 'nullify';
  uniqueWith?: string[];
  inherit?: string[];
}

export const PERSON_REFERENCES: PersonReference[] = [
  { table: 'interactions', column: 'person_id', label: 'interactions', onErase: 'delete' },
  { table: 'tasks', column: 'person_id', label: 'tasks', onErase: 'delete' },
  { table: 'referrals', column: 'referrer_id', label: 'referralsMade', onErase: 'delete', uniqueWith: ['application_id'] },
  { table: 'referrals', column: 'recruiter_id', label: 'referralsRecruited', onErase: 'nullify' },
  { table: 'applications', column: 'recruiter_id', label: 'applicationsRecruited', onErase: 'nullify' },
  { table: 'interview_interviewers', column: 'person_id', label: 'interviews', onErase: 'delete', uniqueWith: ['interview_id'] },
  // The user's notes on them at an interview: when both were on one interview, the survivor's notes stay.
  { table: 'interviewer_notes', column: 'person_id', label: 'interviewerNotes', onErase: 'delete', uniqueWith: ['interview_id'] },
  { table: 'scholarly_identities', column: 'person_id', label: 'scholarlyIdentities', onErase: 'delete', uniqueWith: ['source', 'source_author_id'] },
  { table: 'sync_runs', column: 'person_id', label: 'syncRuns', onErase: 'delete' },
  // One row per person (person_id is the key): when both have their own schedule, the survivor's stays.
  { table: 'person_sync_settings', column: 'person_id', label: 'syncSettings', onErase: 'delete', uniqueWith: ['user_id'] },
  // One checklist's settings per person and user: when both have some, the survivor's stay.
  { table: 'reading_checklist_settings', column: 'person_id', label: 'readingChecklistSettings', onErase: 'delete', uniqueWith: ['user_id'] },
  // The user's accept/reject of works a name query attributes to them: where both were evaluated on one
  // record, the survivor's decision stays, or else the merged person's is taken over.
  { table: 'work_attributions', column: 'person_id', label: 'workAttributions', onErase: 'delete', uniqueWith: ['record_id'], inherit: ['decision', 'decided_at'] },
  // A practice interview is the user's: it stays when the person is erased, without them.
  { table: 'mock_interviews', column: 'person_id', label: 'mockInterviews', onErase: 'nullify' },
];
