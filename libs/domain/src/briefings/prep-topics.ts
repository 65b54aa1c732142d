import type { StageType } from '../stage-templates/index';

/**
 * What to revise before each kind of stage, as candidates of research labs describe these loops.
 * The briefing lists these beside the stage's own checklist and its prep tasks.
 */
export const PREP_TOPICS: Readonly<Record<StageType, readonly string[]>> = {
  recruiter: ['Your story in two minutes: background, why now, why this lab', 'Logistics: notice period, location, visa, compensation range', 'Questions on the loop: stages, timeline, who you will meet'],
  quiz: ['Linear algebra', 'Probability and statistics', 'CS fundamentals', 'Machine learning', 'Reinforcement learning'],
  coding: ['Data structures', 'Algorithms', 'Dynamic programming', 'Complexity analysis'],
  take_home: ['Read the brief twice; state your assumptions', 'Tests and a README that explains the trade-offs', 'Be ready to extend it live'],
  system_design: ['Requirements and scale estimates first', 'Data model, APIs and bottlenecks', 'Training and serving infrastructure for large models'],
  research: ["The interviewers' recent papers and their open questions", 'A research idea of your own, with how you would test it', 'Experimental design, baselines and ablations'],
  team_lead: ['The projects on your résumé, in depth', 'Behavioural stories: conflict, failure, impact', 'Why this lab, why this team'],
  senior_lead: ['The projects on your résumé, in depth', 'Behavioural stories: conflict, failure, impact', 'Why this lab, why this team', 'Where you want to be in a few years'],
  culture: ['Behavioural stories: conflict, failure, impact', 'Why this lab', 'The projects on your résumé', 'Questions on culture and growth'],
  other: ['The projects on your résumé', 'Why this lab'],
};

/** Stage types where the résumé's projects are discussed in depth. */
export const RESUME_STAGES: ReadonlySet<StageType> = new Set<StageType>(['recruiter', 'research', 'team_lead', 'senior_lead', 'culture', 'other']);
