import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { Field, FieldControl, SubmitAndCancel } from '@/components/field';
import { ErrorMessage, QueryStates } from '@/components/status';
import { Pager } from '@/components/pager';
import { currentTimeZone, formatDateTime } from '@/lib/format';
import { isoToWallClock, wallClockToIso } from '@/lib/wall-clock';
import { MOCK_PAGE, type MockInterview, useBankSearch, useDeleteMock, useMockInterviews, useMockSuggestions, usePeopleSearch, usePersonName, useRecordMock, useUpdateMock } from '../api/mocks';
import { type StageType, useOrganizationChoices } from '../api/questions';
import { OrganizationSelect, StageTypeSelect, UnplacedError, fieldProblems } from './form-bits';
import { STAGE_TYPE_LABEL } from './labels';
import './study.css';

/** Mock interviews: record one with a person from the network (it goes on their timeline), and the list with feedback and scores. */
export function MocksPage() {
  const [offset, setOffset] = useState(0);
  const [adding, setAdding] = useState(false);
  const mocks = useMockInterviews(offset);
  const organizations = useOrganizationChoices();
  const orgName = (id: string | null) => (id ? organizations.data?.items.find((o) => o.id === id)?.name : undefined);
  return (
    <section className="card" aria-labelledby="mocks-heading">
      <div className="actions">
        <h2 id="mocks-heading">Mock interviews</h2>
        {!adding && (
          <button type="button" onClick={() => setAdding(true)}>
            Record a mock interview
          </button>
        )}
      </div>
      {adding && <MockForm organizations={organizations.data?.items ?? []} onDone={() => setAdding(false)} />}
      <QueryStates query={mocks} isEmpty={(page) => page.items.length === 0} empty="No mock interview yet. Ask a friend who interviews at the lab, or for that stage, to run one, then record it here.">
        {(page) => (
          <>
            <ul className="list" aria-label="Mock interviews">
              {page.items.map((m) => (
                <MockRow key={m.id} mock={m} organization={orgName(m.organizationId)} />
              ))}
            </ul>
            <Pager total={page.total} limit={MOCK_PAGE} offset={offset} onOffset={setOffset} />
          </>
        )}
      </QueryStates>
    </section>
  );
}

function MockRow({ mock: m, organization }: { mock: MockInterview; organization?: string }) {
  const person = usePersonName(m.personId);
  const remove = useDeleteMock();
  const [editing, setEditing] = useState(false);
  const who = m.personId === null ? 'someone since erased' : (person.data?.fullName ?? '…');
  return (
    <li className="row">
      <div>
        <p>
          <strong>{STAGE_TYPE_LABEL[m.stageType]}</strong> mock with {m.personId ? <Link to={`/people/${m.personId}`}>{who}</Link> : who}
          {organization ? ` for ${organization}` : ''} <span className="muted small">· {formatDateTime(m.heldAt)}</span>
        </p>
        {m.scores.length > 0 && (
          <p className="small" aria-label="Scores">
            {m.scores.map((s) => (
              <span key={s.topic} className="tag">
                {s.topic}: {s.score}/5
              </span>
            ))}
          </p>
        )}
        {m.questions.length > 0 && (
          <details>
            <summary className="small">{m.questions.length} questions asked</summary>
            <ul className="small">
              {m.questions.map((q) => (
                <li key={q.id}>{q.text}</li>
              ))}
            </ul>
          </details>
        )}
        {editing ? <MockFeedbackForm mock={m} onDone={() => setEditing(false)} /> : m.feedback && <p className="prewrap small">{m.feedback}</p>}
        {remove.error ? <ErrorMessage error={remove.error} /> : null}
      </div>
      <div className="row-end">
        {!editing && (
          <button type="button" className="secondary" onClick={() => setEditing(true)} aria-label={`Edit feedback of the mock of ${formatDateTime(m.heldAt)}`}>
            Edit feedback
          </button>
        )}
        <button type="button" className="secondary" disabled={remove.isPending} onClick={() => remove.mutate(m.id)} aria-label={`Delete the mock of ${formatDateTime(m.heldAt)}`}>
          Delete
        </button>
      </div>
    </li>
  );
}

const FIELDS = ['personId', 'stageType', 'organizationId', 'heldAt', 'questionIds', 'newQuestions', 'feedback', 'scores'];

interface Chosen {
  id: string;
  text: string;
}

function MockForm({ organizations, onDone }: { organizations: { id: string; name: string }[]; onDone: () => void }) {
  const record = useRecordMock();
  const [person, setPerson] = useState<{ id: string; fullName: string } | null>(null);
  const [personQuery, setPersonQuery] = useState('');
  const people = usePeopleSearch(personQuery);
  const [stageType, setStageType] = useState<StageType>('coding');
  const [organizationId, setOrganizationId] = useState('');
  const [heldAt, setHeldAt] = useState(() => isoToWallClock(new Date(), currentTimeZone()));
  const suggestions = useMockSuggestions(organizationId, stageType);
  const [bankQuery, setBankQuery] = useState('');
  const bank = useBankSearch(bankQuery);
  const [asked, setAsked] = useState<Chosen[]>([]);
  const [newQuestions, setNewQuestions] = useState<{ text: string; topic: string }[]>([]);
  const [feedback, setFeedback] = useState('');
  const [scores, setScores] = useState<ScoreDraft[]>([]);
  const [local, setLocal] = useState<Record<string, string>>({});
  const { problem, unplaced } = fieldProblems(record.error, local, FIELDS);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!person) found.personId = 'Choose who interviewed you';
    const at = wallClockToIso(heldAt, currentTimeZone());
    if (!at) found.heldAt = 'Give the date and time';
    if (newQuestions.some((q) => !q.text.trim())) found.newQuestions = 'Write each new question, or remove it';
    if (scores.some((s) => !s.topic.trim())) found.scores = SCORE_TOPIC_MISSING;
    setLocal(found);
    if (Object.keys(found).length > 0 || !person || !at) return;
    record.mutate(
      {
        personId: person.id,
        stageType,
        organizationId: organizationId || null,
        heldAt: at,
        questionIds: asked.map((q) => q.id),
        newQuestions: newQuestions.map((q) => ({ text: q.text.trim(), topic: q.topic.trim() || null })),
        feedback: feedback.trim() || null,
        scores: scoresBody(scores),
      },
      { onSuccess: onDone },
    );
  };

  return (
    <form className="stack" onSubmit={submit} noValidate aria-label="New mock interview">
      <div className="filters">
        {person ? (
          <div className="field">
            <span>Interviewer</span>
            <p>
              <strong>{person.fullName}</strong>{' '}
              <button type="button" className="secondary" onClick={() => setPerson(null)}>
                Change
              </button>
            </p>
          </div>
        ) : (
          <div className="stack">
            <Field label="Find a person" type="search" value={personQuery} onChange={(e) => setPersonQuery(e.target.value)} error={problem('personId')} hint="Someone from your network" />
            {suggestions.data && suggestions.data.items.length > 0 && !personQuery.trim() && (
              <ul className="list" aria-label="Suggested interviewers">
                {suggestions.data.items.slice(0, 5).map((sug) => (
                  <li key={sug.person.id} className="row">
                    <div>
                      <p>{sug.person.fullName}</p>
                      <p className="muted small">{sug.reasons.join(' · ')}</p>
                    </div>
                    <button type="button" className="secondary" onClick={() => setPerson({ id: sug.person.id, fullName: sug.person.fullName })}>
                      Choose {sug.person.fullName}
                    </button>
                  </li>
                ))}
              </ul>
            )}
            {people.data && personQuery.trim() && (
              <ul className="list" aria-label="People found">
                {people.data.items.length === 0 && <li className="muted small">Nobody by that name among your people.</li>}
                {people.data.items.map((p) => (
                  <li key={p.id} className="row">
                    <span>{p.fullName}</span>
                    <button type="button" className="secondary" onClick={() => setPerson({ id: p.id, fullName: p.fullName })}>
                      Choose {p.fullName}
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
        <StageTypeSelect label="Mock stage type" value={stageType} onChange={setStageType} error={problem('stageType')} />
        <OrganizationSelect label="Preparing for" value={organizationId} onChange={setOrganizationId} none="No organization in particular" organizations={organizations} error={problem('organizationId')} />
        <Field label="Held at" type="datetime-local" value={heldAt} onChange={(e) => setHeldAt(e.target.value)} error={problem('heldAt')} hint={currentTimeZone()} />
      </div>

      <fieldset className="field study-checks">
        <legend>Questions asked</legend>
        {asked.length > 0 && (
          <ul className="list" aria-label="Asked from the bank">
            {asked.map((q) => (
              <li key={q.id} className="row">
                <span>{q.text}</span>
                <button type="button" className="secondary" onClick={() => setAsked(asked.filter((a) => a.id !== q.id))} aria-label={`Remove ${q.text}`}>
                  Remove
                </button>
              </li>
            ))}
          </ul>
        )}
        <Field label="Find in your bank" type="search" value={bankQuery} onChange={(e) => setBankQuery(e.target.value)} error={problem('questionIds')} />
        {bank.data && bankQuery.trim() && (
          <ul className="list" aria-label="Bank questions found">
            {bank.data.items.length === 0 && <li className="muted small">No question in your bank says that: add it as new below.</li>}
            {bank.data.items
              .filter((q) => !asked.some((a) => a.id === q.id))
              .map((q) => (
                <li key={q.id} className="row">
                  <span>{q.text}</span>
                  <button type="button" className="secondary" onClick={() => setAsked([...asked, { id: q.id, text: q.text }])} aria-label={`Asked: ${q.text}`}>
                    Asked
                  </button>
                </li>
              ))}
          </ul>
        )}
        {newQuestions.map((q, i) => (
          <div key={i} className="study-score">
            <Field label={`New question ${i + 1}`} value={q.text} onChange={(e) => setNewQuestions(newQuestions.map((n, j) => (j === i ? { ...n, text: e.target.value } : n)))} />
            <Field label={`New question ${i + 1} topic`} value={q.topic} onChange={(e) => setNewQuestions(newQuestions.map((n, j) => (j === i ? { ...n, topic: e.target.value } : n)))} />
            <button type="button" className="secondary" onClick={() => setNewQuestions(newQuestions.filter((_, j) => j !== i))}>
              Remove new question {i + 1}
            </button>
          </div>
        ))}
        {problem('newQuestions') && <p className="field-error">{problem('newQuestions')}</p>}
        <div className="actions">
          <button type="button" className="secondary" onClick={() => setNewQuestions([...newQuestions, { text: '', topic: '' }])}>
            Add a question not in the bank
          </button>
        </div>
      </fieldset>

      <FeedbackFields feedback={feedback} onFeedback={setFeedback} scores={scores} onScores={setScores} problem={problem} />
      <UnplacedError error={record.error} unplaced={unplaced} />
      <div className="actions">
        <SubmitAndCancel label="Record the mock" pendingLabel="Recording…" pending={record.isPending} onCancel={onDone} />
      </div>
    </form>
  );
}

interface ScoreDraft {
  topic: string;
  score: string;
}

const SCORE_TOPIC_MISSING = 'Name the topic of each score, or remove it';

function scoresBody(scores: ScoreDraft[]): { topic: string; score: number }[] {
  return scores.map((s) => ({ topic: s.topic.trim(), score: Number(s.score) }));
}

/** The feedback and the scores per topic: what recording a mock asks for, and what editing it changes. */
function FeedbackFields(props: { feedback: string; onFeedback: (text: string) => void; scores: ScoreDraft[]; onScores: (scores: ScoreDraft[]) => void; problem: (field: string) => string | undefined }) {
  return (
    <>
      <FieldControl label="Feedback" error={props.problem('feedback')}>
        {(field) => <textarea {...field} rows={3} value={props.feedback} onChange={(e) => props.onFeedback(e.target.value)} />}
      </FieldControl>
      <ScoresFieldset scores={props.scores} onChange={props.onScores} error={props.problem('scores')} />
    </>
  );
}

/** Scores per topic, 1 to 5: a row each, added and removed. */
function ScoresFieldset({ scores, onChange, error }: { scores: ScoreDraft[]; onChange: (scores: ScoreDraft[]) => void; error?: string }) {
  return (
    <fieldset className="field study-checks">
      <legend>Scores per topic</legend>
      {scores.map((s, i) => (
        <div key={i} className="study-score">
          <Field label={`Score ${i + 1} topic`} value={s.topic} onChange={(e) => onChange(scores.map((n, j) => (j === i ? { ...n, topic: e.target.value } : n)))} />
          <FieldControl label={`Score ${i + 1}`}>
            {(props) => (
              <select {...props} value={s.score} onChange={(e) => onChange(scores.map((n, j) => (j === i ? { ...n, score: e.target.value } : n)))}>
                {['1', '2', '3', '4', '5'].map((n) => (
                  <option key={n} value={n}>
                    {n} of 5
                  </option>
                ))}
              </select>
            )}
          </FieldControl>
          <button type="button" className="secondary" onClick={() => onChange(scores.filter((_, j) => j !== i))}>
            Remove score {i + 1}
          </button>
        </div>
      ))}
      {error && <p className="field-error">{error}</p>}
      <div className="actions">
        <button type="button" className="secondary" onClick={() => onChange([...scores, { topic: '', score: '3' }])}>
          Add a score
        </button>
      </div>
    </fieldset>
  );
}

/** The feedback and scores of a mock held, which often come after it. */
function MockFeedbackForm({ mock, onDone }: { mock: MockInterview; onDone: () => void }) {
  const update = useUpdateMock(mock.id);
  const [feedback, setFeedback] = useState(mock.feedback ?? '');
  const [scores, setScores] = useState<ScoreDraft[]>(mock.scores.map((s) => ({ topic: s.topic, score: String(s.score) })));
  const [local, setLocal] = useState<Record<string, string>>({});
  const { problem, unplaced } = fieldProblems(update.error, local, ['feedback', 'scores']);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (scores.some((s) => !s.topic.trim())) found.scores = SCORE_TOPIC_MISSING;
    setLocal(found);
    if (Object.keys(found).length > 0) return;
    update.mutate({ feedback: feedback.trim() || null, scores: scoresBody(scores) }, { onSuccess: onDone });
  };
  return (
    <form className="stack" onSubmit={submit} noValidate aria-label={`Feedback of the mock of ${formatDateTime(mock.heldAt)}`}>
      <FeedbackFields feedback={feedback} onFeedback={setFeedback} scores={scores} onScores={setScores} problem={problem} />
      <UnplacedError error={update.error} unplaced={unplaced} />
      <div className="actions">
        <SubmitAndCancel label="Save the feedback" pendingLabel="Saving…" pending={update.isPending} onCancel={onDone} />
      </div>
    </form>
  );
}
