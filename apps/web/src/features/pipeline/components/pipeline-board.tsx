import { useEffect, useId, useRef, useState } from 'react';
import { Link } from 'react-router';
import { FieldControl } from '@/components/field';
import { Empty, ErrorMessage, Loading } from '@/components/status';
import { ApiError } from '@/lib/api/errors';
import { formatDate, formatDateTime } from '@/lib/format';
import { useUrlParams } from '@/lib/url-params';
import { type Board, type BoardCard, type BoardColumn, MoveRefused, type UserMove, useBoard, useMove, useOrganizations } from '../api/pipeline';
import { daysText, MOVE_LABEL, movesText, STAGE_STATUS_LABEL, STATUS_LABEL } from './labels';
import { MoveButtons } from './move-buttons';
import './pipeline.css';

/** Cards drawn per column at first, and per "show more": 500 applications stay cheap to render. */
const CARDS_PER_STEP = 25;

interface Outcome {
  card: BoardCard;
  move: UserMove;
  error?: unknown;
}

function subjectOf(card: Pick<BoardCard, 'role' | 'organization' | 'team'>): string {
  return `${card.role}, ${card.organization.name}${card.team ? ` (${card.team.name})` : ''}`;
}

function findCard(board: Board | undefined, id: string): BoardCard | undefined {
  for (const column of board?.columns ?? []) for (const card of column.cards) if (card.id === id) return card;
  return undefined;
}

/**
 * The board: one column per current stage of the active applications, then offers (and the ended
 * loops on request). A card moves only with the moves the server allows it now; a refused or stale
 * move says why, and the board is read again.
 */
export function PipelineBoard() {
  // The filter lives in the URL (a reload or a shared link shows the same board); the controls follow the click at once.
  const [params, updateUrl] = useUrlParams();
  const organizationId = params.get('organization') ?? '';
  const closed = params.get('closed') === 'true';
  const board = useBoard({ organizationId, closed });
  const organizations = useOrganizations();
  const move = useMove();
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const update = (key: string, value: string) => updateUrl({ [key]: value });

  const onMove = (card: BoardCard, kind: UserMove) => {
    setOutcome(null);
    move.mutate({ id: card.id, move: kind, fromStageId: card.currentStage?.id }, { onSuccess: () => setOutcome({ card, move: kind }), onError: (error) => setOutcome({ card, move: kind, error }) });
  };

  const ready = board.data !== undefined && !board.isPlaceholderData;
  const total = board.data?.columns.reduce((sum, c) => sum + c.cards.length, 0) ?? 0;
  return (
    <section className="card pipeline-board" aria-labelledby="board-heading" data-board-ready={ready ? '' : undefined} aria-busy={!ready}>
      <h2 id="board-heading">Board</h2>
      <form className="filters" onSubmit={(e) => e.preventDefault()} aria-label="Filter the board">
        <FieldControl label="Organization">
          {(control) => (
            <select {...control} value={organizationId} onChange={(e) => update('organization', e.target.value)}>
              <option value="">All organizations</option>
              {organizations.data?.items.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          )}
        </FieldControl>
        <label className="pipeline-check">
          <input
            type="checkbox"
            checked={closed}
            onChange={(e) => {
              update('closed', e.target.checked ? 'true' : '');
            }}
          />{' '}
          Show ended loops
        </label>
      </form>
      <MoveOutcome outcome={outcome} board={board.data} reloading={board.isFetching} onDismiss={() => setOutcome(null)} />
      {board.isPending ? (
        <Loading label="Loading the board…" />
      ) : board.isError ? (
        <ErrorMessage error={board.error} retry={() => void board.refetch()} />
      ) : (
        <>
          <p className="muted small" aria-live="polite">
            {total} {total === 1 ? 'application' : 'applications'}
            {board.isFetching ? ' · reloading…' : ''}
          </p>
          {total === 0 && <Empty>{organizationId ? 'No application with this organization.' : 'No application yet: create the first one above.'}</Empty>}
          <div className="pipeline-columns">
            {board.data.columns.map((column) => (
              <Column key={`${column.kind}:${column.key}`} column={column} onMove={onMove} pendingId={move.isPending ? move.variables?.id : undefined} />
            ))}
          </div>
        </>
      )}
    </section>
  );
}

/** What became of the last move: where the card is now, or why the server refused it and what it allows now. */
function MoveOutcome({ outcome, board, reloading, onDismiss }: { outcome: Outcome | null; board: Board | undefined; reloading: boolean; onDismiss: () => void }) {
  const box = useRef<HTMLDivElement>(null);
  // The moved card may have left for another column: keyboard users land on what became of the move.
  useEffect(() => {
    if (outcome) box.current?.focus();
  }, [outcome]);
  if (!outcome) return null;
  return (
    <div ref={box} tabIndex={-1} className="pipeline-outcome">
      <OutcomeText outcome={outcome} board={board} reloading={reloading} onDismiss={onDismiss} />
    </div>
  );
}

function OutcomeText({ outcome, board, reloading, onDismiss }: { outcome: Outcome; board: Board | undefined; reloading: boolean; onDismiss: () => void }) {
  const subject = subjectOf(outcome.card);
  const now = findCard(board, outcome.card.id);
  if (!outcome.error) {
    return (
      <p className="notice" role="status">
        {MOVE_LABEL[outcome.move]}: <Link to={`/applications/${outcome.card.id}`}>{subject}</Link>
        {now?.currentStage ? ` is now at “${now.currentStage.name}” (${STATUS_LABEL[now.status]})` : ''}.
      </p>
    );
  }
  if (!(outcome.error instanceof MoveRefused)) {
    return (
      <div className="stack">
        <ErrorMessage error={outcome.error instanceof ApiError ? outcome.error : new Error('The move failed')} />
      </div>
    );
  }
  const refusal = outcome.error;
  // An illegal move's answer lists what is allowed; a stale one's does not: the reloaded card does.
  const allowed = refusal.allowedMoves ?? (reloading ? undefined : now?.allowedMoves);
  return (
    <div className="error pipeline-refusal" role="alert">
      <p>
        <strong>{refusal.stale ? 'This application had moved meanwhile' : 'The server refused this move'}</strong> ({MOVE_LABEL[outcome.move].toLowerCase()}, <Link to={`/applications/${outcome.card.id}`}>{subject}</Link>): {refusal.message}
      </p>
      <p>{reloading ? 'Reloading the board…' : 'The board was reloaded.'}</p>
      {allowed && <p>Allowed now: {movesText(allowed)}.</p>}
      <button type="button" className="secondary" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}

function Column({ column, onMove, pendingId }: { column: BoardColumn; onMove: (card: BoardCard, move: UserMove) => void; pendingId: string | undefined }) {
  const headingId = useId();
  const [shown, setShown] = useState(CARDS_PER_STEP);
  const title = column.kind === 'status' ? STATUS_LABEL[column.status] : column.key;
  const count = column.cards.length;
  const rest = count - shown;
  return (
    <section className="pipeline-column" aria-labelledby={headingId}>
      <h3 id={headingId}>
        {title} <span className="pipeline-count">({count})</span>
      </h3>
      {count === 0 ? (
        <p className="muted small">None</p>
      ) : (
        <ul className="list pipeline-cards">
          {column.cards.slice(0, shown).map((card) => (
            <Card key={card.id} card={card} onMove={onMove} pending={pendingId === card.id} />
          ))}
        </ul>
      )}
      {rest > 0 && (
        <button type="button" className="secondary" onClick={() => setShown(shown + CARDS_PER_STEP)}>
          Show {Math.min(rest, CARDS_PER_STEP)} more <span className="visually-hidden">in {title}</span> ({rest} left)
        </button>
      )}
    </section>
  );
}

function Card({ card, onMove, pending }: { card: BoardCard; onMove: (card: BoardCard, move: UserMove) => void; pending: boolean }) {
  const titleId = useId();
  const [open, setOpen] = useState(false);
  const toggle = useRef<HTMLButtonElement>(null);
  const stage = card.currentStage;
  const subject = subjectOf(card);
  return (
    <li>
      <article className="pipeline-card" aria-labelledby={titleId}>
        <p className="pipeline-card-title">
          <Link id={titleId} to={`/applications/${card.id}`}>
            {card.role}
            <span className="visually-hidden">, {card.organization.name}{card.team ? ` (${card.team.name})` : ''}</span>
          </Link>
        </p>
        <p className="small">
          {card.organization.name}
          {card.team ? ` · ${card.team.name}` : ''}
        </p>
        {stage && (
          <p className="muted small">
            {card.status === 'active' ? stage.name : `${STATUS_LABEL[card.status]} at ${stage.name}`}
            {stage.status !== 'current' ? ` (${STAGE_STATUS_LABEL[stage.status]})` : ''}
            {card.enteredAt && (
              <>
                {' · '}
                <time dateTime={card.enteredAt} title={formatDateTime(card.enteredAt)}>
                  {daysText(card.daysInStage)}
                </time>
                {card.daysInStage ? ` (since ${formatDate(card.enteredAt)})` : ''}
              </>
            )}
          </p>
        )}
        {card.nextInterviewAt && <p className="small">Next interview {formatDateTime(card.nextInterviewAt)}</p>}
        {card.allowedMoves.length > 0 && (
          <>
            <button ref={toggle} type="button" className="secondary pipeline-move-toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
              {pending ? 'Moving…' : 'Move'}
              <span className="visually-hidden"> {subject}</span>
            </button>
            {open && (
              <MoveButtons
                onEscape={() => {
                  setOpen(false);
                  toggle.current?.focus();
                }}
                moves={card.allowedMoves}
                pending={pending}
                subject={subject}
                onMove={(move) => {
                  setOpen(false);
                  onMove(card, move);
                }}
              />
            )}
          </>
        )}
      </article>
    </li>
  );
}
