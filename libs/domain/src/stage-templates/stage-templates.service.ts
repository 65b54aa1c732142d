import { Injectable } from '@nestjs/common';
import { NotFoundError } from '#platform';
import { OrganizationsService } from '../organizations/index';
import { BUILT_IN_TEMPLATES, BuiltInTemplate, DEFAULT_TEMPLATE } from './built-in-templates';
import { StageTemplate } from './stage-template.entity';
import { InvalidStageTemplateError } from './stage-templates.errors';
import { StageTemplatesRepository } from './stage-templates.repository';
import { DEFAULT_CHECKLISTS, STAGE_TYPES, TemplateStage } from './stage-types';

export interface StageTemplateInput {
  name?: string;
  role?: string | null;
  organizationId?: string | null;
  /** Stages in order; a stage without a checklist gets its type's default one. */
  stages?: { name: string; type: TemplateStage['type']; checklist?: string[] }[];
  /** Start from a built-in loop (its stages, unless `stages` is given). */
  fromBuiltIn?: string;
}

/** The stages an application is created with, and where they came from. */
export interface ResolvedTemplate {
  templateId: string | null;
  name: string;
  stages: TemplateStage[];
}

/** The user's loop templates, and the built-in ones they start from. */
@Injectable()
export class StageTemplatesService {
  constructor(
    private readonly templates: StageTemplatesRepository,
    private readonly organizations: OrganizationsService,
  ) {}

  builtIns(): readonly BuiltInTemplate[] {
    return BUILT_IN_TEMPLATES;
  }

  /** By name, a page at a time, with the total. */
  async list(userId: string, query: { organizationId?: string; limit: number; offset: number }): Promise<[StageTemplate[], number]> {
    return this.templates.page(userId, query.organizationId, query.limit, query.offset);
  }

  async get(userId: string, id: string): Promise<StageTemplate> {
    const template = await this.templates.findOne(userId, id);
    if (!template) throw new NotFoundError('stage template', id);
    return template;
  }

  async create(userId: string, input: StageTemplateInput): Promise<StageTemplate> {
    const base = input.fromBuiltIn !== undefined ? builtIn(input.fromBuiltIn) : undefined;
    const name = input.name ?? base?.name;
    const stages = input.stages ? normalizeStages(input.stages) : base?.stages;
    const problems = [];
    if (!name) problems.push({ field: 'name', problem: 'is required unless fromBuiltIn is given' });
    if (!stages) problems.push({ field: 'stages', problem: 'are required unless fromBuiltIn is given' });
    if (problems.length) throw new InvalidStageTemplateError(problems);
    if (input.organizationId) await this.organizations.get(userId, input.organizationId);
    const template = this.templates.build({ userId, name: name!, role: input.role ?? base?.role ?? null, organizationId: input.organizationId ?? null, stages: stages! });
    return this.templates.save(template);
  }

  async update(userId: string, id: string, input: StageTemplateInput): Promise<StageTemplate> {
    const template = await this.get(userId, id);
    if (input.organizationId) await this.organizations.get(userId, input.organizationId);
    if (input.name !== undefined) template.name = input.name;
    if (input.role !== undefined) template.role = input.role;
    if (input.organizationId !== undefined) template.organizationId = input.organizationId;
    if (input.stages !== undefined) template.stages = normalizeStages(input.stages);
    return this.templates.save(template);
  }

  async remove(userId: string, id: string): Promise<void> {
    if (!(await this.templates.delete(userId, id))) throw new NotFoundError('stage template', id);
  }

  /**
   * The stages a new application gets: the template asked for, else the organization's most
   * recent template, else the built-in default.
   */
  async resolve(userId: string, organizationId: string, choice: { templateId?: string; builtIn?: string }): Promise<ResolvedTemplate> {
    if (choice.templateId) {
      const template = await this.get(userId, choice.templateId);
      return { templateId: template.id, name: template.name, stages: template.stages };
    }
    if (choice.builtIn) {
      const template = builtIn(choice.builtIn);
      return { templateId: null, name: template.name, stages: template.stages };
    }
    const own = await this.templates.latestForOrganization(userId, organizationId);
    if (own) return { templateId: own.id, name: own.name, stages: own.stages };
    const general = await this.templates.generalNamed(userId, DEFAULT_TEMPLATE.name);
    if (general) return { templateId: general.id, name: general.name, stages: general.stages };
    return { templateId: null, name: DEFAULT_TEMPLATE.name, stages: DEFAULT_TEMPLATE.stages };
  }
}

function builtIn(key: string): BuiltInTemplate {
  const template = BUILT_IN_TEMPLATES.find((t) => t.key === key);
  if (!template) throw new InvalidStageTemplateError([{ field: 'fromBuiltIn', problem: `must be one of ${BUILT_IN_TEMPLATES.map((t) => t.key).join(', ')}` }]);
  return template;
}

export function normalizeStages(stages: StageTemplateInput['stages'] & object): TemplateStage[] {
  const problems = stages.flatMap((s, i) => (STAGE_TYPES.includes(s.type) ? [] : [{ field: `stages.${i}.type`, problem: `must be one of ${STAGE_TYPES.join(', ')}` }]));
  if (stages.length === 0) problems.push({ field: 'stages', problem: 'must have at least one stage' });
  if (problems.length) throw new InvalidStageTemplateError(problems);
  return stages.map((s) => ({ name: s.name.trim(), type: s.type, checklist: s.checklist ? s.checklist.map((c) => c.trim()).filter(Boolean) : [...DEFAULT_CHECKLISTS[s.type]] }));
}
