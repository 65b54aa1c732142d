import { useState, type FormEvent } from 'react';
import { Field, FieldControl, SubmitAndCancel } from '@/components/field';
import { Pager } from '@/components/pager';
import { ErrorMessage, QueryStates } from '@/components/status';
import { asApiError, type ApiError } from '@/lib/api/errors';
import { PAGE_SIZE, useDeleteResumeProject, useResumeProjects, useSaveResumeProject, type ResumeProject, type ResumeProjectInput, type StageType } from '../api/settings';

const STAGE_TYPES: StageType[] = ['recruiter', 'quiz', 'coding', 'take_home', 'system_design', 'research', 'team_lead', 'senior_lead', 'culture', 'other'];
const stageLabel = (type: StageType): string => type.charAt(0).toUpperCase() + type.slice(1).replace('_', ' ');

/**
 * The projects on the user's résumé (GET/POST /resume-projects, PATCH/DELETE /resume-projects/:id):
 * their tags feed the reading checklists' relevance, and briefings list them with their talking points.
 */
export function ResumeProjectsSection() {
  const [offset, setOffset] = useState(0);
  const projects = useResumeProjects(offset);
  const remove = useDeleteResumeProject();
  const [editing, setEditing] = useState<string | undefined>();
  const [adding, setAdding] = useState(false);
  return (
    <section className="card" aria-labelledby="resume-projects-heading">
      <h2 id="resume-projects-heading">Résumé projects</h2>
      <p className="muted small">The projects you will be asked about. Their tags make the interviewers’ papers on the same topics rank higher on your reading checklists; briefings list them with your talking points.</p>
      {adding ? (
        <ProjectForm onDone={() => setAdding(false)} />
      ) : (
        <div>
          <button type="button" onClick={() => setAdding(true)}>
            Add a project
          </button>
        </div>
      )}
      {remove.isError && <ErrorMessage error={remove.error} />}
      <QueryStates query={projects} isEmpty={(data) => data.items.length === 0} empty="No project yet.">
        {(data) => (
          <>
            <ul className="list" aria-label="Your résumé projects">
              {data.items.map((project) =>
                editing === project.id ? (
                  <li key={project.id} className="row settings-project-edit">
                    <ProjectForm project={project} onDone={() => setEditing(undefined)} />
                  </li>
                ) : (
                  <li key={project.id} className="row">
                    <div>
                      <p>
                        <strong>{project.title}</strong>
                        {project.role ? ` · ${project.role}` : ''}
                        {project.periodFrom ? ` · ${project.periodFrom} – ${project.periodTo ?? 'now'}` : ''}
                      </p>
                      {project.summary && <p className="muted small">{project.summary}</p>}
                      <p className="small">
                        {project.tags.map((tag) => (
                          <span key={tag} className="tag">
                            {tag}
                          </span>
                        ))}
                        {project.talkingPoints.length > 0 && <span className="muted">{project.talkingPoints.length} talking point{project.talkingPoints.length === 1 ? '' : 's'}</span>}
                      </p>
                    </div>
                    <div className="row-end">
                      <button type="button" className="secondary" onClick={() => setEditing(project.id)} aria-label={`Edit the project ${project.title}`}>
                        Edit
                      </button>
                      <button type="button" className="secondary" disabled={remove.isPending} onClick={() => window.confirm(`Delete the project “${project.title}”?`) && remove.mutate(project.id)} aria-label={`Delete the project ${project.title}`}>
                        Delete
                      </button>
                    </div>
                  </li>
                ),
              )}
            </ul>
            <Pager total={data.total} limit={PAGE_SIZE} offset={offset} onOffset={setOffset} />
          </>
        )}
      </QueryStates>
    </section>
  );
}

const lines = (text: string): string[] =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

/** "https://… label" per line: the URL, then an optional label. */
function parseLinks(text: string): ResumeProjectInput['links'] {
  return lines(text).map((line) => {
    const [url, ...label] = line.split(/\s+/);
    return { url, label: label.join(' ') || null };
  });
}

/** Every problem under a list field (links.0.url, talkingPoints.2), joined for display under it. */
function problemsUnder(error: ApiError | undefined, field: string): string | undefined {
  const found = error?.details.filter((d) => d.field === field || d.field.startsWith(`${field}.`)).map((d) => `${d.field}: ${d.problem}`);
  return found && found.length > 0 ? found.join('; ') : undefined;
}

function ProjectForm({ project, onDone }: { project?: ResumeProject; onDone: () => void }) {
  const save = useSaveResumeProject();
  const [title, setTitle] = useState(project?.title ?? '');
  const [role, setRole] = useState(project?.role ?? '');
  const [periodFrom, setPeriodFrom] = useState(project?.periodFrom ?? '');
  const [periodTo, setPeriodTo] = useState(project?.periodTo ?? '');
  const [summary, setSummary] = useState(project?.summary ?? '');
  const [tags, setTags] = useState(project?.tags.join(', ') ?? '');
  const [points, setPoints] = useState(project?.talkingPoints.join('\n') ?? '');
  const [links, setLinks] = useState(project?.links.map((l) => (l.label ? `${l.url} ${l.label}` : l.url)).join('\n') ?? '');
  const [stageTypes, setStageTypes] = useState<StageType[]>(project?.stageTypes ?? []);
  const error = asApiError(save.error);
  const known = ['title', 'role', 'periodFrom', 'periodTo', 'summary', 'tags', 'talkingPoints', 'links', 'stageTypes'];
  const elsewhere = error && !error.details.some((d) => known.some((f) => d.field === f || d.field.startsWith(`${f}.`)));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body: ResumeProjectInput = {
      title: title.trim(),
      role: role.trim() || null,
      periodFrom: periodFrom || null,
      periodTo: periodTo || null,
      summary: summary.trim() || null,
      tags: tags
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean),
      talkingPoints: lines(points),
      links: parseLinks(links),
      stageTypes,
    };
    save.mutate({ id: project?.id, body }, { onSuccess: onDone });
  };
  const textArea = (label: string, value: string, set: (v: string) => void, problem: string | undefined, hint?: string) => (
    <FieldControl label={label} error={problem} hint={hint}>
      {(props) => <textarea {...props} rows={3} value={value} onChange={(e) => set(e.target.value)} />}
    </FieldControl>
  );

  return (
    <form className="stack settings-project-form" onSubmit={submit} aria-label={project ? `Edit ${project.title}` : 'New project'}>
      <div className="inline-form">
        <Field label="Project title" required value={title} onChange={(e) => setTitle(e.target.value)} error={error?.fieldProblem('title')} />
        <Field label="Your role" value={role} onChange={(e) => setRole(e.target.value)} error={error?.fieldProblem('role')} />
        <Field label="From (month)" type="month" placeholder="2024-03" value={periodFrom} onChange={(e) => setPeriodFrom(e.target.value)} error={error?.fieldProblem('periodFrom')} />
        <Field label="To (month)" type="month" placeholder="2025-01" hint="Empty: ongoing" value={periodTo} onChange={(e) => setPeriodTo(e.target.value)} error={error?.fieldProblem('periodTo')} />
      </div>
      {textArea('Summary', summary, setSummary, error?.fieldProblem('summary'))}
      <Field label="Tags" hint="Comma-separated: technologies and topics (they steer reading relevance)" value={tags} onChange={(e) => setTags(e.target.value)} error={problemsUnder(error, 'tags')} />
      {textArea('Talking points', points, setPoints, problemsUnder(error, 'talkingPoints'), 'One per line')}
      {textArea('Links', links, setLinks, problemsUnder(error, 'links'), 'One per line: the URL, then a label if you like')}
      <fieldset className="settings-stage-types">
        <legend>Worth raising in (none: any stage)</legend>
        {STAGE_TYPES.map((type) => (
          <label key={type}>
            <input
              type="checkbox"
              checked={stageTypes.includes(type)}
              onChange={(e) => setStageTypes(e.target.checked ? [...stageTypes, type] : stageTypes.filter((s) => s !== type))}
            />{' '}
            {stageLabel(type)}
          </label>
        ))}
      </fieldset>
      {elsewhere && <ErrorMessage error={error} />}
      <div className="actions">
        <SubmitAndCancel label={project ? 'Save project' : 'Add project'} pendingLabel="Saving…" pending={save.isPending} onCancel={onDone} />
      </div>
    </form>
  );
}
