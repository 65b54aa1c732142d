import { useState, type KeyboardEvent } from 'react';
import type { UserMove } from '../api/pipeline';
import { GRAVE_MOVES, MOVE_LABEL } from './labels';

/**
 * One button per move the server allows now. A move that ends something badly (fail, withdraw,
 * decline) asks once more before it is sent. `subject` names the application for screen readers
 * when several sets of buttons share a screen.
 */
export function MoveButtons({ moves, onMove, pending, subject, onEscape }: { moves: readonly UserMove[]; onMove: (move: UserMove) => void; pending: boolean; subject?: string; onEscape?: () => void }) {
  const [confirming, setConfirming] = useState<UserMove | null>(null);
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    if (confirming) setConfirming(null);
    else onEscape?.();
  };
  if (moves.length === 0) return <p className="muted small">No move is possible: this loop has ended.</p>;
  if (confirming) {
    return (
      <div className="pipeline-moves" role="group" aria-label={`Confirm ${MOVE_LABEL[confirming].toLowerCase()}`} onKeyDown={onKeyDown}>
        <p className="small">
          {MOVE_LABEL[confirming]}
          {subject ? ` (${subject})` : ''}: this cannot be undone.
        </p>
        <button
          type="button"
          disabled={pending}
          onClick={() => {
            setConfirming(null);
            onMove(confirming);
          }}
        >
          Yes: {MOVE_LABEL[confirming].toLowerCase()}
        </button>
        {/* The buttons that were clicked are gone: focus lands on the safe choice. */}
        {/* eslint-disable-next-line jsx-a11y/no-autofocus */}
        <button type="button" className="secondary" autoFocus onClick={() => setConfirming(null)}>
          Cancel
        </button>
      </div>
    );
  }
  return (
    <div className="pipeline-moves" role="group" aria-label={subject ? `Moves for ${subject}` : 'Moves'} onKeyDown={onKeyDown}>
      {moves.map((move) => (
        <button key={move} type="button" className={move === 'advance' || move === 'offer' || move === 'accept' ? undefined : 'secondary'} disabled={pending} onClick={() => (GRAVE_MOVES.has(move) ? setConfirming(move) : onMove(move))}>
          {MOVE_LABEL[move]}
        </button>
      ))}
    </div>
  );
}
