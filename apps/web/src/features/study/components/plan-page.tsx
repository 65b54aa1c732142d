import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { Field, FieldControl } from '@/components/field';
import { Empty, ErrorMessage, Loading } from '@/components/status';
import { formatDate } from '@/lib/format';
import { PLAN_DAYS, type PlanSchedule, type StudyPace, type StudyPlan, useAddPlanItem, useDeletePlan, useMovePlanItem, usePlanApplication, useRemovePlanItem, useStartPlan, useStarterPlans, useStudyPlan, useStudyPlans, useUpdatePlan, type Application } from '../api/plans';
import { useStudyResources } from '../api/resources';
import { fieldProblems, numberOrBlank, UnplacedError } from './form-bits';
import { amount, hours, STAGE_TYPE_LABEL } from './labels';
import { ReadinessSection } from './readiness-section';
import { ProgressLine } from './resources-page';
import './study.css';

/**
 * The study plan of one application: started from the starter plans (or empty), the resources per
 * stage, hours a week and pace; then day by day from today, whether each stage makes its interview,
 * and what to drop or skim when it does not. The schedule is computed from the interview dates each
 * time it is read, so moving an interview re-spreads it.
 */
export function PlanPage({ applicationId }: { applicationId: string }) {
  const application = usePlanApplication(applicationId);
  const plans = useStudyPlans();
  const [days, setDays] = useState(PLAN_DAYS);
  const planId = plans.data?.items.find((p) => p.applicationId === applicationId)?.id;
  const plan = useStudyPlan(planId, days);
  if (application.isError) return <ErrorMessage error={application.error} />;
  if (plans.isError) return <ErrorMessage error={plans.error} retry={() => void plans.refetch()} />;
  if (application.isPending || plans.isPending) return <Loading label="Loading the plan…" />;
  const a = application.data;
  return (
    <div className="stack">
      <header className="card">
        <h1>Study plan</h1>
        <p className="muted">
          <Link to={`/applications/${a.id}`}>
            {a.role} · {a.organization.name}
          </Link>
        </p>
      </header>
      {!planId ? (
        <StartPlan application={a} />
      ) : plan.isError ? (
        <ErrorMessage error={plan.error} retry={() => void plan.refetch()} />
      ) : plan.isPending ? (
        <Loading label="Working out the schedule…" />
      ) : (
        <PlanView plan={plan.data} application={a} days={days} onMoreDays={() => setDays(Math.min(366, days + PLAN_DAYS))} />
      )}
    </div>
  );
}

const SETTINGS_FIELDS = ['hoursPerWeek', 'statedPace'];

/** Hours a week and pace, checked as the API checks them; shared by starting and changing a plan. */
function useSettingsForm(initial: { hoursPerWeek?: number; statedPace?: StudyPace }) {
  const [hoursPerWeek, setHours] = useState(initial.hoursPerWeek !== undefined ? String(initial.hoursPerWeek) : '10');
  const [pages, setPages] = useState(initial.statedPace?.pages !== undefined ? String(initial.statedPace.pages) : '');
  const [problems, setProblems] = useState(initial.statedPace?.problems !== undefined ? String(initial.statedPace.problems) : '');
  const [local, setLocal] = useState<Record<string, string>>({});
  const read = (): { hoursPerWeek: number; statedPace: StudyPace } | undefined => {
    const found: Record<string, string> = {};
    const h = Number(hoursPerWeek);
    if (!Number.isFinite(h) || h < 0.5 || h > 100) found.hoursPerWeek = 'must be between 0.5 and 100 hours';
    const pace: StudyPace = {};
    for (const [key, text] of [['pages', pages] as const, ['problems', problems] as const]) {
      const n = numberOrBlank(text);
      if (n === undefined) continue;
      if (!Number.isFinite(n) || n < 0.1 || n > 1000) found[`statedPace.${key}`] = 'must be between 0.1 and 1000 an hour';
      else pace[key] = n;
    }
    setLocal(found);
    return Object.keys(found).length > 0 ? undefined : { hoursPerWeek: h, statedPace: pace };
  };
  const fields = (error: unknown) => {
    const { problem, unplaced } = fieldProblems(error, local, SETTINGS_FIELDS);
    return {
      unplaced,
      inputs: (
        <div className="filters">
          <Field label="Hours a week" inputMode="decimal" value={hoursPerWeek} onChange={(e) => setHours(e.target.value)} error={problem('hoursPerWeek')} hint="Spread evenly over the days" />
          <Field label="Pages an hour" inputMode="decimal" value={pages} onChange={(e) => setPages(e.target.value)} error={local['statedPace.pages'] ?? problem('statedPace.pages')} hint="Blank: learned from your log" />
          <Field label="Problems an hour" inputMode="decimal" value={problems} onChange={(e) => setProblems(e.target.value)} error={local['statedPace.problems'] ?? problem('statedPace.problems')} hint="Blank: learned from your log" />
        </div>
      ),
    };
  };
  return { read, fields };
}

function StartPlan({ application: a }: { application: Application }) {
  const start = useStartPlan();
  const starters = useStarterPlans();
  const settings = useSettingsForm({});
  const [starter, setStarter] = useState(true);
  const { inputs, unplaced } = settings.fields(start.error);
  const stageTypes = new Set(a.stages.map((s) => s.type));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const values = settings.read();
    if (values) start.mutate({ starter, applicationId: a.id, ...values });
  };
  return (
    <section className="card" aria-labelledby="start-heading">
      <h2 id="start-heading">Start a study plan</h2>
      <p>No plan for this application yet. Say how much time you have; the plan spreads the work backward from each stage’s first interview.</p>
      <form className="stack" onSubmit={submit} noValidate aria-label="Start a study plan">
        {inputs}
        <fieldset className="field study-checks">
          <legend>Start from</legend>
          <label className="study-check">
            <input type="radio" name="starter" checked={starter} onChange={() => setStarter(true)} /> The starter plans for this loop’s stages
          </label>
          <label className="study-check">
            <input type="radio" name="starter" checked={!starter} onChange={() => setStarter(false)} /> Nothing: I will pick my own resources
          </label>
        </fieldset>
        {starter && starters.data && (
          <ul className="list" aria-label="Starter plans">
            {starters.data.items
              .filter((p) => stageTypes.has(p.stageType))
              .map((p) => (
                <li key={p.stageType} className="row">
                  <div>
                    <p>
                      <strong>{STAGE_TYPE_LABEL[p.stageType]}</strong>: {p.summary}
                    </p>
                    <p className="small muted">{p.resources.map((r) => r.title).join(' · ') || 'No reading: practise instead.'}</p>
                  </div>
                </li>
              ))}
          </ul>
        )}
        <UnplacedError error={start.error} unplaced={unplaced} />
        <div className="actions">
          <button type="submit" disabled={start.isPending}>
            {start.isPending ? 'Starting…' : 'Start the plan'}
          </button>
        </div>
      </form>
    </section>
  );
}

function PlanView({ plan, application, days, onMoreDays }: { plan: StudyPlan; application: Application; days: number; onMoreDays: () => void }) {
  const s = plan.schedule;
  return (
    <>
      <StatusSection schedule={s} plan={plan} />
      <ReadinessSection applicationId={application.id} />
      {s.advice.length > 0 && <AdviceSection schedule={s} application={application} />}
      <StagesSection schedule={s} />
      <ScheduleSection schedule={s} days={days} onMoreDays={onMoreDays} />
      <ResourcesSection plan={plan} application={application} />
      <SettingsSection plan={plan} />
    </>
  );
}

function StatusSection({ schedule: s, plan }: { schedule: PlanSchedule; plan: StudyPlan }) {
  return (
    <section className="card" aria-labelledby="status-heading">
      <h2 id="status-heading">Where you stand</h2>
      <p className={`study-status-${s.status === 'behind' ? 'behind' : 'on_track'}`}>
        {s.status === 'behind' ? `Behind by ${hours(s.behindHours)}` : s.status === 'on_track' ? 'On track' : 'No interview dated yet: the work is laid out from today'}
      </p>
      {s.status === 'behind' && (
        <p>
          {s.neededHoursPerWeek !== null && `${hours(s.neededHoursPerWeek)} a week would make every dated stage (you have ${hours(plan.hoursPerWeek)}). `}
          {s.advice.length > 0 && (s.behindHoursAfterAdvice > 0 ? `Even following the advice below, ${hours(s.behindHoursAfterAdvice)} would not fit.` : 'Following the advice below makes it.')}
        </p>
      )}
      <p className="muted small">
        Today is {formatDate(s.today)}. Pace:{' '}
        {plan.paces
          // Minutes are their own pace: only the units read at a speed are worth saying.
          .filter((p) => p.unit !== 'minutes')
          .map((p) => `${Math.round(p.unitsPerHour * 10) / 10} ${p.unit} an hour (${p.source === 'log' ? `from your log, ${p.sessions} timed sessions` : p.source === 'stated' ? 'as you said' : 'Dossier’s guess'})`)
          .join(' · ')}
      </p>
    </section>
  );
}

function AdviceSection({ schedule: s, application: a }: { schedule: PlanSchedule; application: Application }) {
  const stageName = (id: string) => a.stages.find((st) => st.id === id)?.name ?? 'a stage';
  return (
    <section className="card" aria-labelledby="advice-heading">
      <h2 id="advice-heading">To make it</h2>
      <ol aria-label="Advice">
        {s.advice.map((ad) => (
          <li key={`${ad.action}-${ad.itemId}`}>
            <strong>{ad.action === 'drop' ? 'Drop' : 'Skim'}</strong> {ad.parts.length > 0 ? `${ad.parts.join(', ')} of ` : ''}
            <Link to={`/prepare/resources/${ad.resourceId}`}>{ad.title}</Link> for the {stageName(ad.stageId)}: saves {hours(ad.savesHours)}.
          </li>
        ))}
      </ol>
    </section>
  );
}

const STAGE_STATUS: Record<PlanSchedule['stages'][number]['status'], string> = { on_track: 'On track', behind: 'Behind', no_date: 'No interview yet', past: 'Interview passed' };

function StagesSection({ schedule: s }: { schedule: PlanSchedule }) {
  return (
    <section className="card" aria-labelledby="stages-heading">
      <h2 id="stages-heading">Stages</h2>
      <div className="study-table-wrap">
        <table className="study-table">
          <thead>
            <tr>
              <th scope="col">Stage</th>
              <th scope="col">Interview</th>
              <th scope="col">Work left</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {s.stages.map((st) => (
              <tr key={st.stageId}>
                <td>
                  {st.name} <span className="muted small">({STAGE_TYPE_LABEL[st.type]})</span>
                </td>
                <td>{st.interviewOn ? formatDate(st.interviewOn) : '—'}</td>
                <td>{hours(st.hoursLeft)}</td>
                <td className={st.status === 'behind' ? 'study-status-behind' : undefined}>
                  {STAGE_STATUS[st.status]}
                  {st.status === 'behind' ? ` by ${hours(st.behindHours)}` : ''}
                  {st.finishesOn ? <span className="muted small"> · done by {formatDate(st.finishesOn)}</span> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function ScheduleSection({ schedule: s, days, onMoreDays }: { schedule: PlanSchedule; days: number; onMoreDays: () => void }) {
  return (
    <section className="card" aria-labelledby="schedule-heading">
      <h2 id="schedule-heading">Day by day</h2>
      {s.days.length === 0 ? (
        <Empty>Nothing to study: add resources to the stages below.</Empty>
      ) : (
        <ol className="study-days" aria-label="Schedule">
          {s.days.map((d) => (
            <li key={d.date} className="study-day" aria-label={d.date === s.today ? `Today, ${formatDate(d.date)}` : formatDate(d.date)}>
              <h3>
                {d.date === s.today ? 'Today' : formatDate(d.date)} <span className="muted small">· {hours(d.hours)}</span>
              </h3>
              <ul>
                {d.chunks.map((c, i) => (
                  <li key={i}>
                    {c.skim && <span className="tag">Skim</span>}
                    <Link to={`/prepare/resources/${c.resourceId}`}>{c.title}</Link>
                    {c.part ? ` — ${c.part}` : ''}: {c.unit} {Math.round(c.from)}–{Math.round(c.to)} <span className="muted small">({hours(c.hours)})</span>
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ol>
      )}
      {days < 366 && (
        <div className="actions">
          <button type="button" className="secondary" onClick={onMoreDays}>
            Show {PLAN_DAYS} more days
          </button>
        </div>
      )}
    </section>
  );
}

function ResourcesSection({ plan, application: a }: { plan: StudyPlan; application: Application }) {
  const add = useAddPlanItem(plan.id);
  const move = useMovePlanItem(plan.id);
  const remove = useRemovePlanItem(plan.id);
  const resources = useStudyResources();
  const [picks, setPicks] = useState<Record<string, string>>({});
  const planned = new Set(plan.items.map((i) => i.resource.id));
  const available = (resources.data?.items ?? []).filter((r) => !planned.has(r.id));
  const error = add.error ?? move.error ?? remove.error;
  return (
    <section className="card" aria-labelledby="plan-resources-heading">
      <h2 id="plan-resources-heading">Resources per stage</h2>
      {a.stages.map((stage) => {
        const items = plan.items.filter((i) => i.stageId === stage.id);
        const pick = picks[stage.id] ?? '';
        return (
          <section key={stage.id} aria-label={stage.name}>
            <h3>{stage.name}</h3>
            {items.length === 0 ? (
              <p className="muted small">Nothing picked for this stage.</p>
            ) : (
              <ul className="list">
                {items.map((item) => (
                  <li key={item.id} className="row">
                    <div>
                      <p>
                        <Link to={`/prepare/resources/${item.resource.id}`}>{item.resource.title}</Link> <span className="muted small">· {amount(item.resource.progress.plannedAmount, item.resource.unit)}</span>
                      </p>
                      <ProgressLine resource={item.resource} />
                    </div>
                    <div className="row-end">
                      <FieldControl label={`Stage for ${item.resource.title}`}>
                        {(props) => (
                          <select {...props} value={item.stageId} disabled={move.isPending} onChange={(e) => move.mutate({ itemId: item.id, stageId: e.target.value })}>
                            {a.stages.map((st) => (
                              <option key={st.id} value={st.id}>
                                {st.name}
                              </option>
                            ))}
                          </select>
                        )}
                      </FieldControl>
                      <button type="button" className="secondary" disabled={remove.isPending} onClick={() => remove.mutate(item.id)} aria-label={`Remove ${item.resource.title} from the plan`}>
                        Remove
                      </button>
                    </div>
                  </li>
                ))}
              </ul>
            )}
            {available.length > 0 && (
              <form
                className="one-line"
                aria-label={`Add a resource to ${stage.name}`}
                onSubmit={(e) => {
                  e.preventDefault();
                  if (pick) add.mutate({ stageId: stage.id, resourceId: pick }, { onSuccess: () => setPicks({ ...picks, [stage.id]: '' }) });
                }}
              >
                <label htmlFor={`pick-${stage.id}`} className="visually-hidden">
                  Resource to add to {stage.name}
                </label>
                <select id={`pick-${stage.id}`} value={pick} onChange={(e) => setPicks({ ...picks, [stage.id]: e.target.value })}>
                  <option value="">Pick a resource…</option>
                  {available.map((r) => (
                    <option key={r.id} value={r.id}>
                      {r.title}
                    </option>
                  ))}
                </select>
                <button type="submit" className="secondary" disabled={!pick || add.isPending}>
                  Add
                </button>
              </form>
            )}
          </section>
        );
      })}
      <p className="small">
        <Link to="/prepare/resources">Add a new resource</Link> to pick it here.
      </p>
      {error ? <ErrorMessage error={error} /> : null}
    </section>
  );
}

function SettingsSection({ plan }: { plan: StudyPlan }) {
  const update = useUpdatePlan(plan.id);
  const remove = useDeletePlan(plan.id);
  const settings = useSettingsForm({ hoursPerWeek: plan.hoursPerWeek, statedPace: plan.statedPace });
  const { inputs, unplaced } = settings.fields(update.error);
  const [saved, setSaved] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const values = settings.read();
    if (values) update.mutate(values, { onSuccess: () => setSaved(true) });
  };
  return (
    <section className="card" aria-labelledby="settings-heading">
      <h2 id="settings-heading">Time and pace</h2>
      <form className="stack" onSubmit={submit} noValidate aria-label="Time and pace">
        {inputs}
        <UnplacedError error={update.error} unplaced={unplaced} />
        <div className="actions">
          <button type="submit" disabled={update.isPending}>
            {update.isPending ? 'Saving…' : 'Save and re-plan'}
          </button>
          {saved && (
            <p className="notice" role="status">
              Re-planned.
            </p>
          )}
          <button type="button" className="secondary" disabled={remove.isPending} onClick={() => remove.mutate()}>
            Delete the plan (resources and logs stay)
          </button>
        </div>
      </form>
      {remove.error ? <ErrorMessage error={remove.error} /> : null}
    </section>
  );
}
