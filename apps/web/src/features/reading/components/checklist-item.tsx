import { useId, useState, type FormEvent } from 'react';
import { ErrorMessage } from '@/components/status';
import { asApiError } from '@/lib/api/errors';
import { useSaveReading, type ChecklistItem, type ReadingStatus } from '../api/reading';

export const STATUSES: { value: ReadingStatus; label: string }[] = [
  { value: 'to_read', label: 'To read' },
  { value: 'reading', label: 'Reading' },
  { value: 'read', label: 'Read' },
  { value: 'skipped', label: 'Skipped' },
];

const shortAuthors = (authors: string[]): string => (authors.length > 4 ? `${authors.slice(0, 3).join(', ')} et al.` : authors.join(', '));

/** One work on the checklist: why it ranks here, your status (saved as soon as it changes), your notes and questions. */
export function ChecklistItemRow({ item, rank, showInterviewers }: { item: ChecklistItem; rank: number; showInterviewers: boolean }) {
  const { work, reading } = item;
  const save = useSaveReading(work.id);
  const statusId = useId();
  const url = item.links.doi ?? item.links.arxiv ?? work.openAccessUrl ?? item.records[0]?.sourceUrl;
  const statusError = asApiError(save.error)?.fieldProblem('status');
  return (
    <li className={`checklist-item status-${reading.status}`} aria-label={work.title}>
      <div className="checklist-main">
        <span className="rank" aria-hidden="true">
          {rank}
        </span>
        <div className="checklist-body">
          <p className="work-title">
            {url ? (
              <a href={url} target="_blank" rel="noopener noreferrer">
                {work.title}
              </a>
            ) : (
              work.title
            )}
          </p>
          <p className="muted small">{[shortAuthors(item.authors), work.year, work.venue, work.citationCount != null ? `${work.citationCount} citations` : ''].filter(Boolean).join(' · ')}</p>
          {showInterviewers && item.interviewers.length > 0 && <p className="small">For {item.interviewers.map((i) => `${i.fullName} (#${i.rank} on their list)`).join(', ')}</p>}
          <details className="small">
            <summary>
              Score {Math.round(item.score)} of 100: why it ranks here
            </summary>
            <ul>
              {item.reasons.map((r) => (
                <li key={r.kind}>
                  {r.text} <span className="muted">(+{Math.round(r.points)})</span>
                </li>
              ))}
            </ul>
          </details>
        </div>
        <div className="checklist-status">
          <label className="visually-hidden" htmlFor={statusId}>
            Status of “{work.title}”
          </label>
          <select id={statusId} value={reading.status} disabled={save.isPending} onChange={(e) => save.mutate({ status: e.target.value as ReadingStatus })}>
            {STATUSES.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </select>
        </div>
      </div>
      {statusError && <p className="field-error">{statusError}</p>}
      {(reading.notes || reading.questions.length > 0) && (
        <div className="saved-notes small">
          {reading.notes && <p className="prewrap">{reading.notes}</p>}
          {reading.questions.length > 0 && (
            <ul aria-label="Questions for the author">
              {reading.questions.map((q, i) => (
                <li key={i}>{q}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      <NotesForm key={reading.updatedAt ?? 'new'} item={item} />
    </li>
  );
}

function NotesForm({ item }: { item: ChecklistItem }) {
  const { work, reading } = item;
  const save = useSaveReading(work.id);
  const id = useId();
  const [notes, setNotes] = useState(reading.notes ?? '');
  const [questions, setQuestions] = useState(reading.questions.join('\n'));
  const error = asApiError(save.error);
  const notesError = error?.fieldProblem('notes');
  const questionsError = error?.fieldProblem('questions');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({
      notes: notes.trim() === '' ? null : notes,
      questions: questions
        .split('\n')
        .map((q) => q.trim())
        .filter(Boolean),
    });
  };
  const hasAny = Boolean(reading.notes) || reading.questions.length > 0;
  return (
    <details className="notes-form">
      <summary>{hasAny ? 'Edit notes and questions' : 'Add notes and questions'}</summary>
      <form className="stack" onSubmit={submit} noValidate aria-label={`Notes and questions on “${work.title}”`}>
        <div className="field">
          <label htmlFor={`${id}-notes`}>Notes</label>
          <textarea id={`${id}-notes`} rows={3} value={notes} onChange={(e) => setNotes(e.target.value)} aria-invalid={notesError ? true : undefined} aria-describedby={notesError ? `${id}-notes-error` : undefined} />
          {notesError && (
            <p id={`${id}-notes-error`} className="field-error">
              {notesError}
            </p>
          )}
        </div>
        <div className="field">
          <label htmlFor={`${id}-questions`}>Questions for the author (one a line)</label>
          <textarea id={`${id}-questions`} rows={3} value={questions} onChange={(e) => setQuestions(e.target.value)} aria-invalid={questionsError ? true : undefined} aria-describedby={questionsError ? `${id}-questions-error` : undefined} />
          {questionsError && (
            <p id={`${id}-questions-error`} className="field-error">
              {questionsError}
            </p>
          )}
        </div>
        <div className="row-end">
          <button type="submit" disabled={save.isPending}>
            {save.isPending ? 'Saving…' : 'Save notes'}
          </button>
        </div>
        {error && !notesError && !questionsError && <ErrorMessage error={error} />}
      </form>
    </details>
  );
}
