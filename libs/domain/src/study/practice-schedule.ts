// Spaced practice through ts-fsrs: a question row holds an FSRS card, a drill's rating moves it.
import { Card, createEmptyCard, fsrs, Grade, Rating, State } from 'ts-fsrs';
import type { DrillRating, PracticeDrill } from './practice-drill.entity';
import type { PracticeQuestion } from './practice-question.entity';

/** FSRS-6 defaults (90% retention aimed at); no fuzz, so the same drills always give the same dates. */
const scheduler = fsrs({ enable_fuzz: false });

const GRADES: Record<DrillRating, Grade> = { again: Rating.Again, hard: Rating.Hard, good: Rating.Good, easy: Rating.Easy };

export type PracticeCard = Pick<PracticeQuestion, 'due' | 'stability' | 'difficulty' | 'scheduledDays' | 'learningSteps' | 'reps' | 'lapses' | 'state' | 'lastReview'>;

/** A new question: due at once, never reviewed. */
export function newPracticeCard(now: Date): PracticeCard {
  return fromCard(createEmptyCard(now));
}

/** The card after a drill rated `rating` at `now`, and the drill's record (next due, days scheduled). */
export function drillCard(card: PracticeCard, rating: DrillRating, now: Date): { card: PracticeCard; drill: Pick<PracticeDrill, 'rating' | 'drilledAt' | 'nextDue' | 'scheduledDays'> } {
  const next = scheduler.next(toCard(card), now, GRADES[rating]).card;
  return { card: fromCard(next), drill: { rating, drilledAt: now, nextDue: next.due, scheduledDays: next.scheduled_days } };
}

/** ts-fsrs's names for a card's state, for the API. */
export function practiceState(state: number): 'new' | 'learning' | 'review' | 'relearning' {
  return (['new', 'learning', 'review', 'relearning'] as const)[state] ?? 'new';
}

function toCard(c: PracticeCard): Card {
  return {
    due: c.due,
    stability: c.stability,
    difficulty: c.difficulty,
    elapsed_days: 0,
    scheduled_days: c.scheduledDays,
    learning_steps: c.learningSteps,
    reps: c.reps,
    lapses: c.lapses,
    state: c.state as State,
    last_review: c.lastReview ?? undefined,
  };
}

function fromCard(c: Card): PracticeCard {
  return {
    due: c.due,
    stability: c.stability,
    difficulty: c.difficulty,
    scheduledDays: c.scheduled_days,
    learningSteps: c.learning_steps,
    reps: c.reps,
    lapses: c.lapses,
    state: c.state,
    lastReview: c.last_review ?? null,
  };
}
