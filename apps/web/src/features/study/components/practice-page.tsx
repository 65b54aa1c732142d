import { useState } from 'react';
import { Empty, ErrorMessage, Loading } from '@/components/status';
import { formatDate, formatDateTime } from '@/lib/format';
import { type DrillRating, type Question, usePracticeQueue, useDrill, useRefreshQueue } from '../api/questions';
import { RATING_LABEL, RATINGS, STAGE_TYPE_LABEL } from './labels';
import './study.css';

/**
 * Today's drill: the due questions one at a time, most overdue first. The question, then the user's
 * notes on demand, then a rating (again, hard, good, easy); the answer says when it comes back.
 */
export function PracticePage() {
  const queue = usePracticeQueue();
  const refresh = useRefreshQueue();
  const drill = useDrill();
  const [index, setIndex] = useState(0);
  const [revealed, setRevealed] = useState(false);
  const [last, setLast] = useState<{ text: string; rating: DrillRating; due: string } | null>(null);
  // Questions drilled this round that FSRS brings back before midnight (new and forgotten ones, in minutes).
  const [laterToday, setLaterToday] = useState(0);
  if (queue.isError) return <ErrorMessage error={queue.error} retry={() => void queue.refetch()} />;
  if (queue.isPending) return <Loading label="Loading today’s queue…" />;
  const items = queue.data.items;
  const current: Question | undefined = items[index];
  const rate = (rating: DrillRating) => {
    if (!current) return;
    drill.mutate(
      { id: current.id, rating },
      {
        onSuccess: ({ question }) => {
          setLast({ text: question.text, rating, due: question.practice.due });
          if (Date.parse(question.practice.due) < Date.parse(queue.data.dueBefore)) setLaterToday(laterToday + 1);
          setRevealed(false);
          setIndex(index + 1);
        },
      },
    );
  };
  return (
    <section className="card" aria-labelledby="practice-heading">
      <h2 id="practice-heading">Practice</h2>
      <p className="muted small">
        {queue.data.total} due today ({formatDate(queue.data.today)}){index > 0 ? ` · ${index} drilled` : ''}
      </p>
      {last && (
        <p className="notice" role="status">
          Rated “{RATING_LABEL[last.rating]}”: next review on {formatDateTime(last.due)}.
        </p>
      )}
      {current ? (
        <div className="stack" aria-label="Drill">
          <p className="study-drill">
            <strong>{current.text}</strong>
          </p>
          <p className="small">
            {current.topic && <span className="tag">#{current.topic}</span>}
            {current.stageType && <span className="tag">{STAGE_TYPE_LABEL[current.stageType]}</span>}
            <span className="muted">
              {current.practice.reps === 0 ? 'New' : `Drilled ${current.practice.reps}×`} · question {index + 1} of {items.length}
            </span>
          </p>
          {revealed ? (
            <div aria-label="Your notes">
              <h3>Your notes</h3>
              {current.answerNotes ? <p className="prewrap">{current.answerNotes}</p> : <p className="muted">No answer notes for this question yet.</p>}
            </div>
          ) : (
            <div className="actions">
              <button type="button" className="secondary" onClick={() => setRevealed(true)}>
                Show my notes
              </button>
            </div>
          )}
          <div className="study-ratings" role="group" aria-label="How did it go?">
            {RATINGS.map((r) => (
              <button key={r} type="button" disabled={drill.isPending} onClick={() => rate(r)}>
                {RATING_LABEL[r]}
              </button>
            ))}
          </div>
          {drill.error ? <ErrorMessage error={drill.error} /> : null}
        </div>
      ) : (
        <>
          <Empty>
            {index === 0
              ? 'Nothing is due today. Add questions to the bank, or come back tomorrow.'
              : laterToday > 0
                ? `Round done. ${laterToday === 1 ? 'One question comes' : `${laterToday} questions come`} back later today: check the queue again when it is time.`
                : 'Done for today: every question due is drilled.'}
          </Empty>
          {index > 0 && (
            <div className="actions">
              <button
                type="button"
                className="secondary"
                onClick={() => {
                  setIndex(0);
                  setLast(null);
                  setLaterToday(0);
                  void refresh();
                }}
              >
                Check the queue again
              </button>
            </div>
          )}
        </>
      )}
    </section>
  );
}
