import './interviews.css';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ErrorMessage, Loading } from '@/components/status';
import { asApiError } from '@/lib/api/errors';
import { formatDateTime } from '@/lib/format';
import { useDeleteInterview, useInterview, useUpdateInterview, type Interview } from '../api/interviews';
import { BriefingsSection } from './briefings-section';
import { InterviewForm } from './interview-form';
import { FORMAT_LABEL, InterviewWhen, OUTCOME_LABEL } from './interview-when';
import { InterviewersSection } from './interviewers-section';
import { ReadinessSection } from './readiness-section';

/** One interview: when (in both zones), the application, the interviewers with the user's notes, and its briefings. */
export function InterviewPage({ id }: { id: string }) {
  const interview = useInterview(id);
  if (interview.isPending) return <Loading />;
  if (interview.isError) {
    const error = asApiError(interview.error);
    return (
      <div className="stack">
        <h1>Interview</h1>
        <ErrorMessage error={interview.error} retry={error?.status === 404 ? undefined : () => void interview.refetch()} />
        <Link to="/interviews">Back to interviews</Link>
      </div>
    );
  }
  const i = interview.data;
  return (
    <div className="stack">
      <Summary interview={i} />
      <ReadinessSection interviewId={i.id} />
      <InterviewersSection interview={i} />
      <BriefingsSection interviewId={i.id} />
    </div>
  );
}

function Summary({ interview: i }: { interview: Interview }) {
  const [editing, setEditing] = useState(false);
  const [confirm, setConfirm] = useState<'cancel' | 'delete' | null>(null);
  const update = useUpdateInterview(i.id);
  const remove = useDeleteInterview(i.id);
  const navigate = useNavigate();
  const application = [i.application.role, i.application.organization.name, i.application.team?.name].filter(Boolean).join(' · ');
  return (
    <>
      <header className="card">
        <h1>
          {i.stage.name} at {i.application.organization.name}
        </h1>
        {i.outcome !== 'pending' && <p className={`tag outcome-${i.outcome}`}>{OUTCOME_LABEL[i.outcome]}</p>}
        <dl className="facts">
          <dt>When</dt>
          <dd>
            <InterviewWhen startsAt={i.startsAt} timeZone={i.timeZone} />
          </dd>
          <dt>Duration</dt>
          <dd>{i.durationMinutes} minutes</dd>
          <dt>Application</dt>
          <dd>
            <Link to={`/applications/${i.application.id}`}>{application}</Link>
          </dd>
          <dt>Stage</dt>
          <dd>{i.stage.name}</dd>
          <dt>Format</dt>
          <dd>{FORMAT_LABEL[i.format] ?? i.format}</dd>
          {i.meetingUrl && (
            <>
              <dt>Meeting link</dt>
              <dd>
                <a href={i.meetingUrl} rel="noopener noreferrer" target="_blank">
                  {i.meetingUrl}
                </a>
              </dd>
            </>
          )}
          {i.location && (
            <>
              <dt>Location</dt>
              <dd>{i.location}</dd>
            </>
          )}
          {i.feedback && (
            <>
              <dt>Feedback</dt>
              <dd className="prewrap">{i.feedback}</dd>
            </>
          )}
        </dl>
        {i.prepNotes && (
          <section aria-labelledby="prep-notes-heading">
            <h2 id="prep-notes-heading">Prep notes</h2>
            <p className="prewrap">{i.prepNotes}</p>
          </section>
        )}
        {i.suggestedMove && (
          <p className="notice">
            {i.suggestedMove.reason}. <Link to={`/applications/${i.suggestedMove.applicationId}`}>Open the application</Link> to move it.
          </p>
        )}
        <p className="muted small">Last changed {formatDateTime(i.updatedAt)}</p>
        <div className="actions">
          <button type="button" className="secondary" aria-expanded={editing} onClick={() => setEditing(!editing)}>
            {editing ? 'Close the editor' : 'Edit the interview'}
          </button>
          {i.outcome !== 'cancelled' && (
            <button type="button" className="secondary" onClick={() => setConfirm('cancel')}>
              Cancel the interview
            </button>
          )}
          <button type="button" className="secondary" onClick={() => setConfirm('delete')}>
            Delete
          </button>
        </div>
        {confirm && (
          <div className="notice actions" role="group" aria-label={confirm === 'cancel' ? 'Confirm the cancellation' : 'Confirm the deletion'}>
            <p>{confirm === 'cancel' ? 'Cancel it? It stays listed as cancelled, calendars show it cancelled, and its prep tasks move to the next interview of the stage.' : 'Delete it for good, with the tasks linked to it? Cancelling keeps its history.'}</p>
            <button
              type="button"
              disabled={update.isPending || remove.isPending}
              onClick={() =>
                confirm === 'cancel'
                  ? update.mutate({ outcome: 'cancelled' }, { onSuccess: () => setConfirm(null) })
                  : remove.mutate(undefined, { onSuccess: () => void navigate('/interviews', { replace: true }) })
              }
            >
              {confirm === 'cancel' ? 'Yes, cancel it' : 'Yes, delete it'}
            </button>
            <button type="button" className="secondary" onClick={() => setConfirm(null)}>
              Keep it
            </button>
          </div>
        )}
        {!editing && update.error && <ErrorMessage error={update.error} />}
        {remove.error && <ErrorMessage error={remove.error} />}
      </header>
      {editing && (
        <section className="card" aria-labelledby="edit-heading">
          <h2 id="edit-heading">Edit the interview</h2>
          <InterviewForm
            interview={i}
            submitLabel="Save the interview"
            pending={update.isPending}
            error={asApiError(update.error)}
            onSubmit={({ body, outcome, feedback }) => update.mutate({ ...body, outcome, feedback }, { onSuccess: () => setEditing(false) })}
          />
        </section>
      )}
    </>
  );
}
