import { STAGE_TYPE_LABEL } from '@/lib/stage-types';
import type { FunnelSection, FunnelType, StageType } from '../api/funnel';

export function typeLabel(type: StageType): string {
  return STAGE_TYPE_LABEL[type];
}

/** One row of a chart or table: a stage type, or a stage by name (with its type), with its counts. */
export type FunnelRow = FunnelType & { key: string; label: string };

export type Grouping = 'type' | 'stage';

export function rowsOf(section: FunnelSection, by: Grouping): FunnelRow[] {
  return by === 'type'
    ? section.types.map((row) => ({ ...row, key: row.type, label: typeLabel(row.type) }))
    : section.stages.map((row) => ({ ...row, key: `${row.name}\u0000${row.type}`, label: row.name }));
}

/** "66.7%", or a dash when no stage was decided. */
export function formatConversion(conversion: number | null): string {
  return conversion === null ? '—' : new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1 }).format(conversion);
}

/** "4.5 days", or a dash when no stage was left. */
export function formatDays(days: number | null): string {
  if (days === null) return '—';
  return `${new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 }).format(days)} ${days === 1 ? 'day' : 'days'}`;
}
