import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, Clock, FieldProblem, NotFoundError } from '#platform';
import type { Page } from '../people/index';
import type { StageType } from '../stage-templates/index';
import { InvalidStudyInputError } from './study.errors';
import { ResourceProgressRow, StudyRepository } from './study.repository';
import { StudyResource } from './study-resource.entity';
import { StudySession } from './study-session.entity';
import type { ResourceEmphasis, StudyPart, StudyResourceFields, StudyResourceKind, StudyUnit } from './study.types';

export interface StudyResourceInput {
  kind?: StudyResourceKind;
  title?: string;
  author?: string | null;
  url?: string | null;
  unit?: StudyUnit;
  /** Required without parts; with parts it must equal their sum (or be left out). */
  totalAmount?: number;
  parts?: { title: string; amount: number; emphasis?: StudyPart['emphasis'] }[];
  emphasis?: ResourceEmphasis;
  topics?: string[];
  stageTypes?: StageType[];
  notes?: string | null;
}

export interface StudySessionInput {
  /** Default: now. */
  studiedAt?: string;
  amount: number;
  minutes?: number | null;
  notes?: string | null;
}

export interface ResourceProgress {
  /** Everything logged, in the resource's unit. */
  doneAmount: number;
  /** The size without skipped parts: what the plan counts. */
  plannedAmount: number;
  /** Of the planned amount, 0–100. */
  percent: number;
  sessions: number;
  minutes: number;
  lastStudiedAt: Date | null;
}

export interface StudyResourceView {
  resource: StudyResource;
  progress: ResourceProgress;
}

/** Sessions may be logged a little ahead of the server's clock (a phone's clock runs fast), never later. */
const FUTURE_SLACK_MS = 5 * 60_000;

/** The user's study resources and the log of sessions on each; progress is derived from the log. */
@Injectable()
export class StudyService {
  constructor(
    private readonly repository: StudyRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async create(userId: string, input: StudyResourceInput & Pick<StudyResourceFields, 'kind' | 'title' | 'unit'>): Promise<StudyResourceView> {
    const fields = normalizeResource(input, null);
    const resource = await this.repository.insertResource({
      userId,
      author: null,
      url: null,
      emphasis: 'core',
      topics: [],
      stageTypes: [],
      notes: null,
      starterKey: null,
      ...(fields as Omit<StudyResourceFields, 'author' | 'url' | 'emphasis' | 'topics' | 'stageTypes' | 'notes'>),
    });
    return this.view(userId, resource);
  }

  async list(userId: string, query: { stageType?: StageType; topic?: string; q?: string; limit?: number; offset?: number } = {}): Promise<Page<StudyResourceView>> {
    const limit = query.limit ?? 50;
    const offset = query.offset ?? 0;
    const { items, total } = await this.repository.listResources(userId, { ...query, limit, offset });
    const progress = await this.repository.progressOf(userId, items.map((r) => r.id));
    return { items: items.map((r) => ({ resource: r, progress: toProgress(r, progress.get(r.id)) })), total, limit, offset };
  }

  async get(userId: string, id: string): Promise<StudyResourceView> {
    return this.view(userId, await this.owned(userId, id));
  }

  async update(userId: string, id: string, input: StudyResourceInput): Promise<StudyResourceView> {
    const resource = await this.owned(userId, id);
    Object.assign(resource, normalizeResource(input, resource));
    return this.view(userId, await this.repository.saveResource(resource));
  }

  /** Deletes the resource with its sessions; plans that used it lose that item. */
  async remove(userId: string, id: string): Promise<void> {
    if (!(await this.repository.deleteResource(userId, id))) throw new NotFoundError('study resource', id);
  }

  async logSession(userId: string, resourceId: string, input: StudySessionInput): Promise<StudySession> {
    await this.owned(userId, resourceId);
    const now = this.clock.now();
    const studiedAt = input.studiedAt ? new Date(input.studiedAt) : now;
    const problems: FieldProblem[] = [];
    if (studiedAt.getTime() > now.getTime() + FUTURE_SLACK_MS) problems.push({ field: 'studiedAt', problem: 'must not be in the future' });
    if (input.amount === 0 && !input.minutes) problems.push({ field: 'amount', problem: 'must be more than 0 when no minutes are given' });
    if (problems.length) throw new InvalidStudyInputError('study-session', problems);
    return this.repository.insertSession({ userId, resourceId, studiedAt, amount: input.amount, minutes: input.minutes ?? null, notes: input.notes?.trim() || null });
  }

  async sessions(userId: string, resourceId: string, page: { limit?: number; offset?: number } = {}): Promise<Page<StudySession>> {
    await this.owned(userId, resourceId);
    const limit = page.limit ?? 50;
    const offset = page.offset ?? 0;
    return { ...(await this.repository.listSessions(userId, resourceId, { limit, offset })), limit, offset };
  }

  async removeSession(userId: string, resourceId: string, sessionId: string): Promise<void> {
    if (!(await this.repository.deleteSession(userId, resourceId, sessionId))) throw new NotFoundError('study session', sessionId);
  }

  /** Resources with their progress, for the planner (ids the user does not own are left out). */
  async views(userId: string, ids: string[]): Promise<Map<string, StudyResourceView>> {
    const resources = await this.repository.findResources(userId, ids);
    const progress = await this.repository.progressOf(userId, resources.map((r) => r.id));
    return new Map(resources.map((r) => [r.id, { resource: r, progress: toProgress(r, progress.get(r.id)) }]));
  }

  private async view(userId: string, resource: StudyResource): Promise<StudyResourceView> {
    const progress = await this.repository.progressOf(userId, [resource.id]);
    return { resource, progress: toProgress(resource, progress.get(resource.id)) };
  }

  private async owned(userId: string, id: string): Promise<StudyResource> {
    const resource = await this.repository.findResource(userId, id);
    if (!resource) throw new NotFoundError('study resource', id);
    return resource;
  }
}

/** The planned size of a resource: skipped parts are not part of it. */
export function plannedAmount(resource: Pick<StudyResource, 'parts' | 'totalAmount'>): number {
  return resource.parts.length ? resource.parts.filter((p) => p.emphasis !== 'skip').reduce((n, p) => n + p.amount, 0) : resource.totalAmount;
}

function toProgress(resource: StudyResource, row: ResourceProgressRow | undefined): ResourceProgress {
  const planned = plannedAmount(resource);
  const done = row?.doneAmount ?? 0;
  return {
    doneAmount: done,
    plannedAmount: planned,
    percent: planned ? Math.min(100, Math.round((done / planned) * 100)) : 0,
    sessions: row?.sessions ?? 0,
    minutes: row?.minutes ?? 0,
    lastStudiedAt: row?.lastStudiedAt ?? null,
  };
}

/**
 * Trims text, drops blank and repeated topics, fills part emphases, and checks what a field-by-field
 * validation cannot: blank titles, and a total that must match the parts (derived from them when
 * left out, required when there are none).
 */
export function normalizeResource(input: StudyResourceInput, current: Pick<StudyResource, 'parts' | 'totalAmount'> | null): Partial<StudyResourceFields> {
  const problems: FieldProblem[] = [];
  const out: Partial<StudyResourceFields> = {};
  const text = (v: string | null | undefined): string | null => (v === undefined || v === null ? null : v.trim() || null);
  if (input.kind !== undefined) out.kind = input.kind;
  if (input.unit !== undefined) out.unit = input.unit;
  if (input.emphasis !== undefined) out.emphasis = input.emphasis;
  if (input.title !== undefined) {
    out.title = input.title.trim();
    if (!out.title) problems.push({ field: 'title', problem: 'must not be blank' });
  }
  if (input.author !== undefined) out.author = text(input.author);
  if (input.url !== undefined) out.url = text(input.url);
  if (input.notes !== undefined) out.notes = text(input.notes);
  if (input.topics !== undefined) {
    const seen = new Set<string>();
    out.topics = input.topics.map((t) => t.trim()).filter((t) => t && !seen.has(t.toLowerCase()) && seen.add(t.toLowerCase()));
  }
  if (input.stageTypes !== undefined) out.stageTypes = [...new Set(input.stageTypes)];
  if (input.parts !== undefined) {
    out.parts = input.parts.map((p) => ({ title: p.title.trim(), amount: p.amount, emphasis: p.emphasis ?? 'core' }));
    out.parts.forEach((p, i) => p.title || problems.push({ field: `parts.${i}.title`, problem: 'must not be blank' }));
    if (out.parts.length && out.parts.every((p) => p.emphasis === 'skip')) problems.push({ field: 'parts', problem: 'must leave at least one part not skipped' });
  }
  const parts = out.parts ?? current?.parts ?? [];
  const partsTotal = parts.reduce((n, p) => n + p.amount, 0);
  if (input.totalAmount !== undefined) {
    if (parts.length && input.totalAmount !== partsTotal) problems.push({ field: 'totalAmount', problem: `must equal the sum of the parts (${partsTotal}), or be left out` });
    out.totalAmount = input.totalAmount;
  } else if (parts.length) {
    out.totalAmount = partsTotal;
  } else if (!current || (input.parts !== undefined && !parts.length)) {
    problems.push({ field: 'totalAmount', problem: 'is required when the resource has no parts' });
  }
  if (problems.length) throw new InvalidStudyInputError('study-resource', problems);
  return out;
}
