import { useEffect, useId, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { Field, FieldControl } from '@/components/field';
import { Empty, ErrorMessage, Loading, QueryStates } from '@/components/status';
import { asApiError } from '@/lib/api/errors';
import type { components } from '@/lib/api/schema';
import { formatDate, formatDateTime } from '@/lib/format';
import {
  type Application,
  MoveRefused,
  type UserMove,
  useApplication,
  useApplicationInterviews,
  useApplicationTasks,
  useMove,
  useOrganization,
  useReopenTasks,
  useReroute,
  useRetrospective,
  useSaveRetrospective,
  useSetTaskDone,
  useTemplates,
} from '../api/pipeline';
import { HISTORY_LABEL, MOVE_LABEL, movesText, STAGE_STATUS_LABEL, STATUS_LABEL } from './labels';
import { MoveButtons } from './move-buttons';
import { NamedOptions } from './options';
import './pipeline.css';

type Stage = components['schemas']['StageResponse'];
type BuiltInKey = components['schemas']['BuiltInTemplateKey'];

/**
 * One application: where it stands and the moves allowed now, its stages (the current one marked),
 * the whole history across reroutes, referrals, interviews, prep tasks, stage retrospectives, and
 * after a failed stage the reroute to another team.
 */
export function ApplicationPage({ id }: { id: string }) {
  const application = useApplication(id);
  if (application.isPending) return <Loading label="Loading the application…" />;
  if (application.isError) {
    const error = asApiError(application.error);
    return (
      <div className="stack">
        <ErrorMessage error={application.error} retry={error?.status === 404 ? undefined : () => void application.refetch()} />
        <Link to="/pipeline">Back to the pipeline</Link>
      </div>
    );
  }
  const a = application.data;
  return (
    <div className="stack">
      <header className="card">
        <h1>{a.role}</h1>
        <p className="muted">
          {a.organization.name}
          {a.team ? ` · ${a.team.name}` : ''} · <span className="tag">{STATUS_LABEL[a.status]}</span>
        </p>
        <dl className="facts">
          <dt>Applied on</dt>
          <dd>{formatDate(a.appliedOn)}</dd>
          {a.closedOn && (
            <>
              <dt>Closed on</dt>
              <dd>{formatDate(a.closedOn)}</dd>
            </>
          )}
          <dt>Loop</dt>
          <dd>{a.templateName}</dd>
          {a.recruiter && (
            <>
              <dt>Recruiter</dt>
              <dd>
                <Link to={`/people/${a.recruiter.id}`}>{a.recruiter.fullName}</Link>
              </dd>
            </>
          )}
          {a.reroutedFrom && (
            <>
              <dt>Rerouted from</dt>
              <dd>
                <Link to={`/applications/${a.reroutedFrom.id}`}>{linkedName(a.reroutedFrom)}</Link> ({STATUS_LABEL[a.reroutedFrom.status]})
              </dd>
            </>
          )}
          {a.reroutedTo.length > 0 && (
            <>
              <dt>Rerouted to</dt>
              <dd>
                {a.reroutedTo.map((r) => (
                  <span key={r.id}>
                    <Link to={`/applications/${r.id}`}>{linkedName(r)}</Link> ({STATUS_LABEL[r.status]})
                  </span>
                ))}
              </dd>
            </>
          )}
          {a.keywords.length > 0 && (
            <>
              <dt>Topics</dt>
              <dd>
                {a.keywords.map((k) => (
                  <span key={k} className="tag">
                    {k}
                  </span>
                ))}
              </dd>
            </>
          )}
        </dl>
        {a.notes && <p className="prewrap">{a.notes}</p>}
      </header>
      <MovesSection application={a} />
      {a.status === 'rejected' && <RerouteSection application={a} />}
      <StagesSection application={a} />
      <HistorySection application={a} />
      <ReferralsSection application={a} />
      <InterviewsSection applicationId={a.id} />
      <TasksSection applicationId={a.id} stages={a.stages} />
    </div>
  );
}

function linkedName(r: { role: string; team: { name: string } | null }): string {
  return `${r.role}${r.team ? `, ${r.team.name}` : ''}`;
}

function MovesSection({ application: a }: { application: Application }) {
  const move = useMove();
  const [note, setNote] = useState('');
  const [last, setLast] = useState<{ move: UserMove; error?: unknown } | null>(null);
  const stage = a.currentStage;
  const onMove = (kind: UserMove) => {
    setLast(null);
    move.mutate(
      { id: a.id, move: kind, fromStageId: stage?.id, note },
      {
        onSuccess: () => {
          setNote('');
          setLast({ move: kind });
        },
        onError: (error) => setLast({ move: kind, error }),
      },
    );
  };
  const refusal = last?.error instanceof MoveRefused ? last.error : undefined;
  return (
    <section className="card" aria-labelledby="moves-heading">
      <h2 id="moves-heading">Where it stands</h2>
      <p>
        {stage ? (
          <>
            {a.status === 'active' ? 'At' : `${STATUS_LABEL[a.status]}, at`} <strong>{stage.name}</strong> ({STAGE_STATUS_LABEL[stage.status]}
            {stage.enteredAt ? `, since ${formatDate(stage.enteredAt)}` : ''})
          </>
        ) : (
          STATUS_LABEL[a.status]
        )}
      </p>
      {a.allowedMoves.length > 0 && (
        <div className="field pipeline-note">
          <label htmlFor="move-note">Note on the move (optional)</label>
          <input id="move-note" value={note} onChange={(e) => setNote(e.target.value)} placeholder="e.g. Recruiter called: strong quiz" />
        </div>
      )}
      <MoveButtons moves={a.allowedMoves} onMove={onMove} pending={move.isPending} />
      {last && !last.error && (
        <p className="notice" role="status">
          Recorded: {MOVE_LABEL[last.move].toLowerCase()}.
        </p>
      )}
      {refusal && (
        <div className="error pipeline-refusal" role="alert">
          <p>
            <strong>{refusal.stale ? 'This application had moved meanwhile' : 'The server refused this move'}</strong>: {refusal.message}
          </p>
          <p>The page was reloaded{refusal.allowedMoves ? `; allowed now: ${movesText(refusal.allowedMoves)}` : `; allowed now: ${movesText(a.allowedMoves)}`}.</p>
        </div>
      )}
      {last?.error !== undefined && !refusal && <ErrorMessage error={last.error} />}
    </section>
  );
}

function StagesSection({ application: a }: { application: Application }) {
  return (
    <section className="card" aria-labelledby="stages-heading">
      <h2 id="stages-heading">Stages</h2>
      <ol className="pipeline-stages">
        {a.stages.map((s) => {
          const current = s.id === a.currentStage?.id;
          return (
            <li key={s.id} className={`pipeline-stage pipeline-stage-${s.status}${current ? ' pipeline-stage-current' : ''}`} aria-current={current ? 'step' : undefined}>
              <div className="pipeline-stage-line">
                <span>
                  <strong>{s.name}</strong> <span className="muted small">· {STAGE_STATUS_LABEL[s.status]}{current ? ' · where it is now' : ''}</span>
                </span>
                <span className="muted small">
                  {s.enteredAt ? `entered ${formatDate(s.enteredAt)}` : ''}
                  {s.leftAt ? ` · left ${formatDate(s.leftAt)}` : ''}
                </span>
              </div>
              {(s.status === 'passed' || s.status === 'failed' || s.status === 'current') && <Retrospective applicationId={a.id} stage={s} />}
            </li>
          );
        })}
      </ol>
    </section>
  );
}

/** A stage's retrospective, opened on demand (read only then: a board of 500 asks for none). */
function Retrospective({ applicationId, stage }: { applicationId: string; stage: Stage }) {
  const [open, setOpen] = useState(false);
  const formId = useId();
  return (
    <div>
      <button type="button" className="secondary pipeline-small-button" aria-expanded={open} aria-controls={open ? formId : undefined} onClick={() => setOpen(!open)}>
        Retrospective<span className="visually-hidden"> of {stage.name}</span>
      </button>
      {open && <RetrospectiveForm id={formId} applicationId={applicationId} stage={stage} />}
    </div>
  );
}

function RetrospectiveForm({ id, applicationId, stage }: { id: string; applicationId: string; stage: Stage }) {
  const retro = useRetrospective(applicationId, stage.id);
  if (retro.isPending) return <Loading />;
  if (retro.isError) return <ErrorMessage error={retro.error} retry={() => void retro.refetch()} />;
  return <RetrospectiveFields id={id} applicationId={applicationId} stage={stage} initial={retro.data} />;
}

function RetrospectiveFields({ id, applicationId, stage, initial }: { id: string; applicationId: string; stage: Stage; initial: components['schemas']['RetrospectiveResponse'] | null }) {
  const save = useSaveRetrospective(applicationId, stage.id);
  const [wentWell, setWentWell] = useState(initial?.wentWell ?? '');
  const [wentBadly, setWentBadly] = useState(initial?.wentBadly ?? '');
  const [doDifferently, setDoDifferently] = useState(initial?.doDifferently ?? '');
  const error = asApiError(save.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ wentWell: wentWell || null, wentBadly: wentBadly || null, doDifferently: doDifferently || null });
  };
  return (
    <form id={id} className="stack pipeline-retro" onSubmit={submit} noValidate aria-label={`Retrospective of ${stage.name}`}>
      <FieldControl label="What went well" error={error?.fieldProblem('wentWell')}>
        {(props) => <textarea {...props} rows={2} value={wentWell} onChange={(e) => setWentWell(e.target.value)} />}
      </FieldControl>
      <FieldControl label="What did not" error={error?.fieldProblem('wentBadly')}>
        {(props) => <textarea {...props} rows={2} value={wentBadly} onChange={(e) => setWentBadly(e.target.value)} />}
      </FieldControl>
      <FieldControl label="What to do differently next time" error={error?.fieldProblem('doDifferently')}>
        {(props) => <textarea {...props} rows={2} value={doDifferently} onChange={(e) => setDoDifferently(e.target.value)} />}
      </FieldControl>
      <div className="row-end">
        <button type="submit" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : 'Save the retrospective'}
        </button>
      </div>
      {save.isSuccess && (
        <p className="notice" role="status">
          Retrospective saved.
        </p>
      )}
      {error && !error.details.length && <ErrorMessage error={error} />}
    </form>
  );
}

function HistorySection({ application: a }: { application: Application }) {
  return (
    <section className="card" aria-labelledby="history-heading">
      <h2 id="history-heading">History</h2>
      {a.history.length === 0 ? (
        <Empty>No move recorded yet.</Empty>
      ) : (
        <ol className="timeline">
          {a.history.map((m) => {
            const elsewhere = m.applicationId !== a.id;
            return (
              <li key={m.id}>
                <p className="muted small">
                  <time dateTime={m.at}>{formatDateTime(m.at)}</time>
                  {elsewhere && (
                    <>
                      {' · on '}
                      <Link to={`/applications/${m.applicationId}`}>{m.applicationId === a.reroutedFrom?.id ? 'the application it was rerouted from' : 'another application of this story'}</Link>
                    </>
                  )}
                </p>
                <p>
                  <strong>{HISTORY_LABEL[m.move]}</strong>
                  {m.move === 'reroute'
                    ? m.relatedApplicationId && (
                        <>
                          {' — '}
                          {m.toStatus === 'rejected' ? 'to ' : 'from '}
                          <Link to={`/applications/${m.relatedApplicationId}`}>{m.relatedApplicationId === a.id ? 'this application' : m.toStatus === 'rejected' ? 'a new application' : 'the failed application'}</Link>
                        </>
                      )
                    : m.fromStage !== m.toStage
                      ? ` — ${m.fromStage ? `${m.fromStage} → ` : ''}${m.toStage ?? ''}`
                      : m.toStage
                        ? ` — ${m.toStage}`
                        : ''}
                  {m.fromStatus && m.fromStatus !== m.toStatus ? ` (${STATUS_LABEL[m.fromStatus]} → ${STATUS_LABEL[m.toStatus]})` : ''}
                </p>
                {m.note && <p className="prewrap small">{m.note}</p>}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}

const REFERRAL_STATUS: Record<components['schemas']['ReferralStatus'], string> = {
  discussed: 'discussed',
  offered: 'offered',
  submitted: 'submitted',
  recruiter_contacted: 'recruiter contacted',
  acknowledged: 'acknowledged',
  declined: 'declined',
};

function ReferralsSection({ application: a }: { application: Application }) {
  return (
    <section className="card" aria-labelledby="referral-heading">
      <h2 id="referral-heading">Referral</h2>
      {a.referrals.length === 0 ? (
        <Empty>No referral for this application.</Empty>
      ) : (
        <ul className="list">
          {a.referrals.map((r) => (
            <li key={r.id} className="row">
              <div>
                <p>
                  <Link to={`/people/${r.referrer.id}`}>{r.referrer.fullName}</Link> · {REFERRAL_STATUS[r.status]}
                  {r.recruiter ? ` · to ${r.recruiter.fullName}` : ''}
                </p>
                <p className="muted small">
                  {r.path
                    .filter((step) => step.reached)
                    .map((step) => `${REFERRAL_STATUS[step.status]}${step.on ? ` ${formatDate(step.on)}` : ''}`)
                    .join(' → ')}
                  {r.carriedFrom ? ' · carried over from the failed application' : ''}
                </p>
                {r.notes && <p className="small prewrap">{r.notes}</p>}
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

const OUTCOME: Record<components['schemas']['InterviewOutcome'], string> = { pending: 'to come', passed: 'passed', failed: 'failed', cancelled: 'cancelled' };

function InterviewsSection({ applicationId }: { applicationId: string }) {
  const interviews = useApplicationInterviews(applicationId);
  return (
    <section className="card" aria-labelledby="interviews-heading">
      <div className="pipeline-section-head">
        <h2 id="interviews-heading">Interviews</h2>
        <Link to={`/interviews/new?application=${applicationId}`}>Schedule an interview</Link>
      </div>
      <QueryStates query={interviews} isEmpty={(data) => data.items.length === 0} empty="No interview yet.">
        {(data) => (
          <ul className="list">
            {data.items.map((i) => (
              <li key={i.id} className="row">
                <div>
                  <Link to={`/interviews/${i.id}`}>
                    {i.stage.name}, {formatDateTime(i.startsAt)}
                  </Link>
                  <p className="muted small">{i.interviewers.map((p) => p.fullName).join(', ') || 'Interviewers not named yet'}</p>
                </div>
                <span className="tag">{OUTCOME[i.outcome]}</span>
              </li>
            ))}
          </ul>
        )}
      </QueryStates>
    </section>
  );
}

type Task = components['schemas']['TaskResponse'];

/** Tasks under the stage they prepare, in the loop's order; the others last. */
function groupByStage(tasks: Task[], stages: Stage[]): { name: string; tasks: Task[] }[] {
  const order = new Map(stages.map((s) => [s.id, s.position]));
  const groups = new Map<string, { name: string; position: number; tasks: Task[] }>();
  for (const task of tasks) {
    const key = task.stage?.id ?? '';
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { name: task.stage?.name ?? 'Other tasks', position: task.stage ? (order.get(task.stage.id) ?? Number.MAX_SAFE_INTEGER - 1) : Number.MAX_SAFE_INTEGER, tasks: [] }));
    group.tasks.push(task);
  }
  return [...groups.values()].sort((a, b) => a.position - b.position);
}

function TasksSection({ applicationId, stages }: { applicationId: string; stages: Stage[] }) {
  const tasks = useApplicationTasks(applicationId);
  const setDone = useSetTaskDone(applicationId);
  const reopen = useReopenTasks(applicationId);
  const settled = tasks.data?.items.filter((t) => t.status === 'closed').length ?? 0;
  return (
    <section className="card" aria-labelledby="tasks-heading">
      <div className="pipeline-section-head">
        <h2 id="tasks-heading">Prep tasks</h2>
        {settled > 0 && (
          <button type="button" className="secondary" disabled={reopen.isPending} onClick={() => reopen.mutate()}>
            Reopen the {settled} settled {settled === 1 ? 'task' : 'tasks'}
          </button>
        )}
      </div>
      {reopen.isSuccess && (
        <p className="notice" role="status">
          {reopen.data.items.length} {reopen.data.items.length === 1 ? 'task' : 'tasks'} opened again.
        </p>
      )}
      {reopen.isError && <ErrorMessage error={reopen.error} />}
      {setDone.isError && <ErrorMessage error={setDone.error} />}
      <QueryStates query={tasks} isEmpty={(data) => data.items.length === 0} empty="No prep task for this application.">
        {(data) => (
          groupByStage(data.items, stages).map((group) => (
            <div key={group.name} className="pipeline-task-group">
              <h3>{group.name}</h3>
              <ul className="list">
                {group.tasks.map((t) => (
                  <TaskRow key={t.id} task={t} onDone={(done, revert) => setDone.mutate({ id: t.id, done }, { onError: revert })} />
                ))}
              </ul>
            </div>
          ))
        )}
      </QueryStates>
    </section>
  );
}

/** A task's box follows the click at once (the server's answer then settles it; a refusal puts it back). */
function TaskRow({ task: t, onDone }: { task: Task; onDone: (done: boolean, revert: () => void) => void }) {
  const [checked, setChecked] = useState(t.done);
  useEffect(() => setChecked(t.done), [t.done, t.updatedAt]);
  return (
    <li className="row">
      <label className="pipeline-task">
        <input
          type="checkbox"
          checked={checked}
          onChange={(e) => {
            const done = e.target.checked;
            setChecked(done);
            onDone(done, () => setChecked(!done));
          }}
        />
        <span>
          {t.title}
          <span className="muted small">
            {t.dueOn ? ` · due ${formatDate(t.dueOn)}` : ''}
            {t.status === 'closed' ? ` · settled (${t.closedReason ?? 'closed'})` : ''}
            {t.done && t.doneAt ? ` · done ${formatDate(t.doneAt)}` : ''}
          </span>
        </span>
      </label>
    </li>
  );
}

const REROUTE_BUILT_INS: { key: BuiltInKey; label: string }[] = [
  { key: 'reroute', label: 'The short team-match loop' },
  { key: 'research-engineer', label: 'The research-lab loop' },
  { key: 'default', label: 'The standard loop' },
];

/** After a failed stage: a new application for another team of the same organization, history kept. */
function RerouteSection({ application: a }: { application: Application }) {
  const organization = useOrganization(a.organization.id);
  const templates = useTemplates();
  const reroute = useReroute(a.id);
  const navigate = useNavigate();
  const [teamId, setTeamId] = useState('');
  const [role, setRole] = useState(a.role);
  const [loop, setLoop] = useState('built-in:reroute');
  const [note, setNote] = useState('');
  const [carryReferral, setCarryReferral] = useState(true);
  const [carryRecruiter, setCarryRecruiter] = useState(true);
  const error = asApiError(reroute.error);
  const teams = organization.data?.teams.filter((t) => t.id !== a.team?.id) ?? [];
  const teamError = error?.fieldProblem('teamId');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const [kind, value] = loop.split(/:(.*)/s);
    reroute.mutate(
      {
        teamId,
        role: role.trim() || undefined,
        note: note || undefined,
        carryReferral,
        carryRecruiter,
        ...(kind === 'template' ? { templateId: value } : { builtInTemplate: value as BuiltInKey }),
      },
      { onSuccess: (created) => void navigate(`/applications/${created.id}`) },
    );
  };
  return (
    <section className="card" aria-labelledby="reroute-heading">
      <h2 id="reroute-heading">Reroute to another team</h2>
      <p className="muted small">A new application for another team of {a.organization.name}, linked to this one; its history stays with both.</p>
      {organization.isError ? (
        <ErrorMessage error={organization.error} retry={() => void organization.refetch()} />
      ) : organization.data && teams.length === 0 ? (
        <p className="notice">
          {a.organization.name} has no other team: <Link to={`/organizations/${a.organization.id}`}>add one</Link> to reroute there.
        </p>
      ) : (
        <form className="stack" onSubmit={submit} noValidate aria-label="Reroute">
          <div className="inline-form">
            <FieldControl label="Team" error={teamError}>
              {(props) => (
                <select {...props} value={teamId} onChange={(e) => setTeamId(e.target.value)}>
                  <option value="">{organization.isPending ? 'Loading…' : 'Choose a team'}</option>
                  <NamedOptions items={teams} />
                </select>
              )}
            </FieldControl>
            <Field label="Role on that team" value={role} onChange={(e) => setRole(e.target.value)} error={error?.fieldProblem('role')} />
            <FieldControl label="Loop">
              {(props) => (
                <select {...props} value={loop} onChange={(e) => setLoop(e.target.value)}>
                  {REROUTE_BUILT_INS.map((b) => (
                    <option key={b.key} value={`built-in:${b.key}`}>
                      {b.label}
                    </option>
                  ))}
                  <NamedOptions items={templates.data?.own} prefix="template:" />
                </select>
              )}
            </FieldControl>
            <Field label="Note (optional)" value={note} onChange={(e) => setNote(e.target.value)} placeholder="e.g. Recruiter suggested Applied" error={error?.fieldProblem('note')} />
          </div>
          <div className="pipeline-checks">
            <label className="pipeline-check">
              <input type="checkbox" checked={carryReferral} onChange={(e) => setCarryReferral(e.target.checked)} /> Take the referral along
            </label>
            <label className="pipeline-check">
              <input type="checkbox" checked={carryRecruiter} onChange={(e) => setCarryRecruiter(e.target.checked)} /> Keep the recruiter
            </label>
          </div>
          <div className="row-end">
            <button type="submit" disabled={reroute.isPending}>
              {reroute.isPending ? 'Rerouting…' : 'Reroute'}
            </button>
          </div>
          {error && !teamError && <ErrorMessage error={error} />}
        </form>
      )}
    </section>
  );
}
