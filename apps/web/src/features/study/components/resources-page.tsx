import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { Field, FieldControl, SubmitAndCancel } from '@/components/field';
import { QueryStates } from '@/components/status';
import { formatDateTime } from '@/lib/format';
import { type CreateStudyResource, type ResourceEmphasis, type StageType, type StudyPart, type StudyResource, type StudyResourceKind, type StudyUnit, useCreateStudyResource, useStudyResources, useUpdateStudyResource } from '../api/resources';
import { CheckGroup, StageTypeSelect, UnplacedError, fieldProblems, numberOrBlank } from './form-bits';
import { amount, EMPHASIS_LABEL, KIND_LABEL, KIND_UNIT, KINDS, splitList, STAGE_TYPE_LABEL, STAGE_TYPES, UNITS } from './labels';
import './study.css';

/** The study resources with their progress, filtered by stage type, topic or title; and the form to add one. */
export function ResourcesPage() {
  const [stageType, setStageType] = useState<StageType | ''>('');
  const [topic, setTopic] = useState('');
  const [q, setQ] = useState('');
  const [adding, setAdding] = useState(false);
  const resources = useStudyResources({ stageType: stageType || undefined, topic: topic.trim(), q: q.trim() });
  const filtered = stageType !== '' || topic.trim() !== '' || q.trim() !== '';
  return (
    <div className="stack">
      <section className="card" aria-labelledby="resources-heading">
        <div className="actions">
          <h2 id="resources-heading">Study resources</h2>
          {!adding && (
            <button type="button" onClick={() => setAdding(true)}>
              Add a resource
            </button>
          )}
        </div>
        {adding && <ResourceForm onDone={() => setAdding(false)} />}
        <div className="filters" role="search" aria-label="Filter resources">
          <StageTypeSelect label="Stage type" value={stageType} onChange={setStageType} none="Any" />
          <Field label="Topic" value={topic} onChange={(e) => setTopic(e.target.value)} />
          <Field label="Title contains" type="search" value={q} onChange={(e) => setQ(e.target.value)} />
        </div>
        <QueryStates
          query={resources}
          isEmpty={(page) => page.items.length === 0}
          empty={filtered ? 'No resource matches these filters.' : 'No study resources yet. Add the books, chapters, problem sets, papers and courses you prepare from, or start a study plan from the starter plans on an application’s plan.'}
        >
          {(page) => (
            <ul className="list" aria-label="Resources">
              {page.items.map((r) => (
                <ResourceRow key={r.id} resource={r} />
              ))}
            </ul>
          )}
        </QueryStates>
      </section>
    </div>
  );
}

function ResourceRow({ resource: r }: { resource: StudyResource }) {
  return (
    <li className="row">
      <div>
        <p>
          <Link to={`/prepare/resources/${r.id}`}>{r.title}</Link> <span className="muted small">· {KIND_LABEL[r.kind]}</span>
          {r.author ? <span className="muted small"> · {r.author}</span> : null}
        </p>
        <ProgressLine resource={r} />
        <p className="small">
          {r.stageTypes.map((t) => (
            <span key={t} className="tag">
              {STAGE_TYPE_LABEL[t]}
            </span>
          ))}
          {r.topics.map((t) => (
            <span key={t} className="tag">
              #{t}
            </span>
          ))}
          {r.emphasis !== 'core' && <span className="tag">{EMPHASIS_LABEL[r.emphasis]}</span>}
        </p>
      </div>
    </li>
  );
}

/** "70 of 340 pages (21%) · 7 sessions · last on 7 Mar 2027, 09:00", with a progress bar. */
export function ProgressLine({ resource: r }: { resource: StudyResource }) {
  const p = r.progress;
  return (
    <p className="small">
      <progress className="study-progress" max={Math.max(p.plannedAmount, 1)} value={Math.min(p.doneAmount, p.plannedAmount)} aria-label={`Progress on ${r.title}`} />{' '}
      {p.doneAmount} of {amount(p.plannedAmount, r.unit)} ({p.percent}%)
      {p.sessions > 0 && ` · ${p.sessions} session${p.sessions === 1 ? '' : 's'}`}
      {p.lastStudiedAt && ` · last on ${formatDateTime(p.lastStudiedAt)}`}
    </p>
  );
}

const FIELDS = ['kind', 'title', 'author', 'url', 'unit', 'totalAmount', 'parts', 'emphasis', 'topics', 'stageTypes', 'notes'];

interface PartDraft {
  title: string;
  amount: string;
  emphasis: StudyPart['emphasis'];
}

/**
 * Add a resource: its kind and unit, its size or its parts (chapters, problems) with what to skim or
 * skip. With `resource`, the same form edits it, holding what it has; its session log stays.
 */
export function ResourceForm({ resource, onDone }: { resource?: StudyResource; onDone: () => void }) {
  const create = useCreateStudyResource();
  const update = useUpdateStudyResource(resource?.id ?? '');
  const saving = resource ? update : create;
  const [kind, setKind] = useState<StudyResourceKind>(resource?.kind ?? 'book');
  const [unit, setUnit] = useState<StudyUnit>(resource?.unit ?? 'pages');
  const [title, setTitle] = useState(resource?.title ?? '');
  const [author, setAuthor] = useState(resource?.author ?? '');
  const [url, setUrl] = useState(resource?.url ?? '');
  // With parts, the size is their sum: left blank.
  const [total, setTotal] = useState(resource && resource.parts.length === 0 ? String(resource.totalAmount) : '');
  const [parts, setParts] = useState<PartDraft[]>(resource?.parts.map((p) => ({ title: p.title, amount: String(p.amount), emphasis: p.emphasis })) ?? []);
  const [emphasis, setEmphasis] = useState<ResourceEmphasis>(resource?.emphasis ?? 'core');
  const [topics, setTopics] = useState(resource?.topics.join(', ') ?? '');
  const [stageTypes, setStageTypes] = useState<StageType[]>(resource?.stageTypes ?? []);
  const [notes, setNotes] = useState(resource?.notes ?? '');
  const [local, setLocal] = useState<Record<string, string>>({});
  const { problem, unplaced } = fieldProblems(saving.error, local, FIELDS);
  const partsLabel = unit === 'problems' ? 'Problems' : unit === 'minutes' ? 'Sections' : 'Chapters';

  const chooseKind = (next: StudyResourceKind) => {
    setKind(next);
    setUnit(KIND_UNIT[next]);
  };
  const setPart = (index: number, change: Partial<PartDraft>) => setParts(parts.map((p, i) => (i === index ? { ...p, ...change } : p)));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!title.trim()) found.title = 'Give the title';
    const totalAmount = numberOrBlank(total);
    if (totalAmount !== undefined && (!Number.isInteger(totalAmount) || totalAmount < 1)) found.totalAmount = `must be a whole number of ${unit}, at least 1`;
    if (parts.length === 0 && totalAmount === undefined) found.totalAmount = `Give its size in ${unit}, or list its ${partsLabel.toLowerCase()}`;
    const partProblems = parts.flatMap((p, i) => {
      const n = Number(p.amount);
      const bad = [];
      if (!p.title.trim()) bad.push(`${i + 1}: give its title`);
      if (!Number.isInteger(n) || n < 1) bad.push(`${i + 1}: its size must be a whole number, at least 1`);
      return bad;
    });
    if (partProblems.length > 0) found.parts = partProblems.join('; ');
    if (url.trim() && !/^https?:\/\/\S+$/i.test(url.trim())) found.url = 'must be an http(s) URL';
    setLocal(found);
    if (Object.keys(found).length > 0) return;
    const body: CreateStudyResource = {
      kind,
      unit,
      title: title.trim(),
      author: author.trim() || null,
      url: url.trim() || null,
      ...(totalAmount !== undefined ? { totalAmount } : {}),
      ...(parts.length > 0 ? { parts: parts.map((p) => ({ title: p.title.trim(), amount: Number(p.amount), emphasis: p.emphasis })) } : {}),
      emphasis,
      topics: splitList(topics),
      stageTypes,
      notes: notes.trim() || null,
    };
    // An edit always sends the parts: none listed clears them.
    if (resource) update.mutate({ ...body, parts: body.parts ?? [] }, { onSuccess: onDone });
    else create.mutate(body, { onSuccess: onDone });
  };

  return (
    <form className="stack" onSubmit={submit} noValidate aria-label={resource ? `Edit ${resource.title}` : 'New resource'}>
      <div className="filters">
        <FieldControl label="Kind" error={problem('kind')}>
          {(props) => (
            <select {...props} value={kind} onChange={(e) => chooseKind(e.target.value as StudyResourceKind)}>
              {KINDS.map((k) => (
                <option key={k} value={k}>
                  {KIND_LABEL[k]}
                </option>
              ))}
            </select>
          )}
        </FieldControl>
        <Field label="Title" value={title} onChange={(e) => setTitle(e.target.value)} error={problem('title')} />
        <Field label="Author" value={author} onChange={(e) => setAuthor(e.target.value)} error={problem('author')} />
        <Field label="URL" type="url" value={url} onChange={(e) => setUrl(e.target.value)} error={problem('url')} />
        <FieldControl label="Counted in" error={problem('unit')}>
          {(props) => (
            <select {...props} value={unit} onChange={(e) => setUnit(e.target.value as StudyUnit)}>
              {UNITS.map((u) => (
                <option key={u} value={u}>
                  {u}
                </option>
              ))}
            </select>
          )}
        </FieldControl>
        <Field label={`Size (${unit})`} inputMode="numeric" value={total} onChange={(e) => setTotal(e.target.value)} error={problem('totalAmount')} hint={parts.length > 0 ? `Blank: the sum of its ${partsLabel.toLowerCase()}` : undefined} />
      </div>
      <fieldset className="field study-checks">
        <legend>{partsLabel}</legend>
        {parts.length === 0 && <p className="muted small">None listed: the plan counts the whole {KIND_LABEL[kind].toLowerCase()} in {unit}.</p>}
        <div className="study-parts">
          {parts.map((p, i) => (
            <div key={i} className="study-part">
              <Field label={`${partsLabel.replace(/s$/, '')} ${i + 1} title`} value={p.title} onChange={(e) => setPart(i, { title: e.target.value })} />
              <Field label={`${partsLabel.replace(/s$/, '')} ${i + 1} ${unit}`} inputMode="numeric" value={p.amount} onChange={(e) => setPart(i, { amount: e.target.value })} />
              <FieldControl label={`${partsLabel.replace(/s$/, '')} ${i + 1} emphasis`}>
                {(props) => (
                  <select {...props} value={p.emphasis} onChange={(e) => setPart(i, { emphasis: e.target.value as StudyPart['emphasis'] })}>
                    {(Object.keys(EMPHASIS_LABEL) as NonNullable<StudyPart['emphasis']>[]).map((em) => (
                      <option key={em} value={em}>
                        {EMPHASIS_LABEL[em]}
                      </option>
                    ))}
                  </select>
                )}
              </FieldControl>
              <button type="button" className="secondary" onClick={() => setParts(parts.filter((_, j) => j !== i))}>
                Remove {partsLabel.replace(/s$/, '').toLowerCase()} {i + 1}
              </button>
            </div>
          ))}
        </div>
        {problem('parts') && <p className="field-error">{problem('parts')}</p>}
        <div className="actions">
          <button type="button" className="secondary" onClick={() => setParts([...parts, { title: '', amount: '', emphasis: 'core' }])}>
            Add a {partsLabel.replace(/s$/, '').toLowerCase()}
          </button>
        </div>
      </fieldset>
      <div className="filters">
        <FieldControl label="When behind" error={problem('emphasis')}>
          {(props) => (
            <select {...props} value={emphasis} onChange={(e) => setEmphasis(e.target.value as ResourceEmphasis)}>
              <option value="core">Core: keep it</option>
              <option value="skim">Skim it first</option>
              <option value="optional">Drop it first</option>
            </select>
          )}
        </FieldControl>
        <Field label="Topics" hint="Separated by commas" value={topics} onChange={(e) => setTopics(e.target.value)} error={problem('topics')} />
      </div>
      <CheckGroup legend="Prepares for" options={STAGE_TYPES} labels={STAGE_TYPE_LABEL} value={stageTypes} onChange={setStageTypes} error={problem('stageTypes')} hint="None: any stage" />
      <FieldControl label="Notes" error={problem('notes')}>
        {(props) => <textarea {...props} rows={3} value={notes} onChange={(e) => setNotes(e.target.value)} />}
      </FieldControl>
      <UnplacedError error={saving.error} unplaced={unplaced} />
      <div className="actions">
        <SubmitAndCancel label={resource ? 'Save the resource' : 'Add the resource'} pendingLabel={resource ? 'Saving…' : 'Adding…'} pending={saving.isPending} onCancel={onDone} />
      </div>
    </form>
  );
}
