import { useState, type FormEvent } from 'react';
import { Field, FieldControl, SubmitAndCancel } from '@/components/field';
import { ErrorMessage, QueryStates } from '@/components/status';
import { type Competency, type StageType, type Story, useCreateStory, useDeleteStory, useResumeProjects, useStories, useStoryCoverage, useUpdateStory } from '../api/stories';
import { CheckGroup, StageTypeSelect, UnplacedError, fieldProblems } from './form-bits';
import { COMPETENCIES, COMPETENCY_LABEL, STAGE_TYPE_LABEL, STAGE_TYPES } from './labels';
import './study.css';

/** Behavioural stories in STAR form, the competencies they show, and which competencies have no story yet. */
export function StoriesPage() {
  const stories = useStories();
  const [adding, setAdding] = useState(false);
  return (
    <div className="stack">
      <CoverageSection />
      <section className="card" aria-labelledby="stories-heading">
        <div className="actions">
          <h2 id="stories-heading">Stories</h2>
          {!adding && (
            <button type="button" onClick={() => setAdding(true)}>
              Add a story
            </button>
          )}
        </div>
        {adding && <StoryForm onDone={() => setAdding(false)} />}
        <QueryStates query={stories} isEmpty={(page) => page.items.length === 0} empty="No stories yet. Write one per competency the team-lead and culture rounds ask about: a conflict, a failure, leading, ambiguity, impact.">
          {(page) => (
            <ul className="list" aria-label="Stories">
              {page.items.map((s) => (
                <StoryRow key={s.id} story={s} />
              ))}
            </ul>
          )}
        </QueryStates>
      </section>
    </div>
  );
}

function CoverageSection() {
  const [stageType, setStageType] = useState<StageType | ''>('');
  const coverage = useStoryCoverage(stageType);
  return (
    <section className="card" aria-labelledby="coverage-heading">
      <h2 id="coverage-heading">Coverage</h2>
      <div className="filters">
        <StageTypeSelect label="For stage type" value={stageType} onChange={setStageType} none="Any" />
      </div>
      <QueryStates query={coverage} isEmpty={() => false} empty={null}>
        {(c) => (
          <>
            {c.missing.length > 0 ? (
              <p className="study-status-behind">No story yet for: {c.missing.map((m) => COMPETENCY_LABEL[m]).join(', ')}.</p>
            ) : (
              <p className="study-status-on_track">Every competency has a story.</p>
            )}
            <ul className="list" aria-label="Stories per competency">
              {c.competencies.map((x) => (
                <li key={x.competency} className="row">
                  <span>{COMPETENCY_LABEL[x.competency]}</span>
                  <span>{x.stories === 1 ? '1 story' : `${x.stories} stories`}</span>
                </li>
              ))}
            </ul>
          </>
        )}
      </QueryStates>
    </section>
  );
}

function StoryRow({ story: s }: { story: Story }) {
  const remove = useDeleteStory();
  const [editing, setEditing] = useState(false);
  if (editing) {
    return (
      <li className="row">
        <StoryForm story={s} onDone={() => setEditing(false)} />
      </li>
    );
  }
  return (
    <li className="row">
      <div>
        <p>
          <strong>{s.title}</strong>
        </p>
        <p className="small">
          {s.competencies.map((c) => (
            <span key={c} className="tag">
              {COMPETENCY_LABEL[c]}
            </span>
          ))}
          <span className="muted">{s.stageTypes.length > 0 ? `Tell it in: ${s.stageTypes.map((t) => STAGE_TYPE_LABEL[t]).join(', ')}` : 'Tell it anywhere'}</span>
        </p>
        {s.resumeProjects.length > 0 && <p className="small muted">From {s.resumeProjects.map((p) => p.title).join(', ')}</p>}
        <details>
          <summary className="small">Situation, task, action, result</summary>
          <dl className="facts small">
            {(['situation', 'task', 'action', 'result'] as const).map((k) => (
              <div key={k}>
                <dt>{k[0].toUpperCase() + k.slice(1)}</dt>
                <dd className="prewrap">{s[k] ?? '—'}</dd>
              </div>
            ))}
          </dl>
        </details>
        {remove.error ? <ErrorMessage error={remove.error} /> : null}
      </div>
      <div className="row-end">
        <button type="button" className="secondary" onClick={() => setEditing(true)} aria-label={`Edit ${s.title}`}>
          Edit
        </button>
        <button type="button" className="secondary" disabled={remove.isPending} onClick={() => remove.mutate(s.id)} aria-label={`Delete ${s.title}`}>
          Delete
        </button>
      </div>
    </li>
  );
}

const FIELDS = ['title', 'situation', 'task', 'action', 'result', 'competencies', 'stageTypes', 'resumeProjectIds'];

/** A new story, or `story` edited in place (every field sent: the lists replace the stored ones). */
function StoryForm({ story, onDone }: { story?: Story; onDone: () => void }) {
  const create = useCreateStory();
  const update = useUpdateStory();
  const saving = story ? update : create;
  const projects = useResumeProjects();
  const [title, setTitle] = useState(story?.title ?? '');
  const [star, setStar] = useState({ situation: story?.situation ?? '', task: story?.task ?? '', action: story?.action ?? '', result: story?.result ?? '' });
  const [competencies, setCompetencies] = useState<Competency[]>(story?.competencies ?? []);
  const [stageTypes, setStageTypes] = useState<StageType[]>(story?.stageTypes ?? []);
  const [projectIds, setProjectIds] = useState<string[]>(story?.resumeProjects.map((p) => p.id) ?? []);
  const [local, setLocal] = useState<Record<string, string>>({});
  const { problem, unplaced } = fieldProblems(saving.error, local, FIELDS);
  const projectLabels = Object.fromEntries((projects.data?.items ?? []).map((p) => [p.id, p.title]));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!title.trim()) found.title = 'Give the story a title';
    setLocal(found);
    if (Object.keys(found).length > 0) return;
    const body = {
      title: title.trim(),
      situation: star.situation.trim() || null,
      task: star.task.trim() || null,
      action: star.action.trim() || null,
      result: star.result.trim() || null,
      competencies,
      stageTypes,
      resumeProjectIds: projectIds,
    };
    if (story) update.mutate({ id: story.id, ...body }, { onSuccess: onDone });
    else create.mutate(body, { onSuccess: onDone });
  };
  return (
    <form className="stack" onSubmit={submit} noValidate aria-label={story ? `Edit ${story.title}` : 'New story'}>
      <Field label="Title" value={title} onChange={(e) => setTitle(e.target.value)} error={problem('title')} />
      {(
        [
          ['situation', 'Situation', 'Where and when'],
          ['task', 'Task', 'What you had to do'],
          ['action', 'Action', 'What you did'],
          ['result', 'Result', 'What came of it'],
        ] as const
      ).map(([key, label, hint]) => (
        <FieldControl key={key} label={label} hint={hint} error={problem(key)}>
          {(props) => <textarea {...props} rows={2} value={star[key]} onChange={(e) => setStar({ ...star, [key]: e.target.value })} />}
        </FieldControl>
      ))}
      <CheckGroup legend="Competencies it shows" options={COMPETENCIES} labels={COMPETENCY_LABEL} value={competencies} onChange={setCompetencies} error={problem('competencies')} />
      <CheckGroup legend="Worth telling in" options={STAGE_TYPES} labels={STAGE_TYPE_LABEL} value={stageTypes} onChange={setStageTypes} error={problem('stageTypes')} hint="None: any stage" />
      {projects.data && projects.data.items.length > 0 ? (
        <CheckGroup legend="Résumé projects" options={projects.data.items.map((p) => p.id)} labels={projectLabels} value={projectIds} onChange={setProjectIds} error={problem('resumeProjectIds')} />
      ) : (
        <p className="muted small">No résumé projects yet: add them in Settings to link stories to them.</p>
      )}
      <UnplacedError error={saving.error} unplaced={unplaced} />
      <div className="actions">
        <SubmitAndCancel label={story ? 'Save the story' : 'Add the story'} pendingLabel={story ? 'Saving…' : 'Adding…'} pending={saving.isPending} onCancel={onDone} />
      </div>
    </form>
  );
}
