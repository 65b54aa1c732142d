import type { components } from '@/lib/api/schema';
import type { ApplicationStatus, UserMove } from '../api/pipeline';

/** How each move reads on a button, and what it means. */
export const MOVE_LABEL: Record<UserMove, string> = {
  advance: 'Advance to the next stage',
  pass: 'Passed this stage',
  fail: 'Failed this stage',
  offer: 'Got an offer',
  accept: 'Accept the offer',
  decline: 'Decline the offer',
  withdraw: 'Withdraw',
};

/** Moves that end the loop (or a stage) badly: asked twice before they are sent. */
export const GRAVE_MOVES: ReadonlySet<UserMove> = new Set(['fail', 'withdraw', 'decline']);

export const STATUS_LABEL: Record<ApplicationStatus, string> = {
  active: 'Active',
  offer: 'Offer',
  accepted: 'Accepted',
  declined: 'Declined',
  rejected: 'Rejected',
  withdrawn: 'Withdrawn',
};

type HistoryMove = components['schemas']['ApplicationMove'];
export const HISTORY_LABEL: Record<HistoryMove, string> = {
  apply: 'Applied',
  advance: 'Advanced',
  pass: 'Passed',
  fail: 'Failed',
  withdraw: 'Withdrew',
  offer: 'Offer',
  accept: 'Accepted the offer',
  decline: 'Declined the offer',
  reroute: 'Rerouted',
};

type StageStatus = components['schemas']['StageStatus'];
export const STAGE_STATUS_LABEL: Record<StageStatus, string> = {
  upcoming: 'upcoming',
  current: 'current',
  passed: 'passed',
  failed: 'failed',
  skipped: 'skipped',
};

export function movesText(moves: readonly UserMove[]): string {
  return moves.length ? moves.map((m) => MOVE_LABEL[m]).join(', ') : 'none (the loop has ended)';
}

export function daysText(days: number | null): string {
  if (days === null) return '';
  if (days === 0) return 'since today';
  return days === 1 ? '1 day in stage' : `${days} days in stage`;
}
