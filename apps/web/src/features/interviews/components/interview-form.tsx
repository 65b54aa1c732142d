import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { Field, FieldControl } from '@/components/field';
import { ErrorMessage, Loading } from '@/components/status';
import type { ApiError } from '@/lib/api/errors';
import { currentTimeZone } from '@/lib/format';
import { useApplicationChoices, useApplicationStages, type CreateInterview, type Interview, type InterviewFormat, type InterviewOutcome } from '../api/interviews';
import { timeZones } from '@/lib/time-zones';
import { wallClockToIso } from '@/lib/wall-clock';

import { FORMAT_LABEL, OUTCOME_LABEL } from './interview-when';
import { InterviewerPicker, type Chosen } from './interviewer-picker';

const FORMATS: InterviewFormat[] = ['video', 'phone', 'onsite'];
const OUTCOMES: InterviewOutcome[] = ['pending', 'passed', 'failed', 'cancelled'];
const FIELDS = ['stageId', 'startsAt', 'timeZone', 'durationMinutes', 'format', 'meetingUrl', 'location', 'interviewerIds', 'prepNotes', 'outcome', 'feedback'];

export interface InterviewFormValues {
  body: CreateInterview;
  outcome: InterviewOutcome;
  feedback: string | null;
}

/**
 * Schedule or edit an interview: the application and its stage, the start on the interview's own
 * clock and zone, duration, format, link or place, interviewers from the user's people, prep notes
 * (and, once it happened, the outcome and feedback). Checks what the API would refuse before asking
 * it, and shows the API's problems under their fields.
 */
export function InterviewForm({ interview, applicationId: initialApplication = '', submitLabel, pending, error, onSubmit }: { interview?: Interview; applicationId?: string; submitLabel: string; pending: boolean; error: ApiError | undefined; onSubmit: (values: InterviewFormValues) => void }) {
  const editing = interview !== undefined;
  const [applicationId, setApplicationId] = useState(interview?.application.id ?? initialApplication);
  const [stageId, setStageId] = useState(interview?.stage.id ?? '');
  const [startsLocal, setStartsLocal] = useState(interview?.startsAtLocal.slice(0, 16) ?? '');
  const [timeZone, setTimeZone] = useState(interview?.timeZone ?? currentTimeZone());
  const [duration, setDuration] = useState(String(interview?.durationMinutes ?? 45));
  const [format, setFormat] = useState<InterviewFormat>(interview?.format ?? 'video');
  const [meetingUrl, setMeetingUrl] = useState(interview?.meetingUrl ?? '');
  const [location, setLocation] = useState(interview?.location ?? '');
  const [interviewers, setInterviewers] = useState<Chosen[]>(interview?.interviewers.map((p) => ({ id: p.id, fullName: p.fullName })) ?? []);
  const [prepNotes, setPrepNotes] = useState(interview?.prepNotes ?? '');
  const [outcome, setOutcome] = useState<InterviewOutcome>(interview?.outcome ?? 'pending');
  const [feedback, setFeedback] = useState(interview?.feedback ?? '');
  const [local, setLocal] = useState<Record<string, string>>({});

  const applications = useApplicationChoices('');
  const application = useApplicationStages(applicationId);
  const stages = application.data?.stages ?? [];
  const defaultStage = application.data?.currentStage?.id ?? stages.find((s) => s.status === 'upcoming')?.id ?? stages[0]?.id ?? '';
  const chosenStage = stages.some((s) => s.id === stageId) ? stageId : defaultStage;

  // The API names a list's entries `interviewerIds.0`: shown under the list.
  const problem = (field: string) =>
    local[field] ??
    (error?.details
      .filter((d) => d.field === field || d.field.startsWith(`${field}.`))
      .map((d) => d.problem)
      .join('; ') ||
      undefined);
  const unplaced = error && (error.details.length === 0 || error.details.some((d) => !FIELDS.includes(d.field.split('.')[0])));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!chosenStage) found.stageId = 'Choose the stage this interview is for';
    const startsAt = wallClockToIso(startsLocal, timeZone);
    if (!startsAt) found.startsAt = 'Give the date and time it starts';
    const minutes = Number(duration);
    if (!Number.isInteger(minutes) || minutes < 1 || minutes > 1440) found.durationMinutes = 'must be a whole number of minutes from 1 to 1440';
    if (meetingUrl.trim() && !/^https?:\/\/\S+$/i.test(meetingUrl.trim())) found.meetingUrl = 'must be an http(s) URL';
    setLocal(found);
    if (Object.keys(found).length > 0 || !startsAt) return;
    onSubmit({
      body: {
        stageId: chosenStage,
        startsAt,
        timeZone,
        durationMinutes: minutes,
        format,
        meetingUrl: meetingUrl.trim() || null,
        location: location.trim() || null,
        interviewerIds: interviewers.map((p) => p.id),
        prepNotes: prepNotes.trim() || null,
      },
      outcome,
      feedback: feedback.trim() || null,
    });
  };

  if (!editing && applications.isSuccess && applications.data.items.length === 0 && !initialApplication) {
    return (
      <p className="status empty">
        No application yet: an interview belongs to a stage of an application. <Link to="/pipeline">Add one in the pipeline</Link> first.
      </p>
    );
  }
  const choices = applications.data?.items ?? [];
  const describe = (a: { role: string; organization: { name: string }; team: { name: string } | null }) => [a.role, a.organization.name, a.team?.name].filter(Boolean).join(' · ');

  return (
    <form className="interviews-form" onSubmit={submit} noValidate>
      <div className="interviews-form-grid">
        {editing ? (
          <p>
            <span className="muted small">Application</span>
            <br />
            {describe(interview.application)}
          </p>
        ) : (
          <FieldControl label="Application" error={problem('applicationId')}>
            {(props) => (
              <select {...props} value={applicationId} onChange={(e) => { setApplicationId(e.target.value); setStageId(''); }}>
                <option value="">{applications.isPending ? 'Loading…' : 'Choose an application'}</option>
                {application.data && !choices.some((a) => a.id === application.data.id) && <option value={application.data.id}>{describe(application.data)}</option>}
                {choices.map((a) => (
                  <option key={a.id} value={a.id}>
                    {describe(a)}
                    {a.status !== 'active' ? ` (${a.status})` : ''}
                  </option>
                ))}
              </select>
            )}
          </FieldControl>
        )}
        <FieldControl label="Stage" error={problem('stageId')} hint={applicationId ? undefined : 'Choose the application first'}>
          {(props) => (
            <select {...props} value={chosenStage} disabled={!applicationId || application.isPending} onChange={(e) => setStageId(e.target.value)}>
              {stages.length === 0 && <option value="">{applicationId && application.isPending ? 'Loading…' : '—'}</option>}
              {stages.map((s, index) => (
                <option key={s.id} value={s.id}>
                  {index + 1}. {s.name} ({s.status})
                </option>
              ))}
            </select>
          )}
        </FieldControl>
      </div>
      {applications.isError && <ErrorMessage error={applications.error} retry={() => void applications.refetch()} />}
      {application.isError && <ErrorMessage error={application.error} retry={() => void application.refetch()} />}
      {applicationId && application.isPending && <Loading label="Loading the application's stages…" />}

      <div className="interviews-form-grid">
        <Field label="Starts at" type="datetime-local" required value={startsLocal} onChange={(e) => setStartsLocal(e.target.value)} hint="On the clock of the interview's time zone" error={problem('startsAt')} />
        <FieldControl label="Time zone" error={problem('timeZone')} hint={timeZone === currentTimeZone() ? 'Yours' : `Yours is ${currentTimeZone()}`}>
          {(props) => (
            <select {...props} value={timeZone} onChange={(e) => setTimeZone(e.target.value)}>
              {timeZones(timeZone, currentTimeZone()).map((zone) => (
                <option key={zone} value={zone}>
                  {zone}
                </option>
              ))}
            </select>
          )}
        </FieldControl>
        <Field label="Duration (minutes)" type="number" inputMode="numeric" min={1} max={1440} required value={duration} onChange={(e) => setDuration(e.target.value)} error={problem('durationMinutes')} />
        <Choice label="Format" value={format} options={FORMATS} labels={FORMAT_LABEL} onChange={setFormat} error={problem('format')} />
        <Field label="Meeting link" type="url" placeholder="https://…" value={meetingUrl} onChange={(e) => setMeetingUrl(e.target.value)} error={problem('meetingUrl')} />
        <Field label="Location" placeholder="Room or address" value={location} onChange={(e) => setLocation(e.target.value)} error={problem('location')} />
      </div>

      <InterviewerPicker chosen={interviewers} onChange={setInterviewers} error={problem('interviewerIds')} />

      <FieldControl label="Prep notes" hint="What to prepare; shown in the calendar event" error={problem('prepNotes')}>
        {(props) => <textarea {...props} rows={3} value={prepNotes} onChange={(e) => setPrepNotes(e.target.value)} />}
      </FieldControl>

      {editing && (
        <div className="interviews-form-grid">
          <Choice label="Outcome" value={outcome} options={OUTCOMES} labels={OUTCOME_LABEL} onChange={setOutcome} error={problem('outcome')} />
          <FieldControl label="Feedback" hint="How it went" error={problem('feedback')}>
            {(props) => <textarea {...props} rows={3} value={feedback} onChange={(e) => setFeedback(e.target.value)} />}
          </FieldControl>
        </div>
      )}

      {unplaced && <ErrorMessage error={error} />}
      {error?.code === 'interview.interviewer-has-notes' && <p className="muted small">Delete your notes on them under Interviewers first, or keep them on the interview.</p>}
      <div>
        <button type="submit" disabled={pending}>
          {pending ? 'Saving…' : submitLabel}
        </button>
      </div>
    </form>
  );
}

/** One of a few fixed values (an API enum), each with its label. */
function Choice<T extends string>({ label, value, options, labels, error, onChange }: { label: string; value: T; options: readonly T[]; labels: Record<string, string>; error?: string; onChange: (value: T) => void }) {
  return (
    <FieldControl label={label} error={error}>
      {(props) => (
        <select {...props} value={value} onChange={(e) => onChange(e.target.value as T)}>
          {options.map((o) => (
            <option key={o} value={o}>
              {labels[o] ?? o}
            </option>
          ))}
        </select>
      )}
    </FieldControl>
  );
}
