import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { Field, FieldControl } from '@/components/field';
import { ErrorMessage, Loading, QueryStates } from '@/components/status';
import { Pager } from '@/components/pager';
import { asApiError } from '@/lib/api/errors';
import { currentTimeZone, formatDateTime } from '@/lib/format';
import { wallClockToIso } from '@/lib/wall-clock';
import { SESSION_PAGE, type StudyResource, useDeleteStudyResource, useDeleteStudySession, useLogStudySession, useStudyResource, useStudySessions } from '../api/resources';
import { fieldProblems, numberOrBlank, UnplacedError } from './form-bits';
import { amount, EMPHASIS_LABEL, KIND_LABEL, STAGE_TYPE_LABEL } from './labels';
import { ProgressLine, ResourceForm } from './resources-page';
import './study.css';

/** One resource: its parts and what to skim or skip, progress in its unit, logging a session, and the session log. */
export function ResourcePage({ id }: { id: string }) {
  const resource = useStudyResource(id);
  if (resource.isPending) return <Loading label="Loading the resource…" />;
  if (resource.isError)
    return (
      <div className="stack">
        <ErrorMessage error={resource.error} retry={asApiError(resource.error)?.status === 404 ? undefined : () => void resource.refetch()} />
        <Link to="/prepare/resources">Back to the resources</Link>
      </div>
    );
  return <ResourceView resource={resource.data} />;
}

function ResourceView({ resource: r }: { resource: StudyResource }) {
  const [editing, setEditing] = useState(false);
  return (
    <div className="stack">
      {editing ? (
        <section className="card" aria-labelledby="edit-heading">
          <h1 id="edit-heading">{r.title}</h1>
          <ResourceForm resource={r} onDone={() => setEditing(false)} />
        </section>
      ) : (
        <ResourceHeader resource={r} onEdit={() => setEditing(true)} />
      )}
      {r.parts.length > 0 && <PartsSection resource={r} />}
      <LogSessionSection resource={r} />
      <SessionsSection resource={r} />
      <DeleteResource resource={r} />
    </div>
  );
}

/** What the resource is: kind, author, progress, link, stage types, topics, emphasis, notes. */
function ResourceHeader({ resource: r, onEdit }: { resource: StudyResource; onEdit: () => void }) {
  return (
    <header className="card">
      <div className="actions">
        <h1>{r.title}</h1>
        <button type="button" className="secondary" onClick={onEdit} aria-label={`Edit ${r.title}`}>
          Edit
        </button>
      </div>
      <p className="muted">
        {KIND_LABEL[r.kind]}
        {r.author ? ` · ${r.author}` : ''} · counted in {r.unit}
      </p>
      <ProgressLine resource={r} />
      <dl className="facts">
        {r.url && (
          <>
            <dt>Link</dt>
            <dd>
              <a href={r.url} rel="noreferrer noopener" target="_blank">
                {r.url}
              </a>
            </dd>
          </>
        )}
        <dt>Prepares for</dt>
        <dd>{r.stageTypes.length > 0 ? r.stageTypes.map((t) => STAGE_TYPE_LABEL[t]).join(', ') : 'Any stage'}</dd>
        {r.topics.length > 0 && (
          <>
            <dt>Topics</dt>
            <dd>{r.topics.join(', ')}</dd>
          </>
        )}
        <dt>When behind</dt>
        <dd>{r.emphasis === 'core' ? 'Keep it' : r.emphasis === 'skim' ? 'Skim it first' : 'Drop it first'}</dd>
      </dl>
      {r.notes && <p className="prewrap">{r.notes}</p>}
    </header>
  );
}

function PartsSection({ resource: r }: { resource: StudyResource }) {
  return (
    <section className="card" aria-labelledby="parts-heading">
      <h2 id="parts-heading">{r.unit === 'problems' ? 'Problems' : 'Chapters'}</h2>
      <div className="study-table-wrap">
        <table className="study-table">
          <thead>
            <tr>
              <th scope="col">Part</th>
              <th scope="col">Size</th>
              <th scope="col">In the plan</th>
            </tr>
          </thead>
          <tbody>
            {r.parts.map((p, i) => (
              <tr key={i}>
                <td>{p.title}</td>
                <td>{amount(p.amount, r.unit)}</td>
                <td>{EMPHASIS_LABEL[p.emphasis]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

const SESSION_FIELDS = ['studiedAt', 'amount', 'minutes', 'notes'];

/** Log a session: how much in the resource's unit, how long (timed sessions teach the plan the user's pace), when, notes. */
function LogSessionSection({ resource: r }: { resource: StudyResource }) {
  const log = useLogStudySession(r.id);
  const [done, setDone] = useState('');
  const [minutes, setMinutes] = useState('');
  const [when, setWhen] = useState('');
  const [notes, setNotes] = useState('');
  const [local, setLocal] = useState<Record<string, string>>({});
  const [logged, setLogged] = useState<string | null>(null);
  const { problem, unplaced } = fieldProblems(log.error, local, SESSION_FIELDS);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    const n = numberOrBlank(done);
    if (n === undefined || !Number.isInteger(n) || n < 0) found.amount = `Give how many ${r.unit}, a whole number`;
    const m = numberOrBlank(minutes);
    if (m !== undefined && (!Number.isInteger(m) || m < 1 || m > 1440)) found.minutes = 'must be a whole number of minutes from 1 to 1440';
    const studiedAt = when ? wallClockToIso(when, currentTimeZone()) : undefined;
    if (when && !studiedAt) found.studiedAt = 'Give the date and time';
    setLocal(found);
    if (Object.keys(found).length > 0 || n === undefined) return;
    setLogged(null);
    log.mutate(
      { amount: n, minutes: m ?? null, notes: notes.trim() || null, ...(studiedAt ? { studiedAt } : {}) },
      {
        onSuccess: (s) => {
          setLogged(`Logged ${amount(s.amount, r.unit)}${s.minutes ? ` in ${s.minutes} min` : ''}.`);
          setDone('');
          setMinutes('');
          setWhen('');
          setNotes('');
        },
      },
    );
  };

  return (
    <section className="card" aria-labelledby="log-heading">
      <h2 id="log-heading">Log a session</h2>
      <form className="stack" onSubmit={submit} noValidate aria-label="Log a session">
        <div className="filters">
          <Field label={`How much (${r.unit})`} inputMode="numeric" value={done} onChange={(e) => setDone(e.target.value)} error={problem('amount')} />
          <Field label="How long (minutes)" inputMode="numeric" value={minutes} onChange={(e) => setMinutes(e.target.value)} error={problem('minutes')} hint="Timed sessions teach the plan your pace" />
          <Field label="When" type="datetime-local" value={when} onChange={(e) => setWhen(e.target.value)} error={problem('studiedAt')} hint={`Blank: now · ${currentTimeZone()}`} />
        </div>
        <FieldControl label="Session notes" error={problem('notes')}>
          {(props) => <textarea {...props} rows={2} value={notes} onChange={(e) => setNotes(e.target.value)} />}
        </FieldControl>
        <UnplacedError error={log.error} unplaced={unplaced} />
        <div className="actions">
          <button type="submit" disabled={log.isPending}>
            {log.isPending ? 'Logging…' : 'Log the session'}
          </button>
          {logged && (
            <p className="notice" role="status">
              {logged}
            </p>
          )}
        </div>
      </form>
    </section>
  );
}

function SessionsSection({ resource: r }: { resource: StudyResource }) {
  const [offset, setOffset] = useState(0);
  const sessions = useStudySessions(r.id, offset);
  const remove = useDeleteStudySession(r.id);
  return (
    <section className="card" aria-labelledby="sessions-heading">
      <h2 id="sessions-heading">Session log</h2>
      <QueryStates query={sessions} isEmpty={(page) => page.items.length === 0} empty="No session logged yet: log one above after you study.">
        {(page) => (
          <>
            <ul className="list" aria-label="Sessions">
              {page.items.map((s) => (
                <li key={s.id} className="row">
                  <div>
                    <p>
                      <strong>{formatDateTime(s.studiedAt)}</strong> · {amount(s.amount, r.unit)}
                      {s.minutes ? ` in ${s.minutes} min` : ''}
                    </p>
                    {s.notes && <p className="prewrap small">{s.notes}</p>}
                  </div>
                  <div className="row-end">
                    <button type="button" className="secondary" disabled={remove.isPending} onClick={() => remove.mutate(s.id)} aria-label={`Remove the session of ${formatDateTime(s.studiedAt)}`}>
                      Remove
                    </button>
                  </div>
                </li>
              ))}
            </ul>
            <Pager total={page.total} limit={SESSION_PAGE} offset={offset} onOffset={setOffset} />
          </>
        )}
      </QueryStates>
      {remove.error ? <ErrorMessage error={remove.error} /> : null}
    </section>
  );
}

function DeleteResource({ resource: r }: { resource: StudyResource }) {
  const remove = useDeleteStudyResource(r.id);
  const navigate = useNavigate();
  const [asked, setAsked] = useState(false);
  return (
    <section className="card" aria-labelledby="delete-heading">
      <h2 id="delete-heading">Delete</h2>
      <p className="muted small">Deletes its session log too; plans that use it lose it.</p>
      <div className="actions">
        {!asked ? (
          <button type="button" className="secondary" onClick={() => setAsked(true)}>
            Delete this resource
          </button>
        ) : (
          <>
            <button type="button" className="danger" disabled={remove.isPending} onClick={() => remove.mutate(undefined, { onSuccess: () => void navigate('/prepare/resources') })}>
              Delete it and its {r.progress.sessions} sessions
            </button>
            <button type="button" className="secondary" onClick={() => setAsked(false)}>
              Keep it
            </button>
          </>
        )}
      </div>
      {remove.error ? <ErrorMessage error={remove.error} /> : null}
    </section>
  );
}
