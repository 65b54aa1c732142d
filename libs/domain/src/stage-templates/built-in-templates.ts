import { DEFAULT_CHECKLISTS, StageType, TemplateStage } from './stage-types';

/** A loop Dossier ships with; the user can copy one into an editable template of their own. */
export interface BuiltInTemplate {
  key: string;
  name: string;
  role: string | null;
  stages: TemplateStage[];
}

function stage(name: string, type: StageType, checklist: readonly string[] = DEFAULT_CHECKLISTS[type]): TemplateStage {
  return { name, type, checklist: [...checklist] };
}

/** Used when an application names no template and its organization has none. */
export const DEFAULT_TEMPLATE: BuiltInTemplate = {
  key: 'default',
  name: 'Standard loop',
  role: null,
  stages: [stage('Recruiter screen', 'recruiter'), stage('Technical interview', 'coding'), stage('Hiring manager', 'team_lead'), stage('Final round', 'culture')],
};

/** The many-stage loop research labs run for Research Engineers, as candidates describe it. */
export const RESEARCH_ENGINEER_TEMPLATE: BuiltInTemplate = {
  key: 'research-engineer',
  name: 'Research lab loop: Research Engineer',
  role: 'Research Engineer',
  stages: [
    stage('Recruiter chat', 'recruiter'),
    stage('Quiz: maths, statistics, CS and ML', 'quiz', [
      'Linear algebra: eigenvalues, SVD, matrix calculus',
      'Probability and statistics: distributions, Bayes, estimators, hypothesis tests',
      'CS fundamentals: complexity, data structures, concurrency',
      'ML: bias–variance, optimisation, regularisation, transformers',
      'RL: MDPs, policy gradients, value methods',
    ]),
    stage('Second quiz', 'quiz'),
    stage('Coding interview', 'coding', ['Data structures and algorithms under time', 'Dynamic programming', 'Complexity analysis aloud', 'Write clean, tested Python']),
    stage('Team lead interview', 'team_lead'),
    stage('Senior team lead interview', 'senior_lead'),
    stage('People & culture', 'culture', ['Behavioural stories: conflict, failure, impact', 'Why this lab, why this team', 'Questions on culture and growth']),
  ],
};

/** The shorter loop a candidate rerouted to another team usually gets. */
export const REROUTE_TEMPLATE: BuiltInTemplate = {
  key: 'reroute',
  name: 'Rerouted: team match',
  role: null,
  stages: [stage('Team lead interview', 'team_lead'), stage('People & culture', 'culture')],
};

export const BUILT_IN_TEMPLATES: readonly BuiltInTemplate[] = [DEFAULT_TEMPLATE, RESEARCH_ENGINEER_TEMPLATE, REROUTE_TEMPLATE];
export const BUILT_IN_TEMPLATE_KEYS = BUILT_IN_TEMPLATES.map((t) => t.key);
