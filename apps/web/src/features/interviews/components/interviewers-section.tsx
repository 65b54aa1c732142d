import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { FieldControl } from '@/components/field';
import { Empty, ErrorMessage } from '@/components/status';
import { asApiError } from '@/lib/api/errors';
import { formatDateTime } from '@/lib/format';
import { useDeleteInterviewerNotes, useSaveInterviewerNotes, type Interview } from '../api/interviews';


type Interviewer = Interview['interviewers'][number];

/** The interviewers, each a link to their person page, with the user's notes on them at this interview. */
export function InterviewersSection({ interview }: { interview: Interview }) {
  return (
    <section className="card" aria-labelledby="interviewers-heading">
      <h2 id="interviewers-heading">Interviewers</h2>
      {interview.interviewers.length === 0 ? (
        <Empty>No interviewer named yet: edit the interview to add them from your people.</Empty>
      ) : (
        interview.interviewers.map((person) => <InterviewerNotes key={person.id} interviewId={interview.id} person={person} />)
      )}
    </section>
  );
}

const NOTE_FIELDS = [
  { key: 'asked', label: 'What they asked' },
  { key: 'howItWent', label: 'How it went' },
  { key: 'followUp', label: 'What to follow up' },
] as const;

function InterviewerNotes({ interviewId, person }: { interviewId: string; person: Interviewer }) {
  const [editing, setEditing] = useState(false);
  const remove = useDeleteInterviewerNotes(interviewId, person.id);
  const notes = person.notes;
  return (
    <article className="interviews-interviewer" aria-labelledby={`interviewer-${person.id}`}>
      <h3 id={`interviewer-${person.id}`}>
        <Link to={`/people/${person.id}`}>{person.fullName}</Link>
      </h3>
      {person.headline && <p className="muted small">{person.headline}</p>}
      {editing ? (
        <NotesForm interviewId={interviewId} person={person} onDone={() => setEditing(false)} />
      ) : (
        <>
          {notes ? (
            <>
              <dl className="interviews-notes">
                {NOTE_FIELDS.filter((f) => notes[f.key]).map((f) => (
                  <div key={f.key}>
                    <dt>{f.label}</dt>
                    <dd>{notes[f.key]}</dd>
                  </div>
                ))}
              </dl>
              <p className="muted small">Notes updated {formatDateTime(notes.updatedAt)}</p>
            </>
          ) : (
            <p className="muted small">No notes on them at this interview yet.</p>
          )}
          <div className="actions">
            <button type="button" className="secondary" onClick={() => setEditing(true)}>
              {notes ? `Edit notes on ${person.fullName}` : `Add notes on ${person.fullName}`}
            </button>
            {notes && (
              <button type="button" className="secondary" disabled={remove.isPending} onClick={() => remove.mutate()}>
                Delete notes on {person.fullName}
              </button>
            )}
          </div>
          {remove.error && <ErrorMessage error={remove.error} />}
        </>
      )}
    </article>
  );
}

function NotesForm({ interviewId, person, onDone }: { interviewId: string; person: Interviewer; onDone: () => void }) {
  const save = useSaveInterviewerNotes(interviewId, person.id);
  const [values, setValues] = useState({ asked: person.notes?.asked ?? '', howItWent: person.notes?.howItWent ?? '', followUp: person.notes?.followUp ?? '' });
  const error = asApiError(save.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v.trim() || null]));
    save.mutate(body, { onSuccess: onDone });
  };
  return (
    <form className="interviews-form" onSubmit={submit} noValidate aria-label={`Notes on ${person.fullName}`}>
      {NOTE_FIELDS.map((f) => (
        <FieldControl key={f.key} label={f.label} error={error?.fieldProblem(f.key)}>
          {(props) => <textarea {...props} rows={2} value={values[f.key]} onChange={(e) => setValues({ ...values, [f.key]: e.target.value })} />}
        </FieldControl>
      ))}
      {error && error.details.length === 0 && <ErrorMessage error={error} />}
      <div className="actions">
        <button type="submit" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : 'Save notes'}
        </button>
        <button type="button" className="secondary" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
