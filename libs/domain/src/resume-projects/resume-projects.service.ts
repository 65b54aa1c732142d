import { Injectable } from '@nestjs/common';
import { FieldProblem, NotFoundError } from '#platform';
import type { Page } from '../people/index';
import type { StageType } from '../stage-templates/index';
import { ResumeProject, ResumeProjectLink } from './resume-project.entity';
import { InvalidResumeProjectError } from './resume-projects.errors';
import { ResumeProjectsRepository } from './resume-projects.repository';

export interface ResumeProjectInput {
  title?: string;
  summary?: string | null;
  role?: string | null;
  /** yyyy-mm */
  periodFrom?: string | null;
  /** yyyy-mm; null: ongoing */
  periodTo?: string | null;
  tags?: string[];
  links?: { url: string; label?: string | null }[];
  talkingPoints?: string[];
  stageTypes?: StageType[];
  position?: number;
}

export interface ResumeProjectsQuery {
  /** Only the projects relevant to this stage type (those that name it, or name none). */
  stageType?: StageType;
  limit?: number;
  offset?: number;
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The user's résumé projects, in the order they set (then oldest first). */
@Injectable()
export class ResumeProjectsService {
  constructor(private readonly projects: ResumeProjectsRepository) {}

  async create(userId: string, input: ResumeProjectInput & { title: string }): Promise<ResumeProject> {
    const fields = normalize(input, { periodFrom: null, periodTo: null });
    // A new project goes last unless the user places it.
    const position = input.position ?? (await this.projects.nextPosition(userId));
    return this.projects.insert({ summary: null, role: null, periodFrom: null, periodTo: null, tags: [], links: [], talkingPoints: [], stageTypes: [], ...fields, userId, position });
  }

  async list(userId: string, query: ResumeProjectsQuery = {}): Promise<Page<ResumeProject>> {
    const limit = query.limit ?? 50;
    const offset = query.offset ?? 0;
    const [items, total] = await this.projects.page(userId, query.stageType, limit, offset);
    return { items, total, limit, offset };
  }

  async get(userId: string, id: string): Promise<ResumeProject> {
    const project = await this.projects.findOne(userId, id);
    if (!project) throw new NotFoundError('resume project', id);
    return project;
  }

  async update(userId: string, id: string, input: ResumeProjectInput): Promise<ResumeProject> {
    return this.projects.transaction(async (em) => {
      const project = await this.projects.lock(em, userId, id);
      if (!project) throw new NotFoundError('resume project', id);
      Object.assign(project, normalize(input, project));
      return this.projects.save(em, project);
    });
  }

  async remove(userId: string, id: string): Promise<void> {
    if (!(await this.projects.delete(userId, id))) throw new NotFoundError('resume project', id);
  }
}

/**
 * Trims the text, drops blank and repeated tags (the first spelling wins), repeated links and
 * stage types, and checks what a field-by-field validation cannot: blank text and the period's
 * order, against the stored period when only one end changes.
 */
function normalize(input: ResumeProjectInput, current: { periodFrom: string | null; periodTo: string | null }): Partial<ResumeProject> {
  const problems: FieldProblem[] = [];
  const out: Partial<ResumeProject> = {};
  const text = (v: string | null | undefined): string | null | undefined => (v === undefined || v === null ? v : v.trim() || null);

  if (input.title !== undefined) {
    out.title = input.title.trim();
    if (!out.title) problems.push({ field: 'title', problem: 'must not be blank' });
  }
  if (input.summary !== undefined) out.summary = text(input.summary)!;
  if (input.role !== undefined) out.role = text(input.role)!;
  for (const field of ['periodFrom', 'periodTo'] as const) {
    const value = input[field];
    if (value === undefined) continue;
    if (value !== null && !MONTH.test(value)) problems.push({ field, problem: 'must be a month as yyyy-mm' });
    out[field] = value;
  }
  const from = out.periodFrom !== undefined ? out.periodFrom : current.periodFrom;
  const to = out.periodTo !== undefined ? out.periodTo : current.periodTo;
  if (to && !from) problems.push({ field: 'periodTo', problem: 'needs periodFrom' });
  if (from && to && MONTH.test(from) && MONTH.test(to) && from > to) problems.push({ field: 'periodTo', problem: `must not be before periodFrom (${from})` });

  if (input.tags !== undefined) {
    const seen = new Set<string>();
    out.tags = input.tags.map((t) => t.trim()).filter((t) => t && !seen.has(t.toLowerCase()) && seen.add(t.toLowerCase()));
  }
  if (input.links !== undefined) {
    const seen = new Set<string>();
    out.links = input.links
      .map((l): ResumeProjectLink => ({ url: l.url.trim(), label: text(l.label) ?? null }))
      .filter((l) => !seen.has(l.url) && seen.add(l.url));
  }
  if (input.talkingPoints !== undefined) {
    out.talkingPoints = input.talkingPoints.map((p) => p.trim());
    out.talkingPoints.forEach((p, i) => p || problems.push({ field: `talkingPoints.${i}`, problem: 'must not be blank' }));
  }
  if (input.stageTypes !== undefined) out.stageTypes = [...new Set(input.stageTypes)];
  if (input.position !== undefined) out.position = input.position;

  if (problems.length) throw new InvalidResumeProjectError(problems);
  return out;
}
