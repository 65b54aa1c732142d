import { useState, type FormEvent } from 'react';
import { Field, FieldControl, SubmitAndCancel } from '@/components/field';
import { ErrorMessage, QueryStates } from '@/components/status';
import { Pager } from '@/components/pager';
import { formatDate } from '@/lib/format';
import { type Question, type QuestionSource, QUESTION_PAGE, type StageType, useCreateQuestion, useDeleteQuestion, useOrganizationChoices, useQuestions, useUpdateQuestion } from '../api/questions';
import { ChoiceSelect, fieldProblems, OrganizationSelect, StageTypeSelect, UnplacedError } from './form-bits';
import { SOURCE_LABEL, STAGE_TYPE_LABEL } from './labels';
import './study.css';

const SOURCES = Object.keys(SOURCE_LABEL) as QuestionSource[];

/** The question bank: filtered by topic, stage type, organization, where it came from or text; add one; answer notes. */
export function QuestionsPage() {
  const [topic, setTopic] = useState('');
  const [stageType, setStageType] = useState<StageType | ''>('');
  const [organizationId, setOrganizationId] = useState('');
  const [source, setSource] = useState<QuestionSource | ''>('');
  const [q, setQ] = useState('');
  const [offset, setOffset] = useState(0);
  const [adding, setAdding] = useState(false);
  const organizations = useOrganizationChoices();
  const orgName = (id: string | null) => (id ? organizations.data?.items.find((o) => o.id === id)?.name : undefined);
  const filter = { topic: topic.trim(), stageType: stageType || undefined, organizationId: organizationId || undefined, source: source || undefined, q: q.trim() };
  const questions = useQuestions(filter, offset);
  const filtered = Boolean(filter.topic || filter.stageType || filter.organizationId || filter.source || filter.q);
  const refilter = <T,>(set: (v: T) => void) => (v: T) => {
    set(v);
    setOffset(0);
  };
  return (
    <section className="card" aria-labelledby="questions-heading">
      <div className="actions">
        <h2 id="questions-heading">Question bank</h2>
        {!adding && (
          <button type="button" onClick={() => setAdding(true)}>
            Add a question
          </button>
        )}
      </div>
      {adding && <QuestionForm organizations={organizations.data?.items ?? []} onDone={() => setAdding(false)} />}
      <div className="filters" role="search" aria-label="Filter questions">
        <Field label="Topic" value={topic} onChange={(e) => refilter(setTopic)(e.target.value)} />
        <StageTypeSelect label="Stage type" value={stageType} onChange={refilter(setStageType)} none="Any" />
        <OrganizationSelect label="Organization" value={organizationId} onChange={refilter(setOrganizationId)} none="Any" organizations={organizations.data?.items ?? []} />
        <ChoiceSelect label="Came from" options={SOURCES} labels={SOURCE_LABEL} value={source} onChange={refilter(setSource)} none="Anywhere" />
        <Field label="Text contains" type="search" value={q} onChange={(e) => refilter(setQ)(e.target.value)} />
      </div>
      <QueryStates
        query={questions}
        isEmpty={(page) => page.items.length === 0}
        empty={filtered ? 'No question matches these filters.' : 'No questions yet. Add those you met in interviews, mocks and books, or expect: each is due for practice at once.'}
      >
        {(page) => (
          <>
            <p className="muted small">{page.total} questions</p>
            <ul className="list" aria-label="Questions">
              {page.items.map((question) => (
                <QuestionRow key={question.id} question={question} organization={orgName(question.organizationId)} />
              ))}
            </ul>
            <Pager total={page.total} limit={QUESTION_PAGE} offset={offset} onOffset={setOffset} />
          </>
        )}
      </QueryStates>
    </section>
  );
}

function QuestionRow({ question: qn, organization }: { question: Question; organization?: string }) {
  const [editing, setEditing] = useState(false);
  const [notes, setNotes] = useState(qn.answerNotes ?? '');
  const update = useUpdateQuestion();
  const remove = useDeleteQuestion();
  const { problem, unplaced } = fieldProblems(update.error, {}, ['answerNotes']);
  return (
    <li className="row">
      <div>
        <p>
          <strong>{qn.text}</strong>
        </p>
        <p className="small">
          {qn.topic && <span className="tag">#{qn.topic}</span>}
          {qn.stageType && <span className="tag">{STAGE_TYPE_LABEL[qn.stageType]}</span>}
          {organization && <span className="tag">{organization}</span>}
          <span className="muted">
            From {SOURCE_LABEL[qn.source].toLowerCase()} · next review {formatDate(qn.practice.due)}
            {qn.practice.reps > 0 ? ` · drilled ${qn.practice.reps}×` : ' · not drilled yet'}
          </span>
        </p>
        {editing ? (
          <form
            className="stack"
            aria-label={`Answer notes for ${qn.text}`}
            onSubmit={(e: FormEvent) => {
              e.preventDefault();
              update.mutate({ id: qn.id, answerNotes: notes.trim() || null }, { onSuccess: () => setEditing(false) });
            }}
          >
            <FieldControl label="Answer notes" error={problem('answerNotes')}>
              {(props) => <textarea {...props} rows={4} value={notes} onChange={(e) => setNotes(e.target.value)} />}
            </FieldControl>
            <UnplacedError error={update.error} unplaced={unplaced} />
            <div className="actions">
              <button type="submit" disabled={update.isPending}>
                Save the notes
              </button>
              <button type="button" className="secondary" onClick={() => setEditing(false)}>
                Cancel
              </button>
            </div>
          </form>
        ) : (
          qn.answerNotes && (
            <details>
              <summary className="small">Answer notes</summary>
              <p className="prewrap small">{qn.answerNotes}</p>
            </details>
          )
        )}
        {remove.error ? <ErrorMessage error={remove.error} /> : null}
      </div>
      {!editing && (
        <div className="row-end">
          <button type="button" className="secondary" onClick={() => setEditing(true)} aria-label={`Edit the answer notes of ${qn.text}`}>
            Notes
          </button>
          <button type="button" className="secondary" disabled={remove.isPending} onClick={() => remove.mutate(qn.id)} aria-label={`Delete ${qn.text}`}>
            Delete
          </button>
        </div>
      )}
    </li>
  );
}

const FIELDS = ['text', 'topic', 'stageType', 'organizationId', 'interviewId', 'source', 'answerNotes'];

function QuestionForm({ organizations, onDone }: { organizations: { id: string; name: string }[]; onDone: () => void }) {
  const create = useCreateQuestion();
  const [text, setText] = useState('');
  const [topic, setTopic] = useState('');
  const [stageType, setStageType] = useState<StageType | ''>('');
  const [organizationId, setOrganizationId] = useState('');
  const [source, setSource] = useState<QuestionSource>('other');
  const [notes, setNotes] = useState('');
  const [local, setLocal] = useState<Record<string, string>>({});
  const { problem, unplaced } = fieldProblems(create.error, local, FIELDS);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!text.trim()) found.text = 'Write the question';
    setLocal(found);
    if (Object.keys(found).length > 0) return;
    create.mutate(
      { text: text.trim(), topic: topic.trim() || null, stageType: stageType || null, organizationId: organizationId || null, source, answerNotes: notes.trim() || null },
      { onSuccess: onDone },
    );
  };
  return (
    <form className="stack" onSubmit={submit} noValidate aria-label="New question">
      <FieldControl label="Question" error={problem('text')}>
        {(props) => <textarea {...props} rows={2} value={text} onChange={(e) => setText(e.target.value)} />}
      </FieldControl>
      <div className="filters">
        <Field label="Question topic" value={topic} onChange={(e) => setTopic(e.target.value)} error={problem('topic')} />
        <StageTypeSelect label="For stage type" value={stageType} onChange={setStageType} none="None" error={problem('stageType')} />
        <OrganizationSelect label="Asked at" value={organizationId} onChange={setOrganizationId} none="No organization" organizations={organizations} error={problem('organizationId')} />
        <ChoiceSelect label="Where it came from" options={SOURCES} labels={SOURCE_LABEL} value={source} onChange={setSource} error={problem('source')} />
      </div>
      <FieldControl label="Your answer notes" error={problem('answerNotes')}>
        {(props) => <textarea {...props} rows={3} value={notes} onChange={(e) => setNotes(e.target.value)} />}
      </FieldControl>
      <UnplacedError error={create.error} unplaced={unplaced} />
      <div className="actions">
        <SubmitAndCancel label="Add the question" pendingLabel="Adding…" pending={create.isPending} onCancel={onDone} />
      </div>
    </form>
  );
}
