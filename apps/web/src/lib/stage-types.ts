import type { components } from '@/lib/api/schema';

export type StageType = components['schemas']['StageType'];

/** How each stage type reads, in the loop's order: the funnel's rows, the preparation screens' tags and selects. */
export const STAGE_TYPE_LABEL: Record<StageType, string> = {
  recruiter: 'Recruiter',
  quiz: 'Quiz',
  coding: 'Coding',
  take_home: 'Take-home',
  system_design: 'System design',
  research: 'Research',
  team_lead: 'Team lead',
  senior_lead: 'Senior lead',
  culture: 'Culture',
  other: 'Other',
};

export const STAGE_TYPES = Object.keys(STAGE_TYPE_LABEL) as StageType[];
