import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { FieldControl, Field } from '@/components/field';
import { QueryStates } from '@/components/status';
import { asApiError } from '@/lib/api/errors';
import { formatDate } from '@/lib/format';
import { useCreateQuestion, useInterviewQuestions } from '../api/questions';
import { fieldProblems, UnplacedError } from './form-bits';
import { SOURCE_LABEL } from './labels';
import './study.css';

/**
 * On an interview's page: the questions asked in it (recorded here, they go into the bank with its
 * organization and stage type), and those to practise for it from past interviews and mocks at the
 * same organization or of the same stage type.
 */
export function InterviewQuestions({ interviewId }: { interviewId: string }) {
  const asked = useInterviewQuestions({ interviewId });
  const toPractise = useInterviewQuestions({ forInterviewId: interviewId });
  const create = useCreateQuestion();
  const [text, setText] = useState('');
  const [topic, setTopic] = useState('');
  const [local, setLocal] = useState<Record<string, string>>({});
  const { problem, unplaced } = fieldProblems(create.error, local, ['text', 'topic', 'interviewId']);
  // No such interview: the interview's own section says so, once.
  if ([asked.error, toPractise.error].some((e) => asApiError(e)?.status === 404)) return null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setLocal(text.trim() ? {} : { text: 'Write the question' });
    if (!text.trim()) return;
    create.mutate(
      { text: text.trim(), topic: topic.trim() || null, interviewId },
      {
        onSuccess: () => {
          setText('');
          setTopic('');
        },
      },
    );
  };
  return (
    <section className="card" aria-labelledby="interview-questions-heading">
      <h2 id="interview-questions-heading">Questions</h2>
      <h3>Asked in this interview</h3>
      <QueryStates query={asked} isEmpty={(page) => page.items.length === 0} empty="None recorded: after the interview, note what you were asked; it goes into your bank to practise.">
        {(page) => (
          <ul aria-label="Asked in this interview">
            {page.items.map((q) => (
              <li key={q.id}>
                {q.text}
                {q.topic ? <span className="muted small"> · #{q.topic}</span> : null}
              </li>
            ))}
          </ul>
        )}
      </QueryStates>
      <form className="stack" onSubmit={submit} noValidate aria-label="Record a question asked">
        <FieldControl label="Question asked" error={problem('text')}>
          {(props) => <textarea {...props} rows={2} value={text} onChange={(e) => setText(e.target.value)} />}
        </FieldControl>
        <Field label="Its topic" value={topic} onChange={(e) => setTopic(e.target.value)} error={problem('topic')} />
        <UnplacedError error={create.error} unplaced={unplaced} />
        <div className="actions">
          <button type="submit" disabled={create.isPending}>
            {create.isPending ? 'Recording…' : 'Record the question'}
          </button>
        </div>
      </form>
      <h3>To practise for it</h3>
      <QueryStates query={toPractise} isEmpty={(page) => page.items.length === 0} empty="No question from this organization or this kind of stage in your bank yet.">
        {(page) => (
          <>
            <ul aria-label="To practise for this interview">
              {page.items.map((q) => (
                <li key={q.id}>
                  {q.text} <span className="muted small">· from {SOURCE_LABEL[q.source].toLowerCase()} · next review {formatDate(q.practice.due)}</span>
                </li>
              ))}
            </ul>
            <p className="small">
              <Link to="/prepare/practice">Practise what is due</Link>
            </p>
          </>
        )}
      </QueryStates>
    </section>
  );
}
