import type { ApplicationMoveKind } from './application-move.entity';
import type { StageStatus } from './application-stage.entity';
import type { ApplicationStatus } from './application.entity';

/** The moves a user makes on an existing application (apply and reroute create one). */
export const USER_MOVES = ['advance', 'pass', 'fail', 'withdraw', 'offer', 'accept', 'decline'] as const;
export type UserMove = (typeof USER_MOVES)[number] & ApplicationMoveKind;

/** What the state machine needs of an application: its status, its stages' statuses, where it is. */
export interface PipelineState {
  status: ApplicationStatus;
  stages: StageStatus[];
  /** Index of the current stage; -1 before the first one is entered. */
  current: number;
}

/** Which of the user's moves the server accepts from a state. */
export function allowedMoves(state: PipelineState): UserMove[] {
  const stage = state.stages[state.current];
  const hasNext = state.current + 1 < state.stages.length;
  const moves: UserMove[] = [];
  if (state.status === 'active') {
    if (stage === 'current') moves.push('pass', 'fail');
    if ((stage === 'current' || stage === 'passed') && hasNext) moves.push('advance');
    // An offer can come once the last stage is done, or early when the lab skips the rest.
    if (stage === 'passed' || (stage === 'current' && !hasNext)) moves.push('offer');
    moves.push('withdraw');
  } else if (state.status === 'offer') {
    moves.push('accept', 'decline', 'withdraw');
  }
  return moves;
}

/** The result of a move: the new status, where the candidate is, and every stage's new status. */
export interface PipelineTransition extends PipelineState {
  /** Stage indexes whose status changed, for entered/left timestamps. */
  entered: number[];
  left: number[];
  /** True when the loop ended with this move. */
  closed: boolean;
}

/** Applies a move the caller has checked with `allowedMoves`. */
export function transition(state: PipelineState, move: UserMove): PipelineTransition {
  if (!allowedMoves(state).includes(move)) throw new Error(`move ${move} is not allowed from ${state.status}/${state.stages[state.current]}`);
  const stages = [...state.stages];
  const i = state.current;
  const result = (status: ApplicationStatus, current: number, entered: number[], left: number[]): PipelineTransition => ({
    status,
    stages,
    current,
    entered,
    left,
    closed: !['active', 'offer'].includes(status),
  });
  switch (move) {
    case 'pass':
      stages[i] = 'passed';
      return result('active', i, [], [i]);
    case 'advance': {
      const left = stages[i] === 'current' ? [i] : [];
      stages[i] = 'passed';
      stages[i + 1] = 'current';
      return result('active', i + 1, [i + 1], left);
    }
    case 'fail':
      stages[i] = 'failed';
      return result('rejected', i, [], [i]);
    case 'offer': {
      const left = stages[i] === 'current' ? [i] : [];
      stages[i] = 'passed';
      for (let j = i + 1; j < stages.length; j++) stages[j] = 'skipped';
      return result('offer', i, [], left);
    }
    case 'withdraw': {
      // The stage the candidate walked out of is left, neither passed nor failed.
      const left = stages[i] === 'current' ? [i] : [];
      for (let j = i + 1; j < stages.length; j++) if (stages[j] === 'upcoming') stages[j] = 'skipped';
      return result('withdrawn', i, [], left);
    }
    case 'accept':
      return result('accepted', i, [], []);
    case 'decline':
      return result('declined', i, [], []);
  }
}
