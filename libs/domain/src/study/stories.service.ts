import { Injectable } from '@nestjs/common';
import { FieldProblem, NotFoundError } from '#platform';
import type { Page } from '../people/index';
import { ResumeProjectsService } from '../resume-projects/index';
import type { StageType } from '../stage-templates/index';
import { BehaviouralStory, COMPETENCIES, Competency } from './behavioural-story.entity';
import { InvalidStudyInputError } from './study.errors';
import { StudyRepository } from './study.repository';

export interface StoryInput {
  title?: string;
  situation?: string | null;
  task?: string | null;
  action?: string | null;
  result?: string | null;
  competencies?: Competency[];
  stageTypes?: StageType[];
  /** Résumé projects it comes from; replaces the list. */
  resumeProjectIds?: string[];
}

export interface StoryCoverage {
  stageType: StageType | null;
  competencies: { competency: Competency; stories: number }[];
  /** The competencies no story shows yet. */
  missing: Competency[];
}

/** Behavioural stories in STAR form, and which competencies still lack one. */
@Injectable()
export class StoriesService {
  constructor(
    private readonly repository: StudyRepository,
    private readonly projects: ResumeProjectsService,
  ) {}

  async create(userId: string, input: StoryInput & { title: string }): Promise<BehaviouralStory> {
    const fields = normalize(input);
    await this.assertProjects(userId, input.resumeProjectIds);
    const id = await this.repository.transaction(async (em) => {
      const story = await this.repository.insertStory({ situation: null, task: null, action: null, result: null, competencies: [], stageTypes: [], ...fields, title: fields.title!, userId }, em);
      await this.repository.setStoryProjects(story.id, input.resumeProjectIds ?? [], em);
      return story.id;
    });
    return this.get(userId, id);
  }

  async list(userId: string, query: { stageType?: StageType; competency?: Competency; limit?: number; offset?: number } = {}): Promise<Page<BehaviouralStory>> {
    const limit = query.limit ?? 50;
    const offset = query.offset ?? 0;
    return { ...(await this.repository.listStories(userId, { ...query, limit, offset })), limit, offset };
  }

  async get(userId: string, id: string): Promise<BehaviouralStory> {
    const story = await this.repository.findStory(userId, id);
    if (!story) throw new NotFoundError('story', id);
    return story;
  }

  async update(userId: string, id: string, input: StoryInput): Promise<BehaviouralStory> {
    const fields = normalize(input);
    await this.assertProjects(userId, input.resumeProjectIds);
    await this.repository.transaction(async (em) => {
      const story = await this.repository.findStory(userId, id, em);
      if (!story) throw new NotFoundError('story', id);
      const { projects: _projects, ...columns } = story;
      await this.repository.saveStory(Object.assign(columns as BehaviouralStory, fields), em);
      if (input.resumeProjectIds !== undefined) await this.repository.setStoryProjects(id, input.resumeProjectIds, em);
    });
    return this.get(userId, id);
  }

  async remove(userId: string, id: string): Promise<void> {
    if (!(await this.repository.deleteStory(userId, id))) throw new NotFoundError('story', id);
  }

  /** Per competency, how many stories show it (for a stage type: those worth telling there); and those with none. */
  async coverage(userId: string, stageType?: StageType): Promise<StoryCoverage> {
    const counts = await this.repository.storiesPerCompetency(userId, stageType);
    const competencies = COMPETENCIES.map((competency) => ({ competency, stories: counts.get(competency) ?? 0 }));
    return { stageType: stageType ?? null, competencies, missing: competencies.filter((c) => c.stories === 0).map((c) => c.competency) };
  }

  private async assertProjects(userId: string, ids: string[] | undefined): Promise<void> {
    for (const id of new Set(ids ?? [])) await this.projects.get(userId, id);
  }
}

function normalize(input: StoryInput): Partial<BehaviouralStory> {
  const problems: FieldProblem[] = [];
  const out: Partial<BehaviouralStory> = {};
  const text = (v: string | null | undefined): string | null => (v === undefined || v === null ? null : v.trim() || null);
  if (input.title !== undefined) {
    out.title = input.title.trim();
    if (!out.title) problems.push({ field: 'title', problem: 'must not be blank' });
  }
  for (const key of ['situation', 'task', 'action', 'result'] as const) if (input[key] !== undefined) out[key] = text(input[key]);
  if (input.competencies !== undefined) out.competencies = [...new Set(input.competencies)];
  if (input.stageTypes !== undefined) out.stageTypes = [...new Set(input.stageTypes)];
  if (input.resumeProjectIds !== undefined && new Set(input.resumeProjectIds).size !== input.resumeProjectIds.length) problems.push({ field: 'resumeProjectIds', problem: 'must not repeat a project' });
  if (problems.length) throw new InvalidStudyInputError('story', problems);
  return out;
}
