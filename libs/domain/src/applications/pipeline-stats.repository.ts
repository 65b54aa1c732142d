import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { INTERVIEWS } from '../interviews/repository/interviews.relations';
import { organizationNames, type OrganizationNames } from '../organizations/index';
import type { ApplicationStatus } from './application.entity';
import type { BoardRow, ExportQuery, ExportRow, FunnelQuery, FunnelRow } from './pipeline-stats.service';

/** The pipeline's read-only statements: the board's cards, the loop order, the funnel, the CSV's moves. */
@Injectable()
export class PipelineStatsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  get manager(): EntityManager {
    return this.dataSource.manager;
  }

  /** One query for every card, the next interview included (a lateral join, not one query per card). */
  async board(userId: string, statuses: ApplicationStatus[], organizationId: string | undefined, now: Date): Promise<BoardRow[]> {
    const params: unknown[] = [userId, statuses];
    if (organizationId) params.push(organizationId);
    const rows = (await this.dataSource.query(
      `SELECT a.id, a.role, a.status, a.updated_at, a.organization_id, a.team_id,
              s.id AS stage_id, s.name AS stage_name, s.type AS stage_type, s.status AS stage_status, s.position AS stage_position, s.entered_at,
              next.starts_at AS next_interview_at,
              EXISTS (SELECT 1 FROM application_stages later WHERE later.application_id = a.id AND later.position > s.position) AS has_next
         FROM applications a
         LEFT JOIN application_stages s ON s.id = a.current_stage_id
         LEFT JOIN LATERAL (
           SELECT i.starts_at FROM ${INTERVIEWS} i
            WHERE i.outcome = 'pending' AND i.application_id = a.id AND i.user_id = a.user_id AND i.starts_at > $${params.length + 1}
            ORDER BY i.starts_at LIMIT 1
         ) next ON true
        WHERE a.user_id = $1 AND a.status = ANY($2::text[])${organizationId ? ' AND a.organization_id = $3' : ''}`,
      [...params, now],
    )) as BoardRow[];
    return named(rows, await organizationNames(this.dataSource, rows.map((r) => r.organization_id), rows.map((r) => r.team_id)));
  }

  /** Each stage name's latest position in any of the user's loops: where it sits in a full loop. */
  async loopOrder(userId: string): Promise<Map<string, number>> {
    const rows = (await this.dataSource.query('SELECT name, max(position)::int AS position FROM application_stages WHERE user_id = $1 GROUP BY name', [userId])) as { name: string; position: number }[];
    return new Map(rows.map((r) => [r.name, r.position]));
  }

  async funnel(userId: string, query: FunnelQuery): Promise<FunnelRow[]> {
    const params: unknown[] = [userId];
    const where = ['a.user_id = $1'];
    if (query.organizationId) where.push(`a.organization_id = $${params.push(query.organizationId)}`);
    if (query.from) where.push(`a.applied_on >= $${params.push(query.from)}::date`);
    if (query.to) where.push(`a.applied_on <= $${params.push(query.to)}::date`);
    const rows = (await this.dataSource.query(
      `WITH s AS (
         SELECT a.organization_id, st.name, st.type, st.position, st.status, st.entered_at, st.left_at
           FROM application_stages st
           JOIN applications a ON a.id = st.application_id
          WHERE st.user_id = $1 AND ${where.join(' AND ')}
       ), g AS (
         SELECT GROUPING(organization_id) = 0 AS by_org, GROUPING(type) = 0 AS by_type,
                organization_id, name, type,
                (array_agg(type ORDER BY position, type))[1] AS name_type,
                max(position)::int AS position, -- a short rerouted loop starts mid-way: the full loop's place counts
                count(*) FILTER (WHERE entered_at IS NOT NULL)::int AS reached,
                count(*) FILTER (WHERE status = 'passed')::int AS passed,
                count(*) FILTER (WHERE status = 'failed')::int AS failed,
                count(*) FILTER (WHERE status = 'current' AND left_at IS NULL)::int AS current,
                percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM left_at - entered_at) / 86400)
                  FILTER (WHERE left_at IS NOT NULL AND entered_at IS NOT NULL) AS median
           FROM s
          GROUP BY GROUPING SETS ((name), (type), (organization_id, name), (organization_id, type))
       )
       SELECT by_org, by_type, organization_id, name, type, name_type, position, reached, passed, failed, current,
              CASE WHEN passed + failed > 0 THEN round(passed::numeric / (passed + failed), 4)::float8 END AS conversion,
              round(median::numeric, 2)::float8 AS median_days
         FROM g
        ORDER BY by_org, organization_id, position, name COLLATE "C", type`,
      params,
    )) as FunnelRow[];
    // Overall first, then each organization by name (in code point order, as COLLATE "C"); the sort is stable, so each keeps the SQL's order within.
    const names = await organizationNames(this.dataSource, rows.map((r) => r.organization_id));
    for (const row of rows) row.organization_name = row.organization_id ? names.organizations.get(row.organization_id)! : null;
    const key = (row: FunnelRow) => (row.by_org ? `1${row.organization_name}\u0000${row.organization_id}` : '0');
    return rows.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  }

  /** Every recorded move of the user's applications (filtered), by applied_on, then move time. */
  async exportRows(userId: string, query: ExportQuery): Promise<ExportRow[]> {
    const params: unknown[] = [userId];
    const where = ['a.user_id = $1', 'm.user_id = $1'];
    if (query.status?.length) where.push(`a.status = ANY($${params.push(query.status)}::text[])`);
    if (query.organizationId) where.push(`a.organization_id = $${params.push(query.organizationId)}`);
    const rows = (await this.dataSource.query(
      `SELECT a.id AS application_id, a.organization_id, a.team_id, a.role, a.source, a.status,
              a.applied_on::text AS applied_on, a.closed_on::text AS closed_on, a.template_name AS template, a.rerouted_from_id,
              m.move, m.at, m.from_stage, m.to_stage, m.from_status, m.to_status, m.note
         FROM applications a
         JOIN application_moves m ON m.application_id = a.id
        WHERE ${where.join(' AND ')}
        ORDER BY a.applied_on, a.created_at, a.id, m.at, m.recorded_at, m.id`,
      params,
    )) as (ExportRow & { organization_id: string; team_id: string | null })[];
    const names = await organizationNames(this.dataSource, rows.map((r) => r.organization_id), rows.map((r) => r.team_id));
    return rows.map(({ organization_id, team_id, ...row }) => ({ ...row, organization: names.organizations.get(organization_id)!, team: team_id ? names.teams.get(team_id)! : null }));
  }
}

/** The board's rows with their organization's and team's names. */
function named(rows: BoardRow[], names: OrganizationNames): BoardRow[] {
  for (const row of rows) {
    row.organization_name = names.organizations.get(row.organization_id)!;
    row.team_name = row.team_id ? (names.teams.get(row.team_id) ?? null) : null;
  }
  return rows;
}
