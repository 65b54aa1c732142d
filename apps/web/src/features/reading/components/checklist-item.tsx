import { useId, useState, type FormEvent } from 'react';
import { FieldControl } from '@/components/field';
import { ErrorMessage } from '@/components/status';
import { readingUrl, WorkTitle } from '@/components/work-title';
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
  const statusError = asApiError(save.error)?.fieldProblem('status');
  return (
    <li className={`checklist-item status-${reading.status}`} aria-label={work.title}>
      <div className="checklist-main">
        <span className="rank" aria-hidden="true">
          {rank}
        </span>
        <div className="checklist-body">
          <WorkTitle title={work.title} url={readingUrl(item.links, work.openAccessUrl, item.records)} />
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
      {(reading.summary || reading.notes || reading.questions.length > 0) && (
        <div className="saved-notes small">
          {reading.summary && (
            <p className="prewrap">
              <strong>In your words:</strong> {reading.summary}
            </p>
          )}
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
  const [summary, setSummary] = useState(reading.summary ?? '');
  const [notes, setNotes] = useState(reading.notes ?? '');
  const [questions, setQuestions] = useState(reading.questions.join('\n'));
  const error = asApiError(save.error);
  const summaryError = error?.fieldProblem('summary');
  const notesError = error?.fieldProblem('notes');
  const questionsError = error?.fieldProblem('questions');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({
      summary: summary.trim() === '' ? null : summary,
      notes: notes.trim() === '' ? null : notes,
      questions: questions
        .split('\n')
        .map((q) => q.trim())
        .filter(Boolean),
    });
  };
  const hasAny = Boolean(reading.summary) || Boolean(reading.notes) || reading.questions.length > 0;
  return (
    <details className="notes-form">
      <summary>{hasAny ? 'Edit notes and questions' : 'Add notes and questions'}</summary>
      <form className="stack" onSubmit={submit} noValidate aria-label={`Notes and questions on “${work.title}”`}>
        <TextAreaField label="The paper in your own words" value={summary} onChange={setSummary} error={summaryError} />
        <TextAreaField label="Notes" value={notes} onChange={setNotes} error={notesError} />
        <TextAreaField label="Questions for the author (one a line)" value={questions} onChange={setQuestions} error={questionsError} />
        <div className="row-end">
          <button type="submit" disabled={save.isPending}>
            {save.isPending ? 'Saving…' : 'Save notes'}
          </button>
        </div>
        {error && !summaryError && !notesError && !questionsError && <ErrorMessage error={error} />}
      </form>
    </details>
  );
}

function TextAreaField({ label, value, onChange, error }: { label: string; value: string; onChange: (value: string) => void; error?: string }) {
  return (
    <FieldControl label={label} error={error}>
      {(props) => <textarea {...props} rows={3} value={value} onChange={(e) => onChange(e.target.value)} />}
    </FieldControl>
  );
}
