import type { FieldProblem } from '#platform';
import { Interaction, INTERACTION_TYPES, InteractionType } from './interaction.entity';
import { InvalidInteractionError } from './interactions.errors';

/** What a caller may set on an interaction. */
export interface InteractionInput {
  type?: InteractionType;
  /** An instant: a Date, or an ISO 8601 date-time string. */
  occurredAt?: Date | string;
  channel?: string | null;
  summary?: string;
  offered?: string | null;
  /** What the user asked of them: an intro, a referral, advice. */
  asked?: string | null;
}

export type NewInteraction = InteractionInput & Required<Pick<InteractionInput, 'type' | 'occurredAt' | 'summary'>>;

/**
 * Validates and normalizes the given fields into column values; only the keys given are returned.
 * Shared by the interactions service and the follow-ups service (which logs an interaction when a
 * follow-up is done), so both write the same rows.
 */
export function interactionColumns(input: InteractionInput): Partial<Interaction> {
  const problems: FieldProblem[] = [];
  const columns: Partial<Interaction> = {};
  if (input.type !== undefined) {
    if ((INTERACTION_TYPES as readonly unknown[]).includes(input.type)) columns.type = input.type;
    else problems.push({ field: 'type', problem: `must be one of ${INTERACTION_TYPES.join(', ')}` });
  }
  if (input.occurredAt !== undefined) {
    // null is checked apart: new Date(null) would be 1970.
    const at = input.occurredAt instanceof Date ? input.occurredAt : typeof input.occurredAt === 'string' ? new Date(input.occurredAt) : null;
    if (!at || Number.isNaN(at.getTime())) problems.push({ field: 'occurredAt', problem: 'must be an ISO 8601 date-time' });
    else columns.occurredAt = at;
  }
  if (input.summary !== undefined) {
    const summary = typeof input.summary === 'string' ? input.summary.normalize('NFC').trim() : '';
    if (!summary) problems.push({ field: 'summary', problem: 'must not be blank' });
    else columns.summary = summary;
  }
  if (input.channel !== undefined) columns.channel = optionalText(input.channel);
  if (input.offered !== undefined) columns.offered = optionalText(input.offered);
  if (input.asked !== undefined) columns.asked = optionalText(input.asked);
  if (problems.length > 0) throw new InvalidInteractionError(problems);
  return columns;
}

function optionalText(value: string | null): string | null {
  return value === null ? null : value.normalize('NFC').trim() || null;
}
