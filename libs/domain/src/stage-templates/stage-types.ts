/**
 * What kind of meeting a stage is. Later features pick prep material by type (a quiz wants
 * fundamentals, a team-lead chat wants the lead's papers), so the list is closed.
 */
export const STAGE_TYPES = ['recruiter', 'quiz', 'coding', 'take_home', 'system_design', 'research', 'team_lead', 'senior_lead', 'culture', 'other'] as const;
export type StageType = (typeof STAGE_TYPES)[number];

/** One stage of a loop as a template describes it; an application copies these. */
export interface TemplateStage {
  name: string;
  type: StageType;
  /** Prep tasks created when an application enters the stage. */
  checklist: string[];
}

/** The prep checklist a stage of each type starts with; templates may edit theirs. */
export const DEFAULT_CHECKLISTS: Readonly<Record<StageType, readonly string[]>> = {
  recruiter: ['Write a two-minute story of your path and why this lab', 'Prepare questions on the loop, the team and the timeline', 'Know your notice period and location constraints'],
  quiz: ['Review probability and statistics', 'Review linear algebra and calculus', 'Review algorithms and complexity', 'Review ML fundamentals: losses, optimisation, generalisation'],
  coding: ['Solve timed practice problems in your interview language', 'Practise thinking aloud while coding', 'Review the data structures of the standard library'],
  take_home: ['Read the brief twice and list the assumptions', 'Plan the write-up before the code'],
  system_design: ['Review training and serving infrastructure at scale', 'Practise one design end to end aloud'],
  research: ['Prepare a deep dive on one of your projects', "Read the team's recent papers"],
  team_lead: ["Read the team lead's most cited and first-author papers", 'Prepare every project on your résumé', 'Prepare questions about the team’s roadmap'],
  senior_lead: ["Read the senior lead's recent work", 'Prepare your view of where the field is going'],
  culture: ["Read the lab's mission and charter", 'Prepare stories of collaboration and disagreement'],
  other: [],
};
