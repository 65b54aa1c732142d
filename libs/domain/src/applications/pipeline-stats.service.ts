import { Injectable } from '@nestjs/common';
import { userTimeZone } from '../accounts/index';
import { dateIn } from '../shared/dates';
import { STAGE_TYPES, StageType } from '../stage-templates/index';
import { StageStatus } from './application-stage.entity';
import { ApplicationSource, ApplicationStatus } from './application.entity';
import { allowedMoves, UserMove } from './pipeline-state-machine';
import { applicationsCsv, applicationsCsvFilename, ApplicationsCsvRow } from './applications-csv';
import { InvalidApplicationError } from './applications.errors';
import { PipelineStatsRepository } from './pipeline-stats.repository';

/** Where a card's application is: status columns follow the stage columns, in this order. */
export const BOARD_OPEN_STATUSES = ['offer'] as const satisfies readonly ApplicationStatus[];
export const BOARD_CLOSED_STATUSES = ['accepted', 'declined', 'rejected', 'withdrawn'] as const satisfies readonly ApplicationStatus[];

export interface BoardQuery {
  organizationId?: string;
  /** Add the columns of ended loops (accepted, declined, rejected, withdrawn). Default false. */
  closed?: boolean;
}

export interface IdAndName {
  id: string;
  name: string;
}

export interface BoardCard {
  id: string;
  organization: IdAndName;
  team: IdAndName | null;
  role: string;
  status: ApplicationStatus;
  currentStage: { id: string; name: string; type: StageType; status: StageStatus; position: number } | null;
  /** When the current stage was entered. */
  enteredAt: Date | null;
  /** Whole days from `enteredAt` to now. */
  daysInStage: number | null;
  /** The start of the next pending interview still to come, of any stage. */
  nextInterviewAt: Date | null;
  updatedAt: Date;
  /** The moves the server accepts now (the same as the application's own page lists). */
  allowedMoves: UserMove[];
}

export interface BoardColumn {
  /** The stage name for a stage column, the status for a status column. */
  key: string;
  kind: 'stage' | 'status';
  /** A stage column's stage type (of its earliest stage, when templates disagree); null for status columns. */
  stageType: StageType | null;
  /** `active` for stage columns. */
  status: ApplicationStatus;
  cards: BoardCard[];
}

export interface Board {
  columns: BoardColumn[];
}

export interface FunnelQuery {
  organizationId?: string;
  /** applied_on range, yyyy-mm-dd, both ends included. */
  from?: string;
  to?: string;
}

export interface FunnelCounts {
  /** Stages entered. */
  reached: number;
  passed: number;
  failed: number;
  /** Entered and not left: where active applications are now. */
  current: number;
  /** passed / (passed + failed); null when none was decided. */
  conversion: number | null;
  /** Median of left_at - entered_at in days, over the stages that were left; null when none. */
  medianDays: number | null;
}

export interface FunnelStageRow extends FunnelCounts {
  name: string;
  type: StageType;
}

export interface FunnelTypeRow extends FunnelCounts {
  type: StageType;
}

export interface FunnelSection {
  stages: FunnelStageRow[];
  types: FunnelTypeRow[];
}

export interface Funnel {
  overall: FunnelSection;
  organizations: (FunnelSection & { organization: IdAndName })[];
}

export interface ExportQuery {
  status?: ApplicationStatus[];
  organizationId?: string;
}

const DAY_MS = 86_400_000;

/** Whole days from `from` to `now`; 0 for a moment later than now. */
export function wholeDaysSince(from: Date, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - from.getTime()) / DAY_MS));
}

/**
 * Lays out the board: one column per current stage name of active applications (applications of
 * different templates share a column when their stage names match), in loop order (`loopOrder`:
 * a stage name's latest position in any of the user's loops, so a short rerouted loop's
 * "Team lead interview" still sorts after the quizzes; else the card's own position), then by name; then the status columns, present even
 * when empty so a client always has its drop targets. Cards: longest in their stage first.
 */
export function layOutBoard(cards: readonly BoardCard[], statuses: readonly ApplicationStatus[], loopOrder: ReadonlyMap<string, number> = new Map()): BoardColumn[] {
  const stageColumns = new Map<string, BoardColumn & { position: number; typePosition: number }>();
  const statusColumns = new Map<ApplicationStatus, BoardColumn>(statuses.map((status) => [status, { key: status, kind: 'status', stageType: null, status, cards: [] }]));
  for (const card of cards) {
    if (card.status !== 'active') {
      statusColumns.get(card.status)?.cards.push(card);
      continue;
    }
    const stage = card.currentStage;
    const key = stage?.name ?? '';
    const position = stage ? (loopOrder.get(stage.name) ?? stage.position) : Number.MAX_SAFE_INTEGER;
    let column = stageColumns.get(key);
    if (!column) stageColumns.set(key, (column = { key, kind: 'stage', stageType: stage?.type ?? null, status: 'active', cards: [], position, typePosition: position }));
    column.position = Math.min(column.position, position);
    // The column's type is the one of its earliest stage; ties go to the first in the closed list of types.
    if (stage && (position < column.typePosition || (position === column.typePosition && typeOrder(stage.type) < typeOrder(column.stageType)))) {
      column.stageType = stage.type;
      column.typePosition = position;
    }
    column.cards.push(card);
  }
  const columns = [...stageColumns.values()].sort((a, b) => a.position - b.position || compareText(a.key, b.key)).map(({ position: _p, typePosition: _t, ...column }) => column as BoardColumn);
  columns.push(...statusColumns.values());
  for (const column of columns) column.cards.sort(longestInStageFirst);
  return columns;
}

function typeOrder(type: StageType | null): number {
  return type === null ? Number.MAX_SAFE_INTEGER : STAGE_TYPES.indexOf(type);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function longestInStageFirst(a: BoardCard, b: BoardCard): number {
  const ea = a.enteredAt?.getTime() ?? Number.MAX_SAFE_INTEGER;
  const eb = b.enteredAt?.getTime() ?? Number.MAX_SAFE_INTEGER;
  return ea - eb || a.updatedAt.getTime() - b.updatedAt.getTime() || compareText(a.id, b.id);
}

export interface BoardRow {
  id: string;
  role: string;
  status: ApplicationStatus;
  updated_at: Date;
  organization_id: string;
  organization_name: string;
  team_id: string | null;
  team_name: string | null;
  stage_id: string | null;
  stage_name: string | null;
  stage_type: StageType | null;
  stage_status: StageStatus | null;
  stage_position: number | null;
  entered_at: Date | null;
  next_interview_at: Date | null;
  has_next: boolean | null;
}

export interface FunnelRow {
  by_org: boolean;
  by_type: boolean;
  organization_id: string | null;
  organization_name: string | null;
  name: string | null;
  type: StageType | null;
  name_type: StageType;
  position: number;
  reached: number;
  passed: number;
  failed: number;
  current: number;
  conversion: number | null;
  median_days: number | null;
}

export interface ExportRow {
  application_id: string;
  organization: string;
  team: string | null;
  role: string;
  source: ApplicationSource;
  status: ApplicationStatus;
  applied_on: string;
  closed_on: string | null;
  template: string;
  rerouted_from_id: string | null;
  move: string;
  at: Date;
  from_stage: string | null;
  to_stage: string | null;
  from_status: string | null;
  to_status: string;
  note: string | null;
}

/** Read-only views of the whole pipeline: the kanban board, the funnel, the CSV export. */
@Injectable()
export class PipelineStatsService {
  constructor(private readonly repository: PipelineStatsRepository) {}

  async board(userId: string, query: BoardQuery = {}, now = new Date()): Promise<Board> {
    const statuses: ApplicationStatus[] = ['active', ...BOARD_OPEN_STATUSES, ...(query.closed ? BOARD_CLOSED_STATUSES : [])];
    const rows = await this.repository.board(userId, statuses, query.organizationId, now);
    const cards = rows.map(
      (r): BoardCard => ({
        id: r.id,
        organization: { id: r.organization_id, name: r.organization_name },
        team: r.team_id ? { id: r.team_id, name: r.team_name ?? '' } : null,
        role: r.role,
        status: r.status,
        currentStage: r.stage_id ? { id: r.stage_id, name: r.stage_name!, type: r.stage_type!, status: r.stage_status!, position: r.stage_position! } : null,
        enteredAt: r.entered_at,
        daysInStage: r.entered_at ? wholeDaysSince(r.entered_at, now) : null,
        nextInterviewAt: r.next_interview_at,
        updatedAt: r.updated_at,
        // What the state machine needs of the loop: the current stage's status and whether a stage follows it.
        allowedMoves: allowedMoves(
          r.stage_id ? { status: r.status, stages: [r.stage_status!, ...(r.has_next ? (['upcoming'] as const) : [])], current: 0 } : { status: r.status, stages: [], current: -1 },
        ),
      }),
    );
    return { columns: layOutBoard(cards, statuses.slice(1), await this.repository.loopOrder(userId)) };
  }

  /**
   * Per stage name and per stage type, overall and per organization, in one query over the
   * applications' own stages (so an application rerouted to a shorter loop counts its own stages,
   * and the failed one keeps its failure). Stages no application reached are listed with zeros.
   */
  async funnel(userId: string, query: FunnelQuery = {}): Promise<Funnel> {
    if (query.from && query.to && query.from > query.to) throw new InvalidApplicationError([{ field: 'to', problem: 'must not be before from' }]);
    const rows = await this.repository.funnel(userId, query);
    const overall: FunnelSection = { stages: [], types: [] };
    const organizations = new Map<string, FunnelSection & { organization: IdAndName }>();
    for (const row of rows) {
      let section = overall;
      if (row.by_org) {
        const id = row.organization_id!;
        if (!organizations.has(id)) organizations.set(id, { organization: { id, name: row.organization_name! }, stages: [], types: [] });
        section = organizations.get(id)!;
      }
      const counts: FunnelCounts = { reached: row.reached, passed: row.passed, failed: row.failed, current: row.current, conversion: row.conversion, medianDays: row.median_days };
      if (row.by_type) section.types.push({ type: row.type!, ...counts });
      else section.stages.push({ name: row.name!, type: row.name_type, ...counts });
    }
    // Stages are in loop order (latest position in any loop, then name, as on the board); types in the order of the closed list, itself a loop's order.
    for (const section of [overall, ...organizations.values()]) section.types.sort((a, b) => typeOrder(a.type) - typeOrder(b.type));
    return { overall, organizations: [...organizations.values()] };
  }

  /** The full stage history as CSV: one row per recorded move, by applied_on, then move time. */
  async exportCsv(userId: string, query: ExportQuery = {}, now = new Date()): Promise<{ filename: string; csv: string }> {
    const rows = await this.repository.exportRows(userId, query);
    const timeZone = await userTimeZone(this.repository.manager, userId);
    return {
      filename: applicationsCsvFilename(dateIn(timeZone, now)),
      csv: applicationsCsv(rows.map((r): ApplicationsCsvRow => ({ ...r, at: r.at.toISOString() }))),
    };
  }
}
