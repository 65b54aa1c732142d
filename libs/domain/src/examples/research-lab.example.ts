import type { InteractionType } from '../interactions/index';
import type { RelationshipStage } from '../people/index';

/**
 * The research-lab example: a fictional lab, the people the user met on the way, and a pipeline at
 * several points of the loop. Dates are days relative to the day it is loaded (negative = past).
 * Everything is tagged `example` so it is easy to find and delete.
 */
export const EXAMPLE_TAG = 'example';

export const EXAMPLE_ORGANIZATION = {
  name: 'Example Frontier Lab',
  website: 'https://frontier-lab.example.org',
  description: 'A (fictional) research lab working on general-purpose AI systems: research teams publish, an incubation team ships.',
  researchNotes: [
    'Mission: build general AI systems safely, and publish the science behind them.',
    '',
    'Teams: Core does foundational research (world models, RL at scale, evaluation); Applied (incubation) turns research into products, with a shorter loop and more engineering.',
    '',
    'Research Engineer loop: recruiter chat → quiz (maths, statistics, CS, ML) ×2 → coding → team lead → senior team lead → people & culture. A candidate who fails a stage on Core may be rerouted to Applied.',
    '',
    "Before the interviews: the lab's charter, Core's last two years of world-model papers, the Applied team's engineering blog.",
  ].join('\n'),
  tags: [EXAMPLE_TAG, 'research-lab'],
};

export const EXAMPLE_TEAMS = {
  core: { name: 'Core', description: 'Foundational research: world models, reinforcement learning at scale, evaluation.', researchNotes: 'Publishes at NeurIPS, ICML and ICLR. Interviewers read your papers and ask you to defend one design choice in depth.' },
  applied: { name: 'Applied', description: 'Applied research and incubation: from research prototypes to products.', researchNotes: 'Shorter loop (team lead, then people & culture). Values shipping, evaluation pipelines and clean code.' },
};

export const EXAMPLE_TEMPLATE_NAME = 'Example Frontier Lab: Research Engineer loop';

export type ExamplePersonKey = 'recruiter' | 'quizLead' | 'quizSecond' | 'coding' | 'appliedLead' | 'seniorLead' | 'referrer' | 'friend';

export interface ExamplePerson {
  fullName: string;
  headline: string;
  role: string | null;
  team: 'core' | 'applied' | null;
  /** Whether they work at the example lab. */
  atLab: boolean;
  emails: string[];
  links?: Record<string, string>;
  tags: string[];
  howWeMet: string;
  relationshipStage: RelationshipStage;
  notes: string | null;
  followUpCadenceDays?: number;
}

export const EXAMPLE_PEOPLE: Record<ExamplePersonKey, ExamplePerson> = {
  recruiter: {
    fullName: 'Priya Raman',
    headline: 'Technical Recruiter, Research',
    role: 'Recruiter',
    team: null,
    atLab: true,
    emails: ['priya.raman@frontier-lab.example.org'],
    tags: [EXAMPLE_TAG, 'recruiter'],
    howWeMet: 'Reached out after the referral',
    relationshipStage: 'engaged',
    notes: 'Runs the Research Engineer loop for Core and Applied. Prefers email; answers within a day.',
  },
  quizLead: {
    fullName: 'Lena Hoffmann',
    headline: 'Research Scientist, world models',
    role: 'Research Scientist',
    team: 'core',
    atLab: true,
    emails: ['lena.hoffmann@frontier-lab.example.org'],
    links: { homepage: 'https://lena-hoffmann.example.org' },
    tags: [EXAMPLE_TAG, 'interviewer', 'world-models'],
    howWeMet: 'Her ICLR poster on latent planning',
    relationshipStage: 'acquainted',
    notes: 'Interviewed me for the first quiz last time; likes probability questions framed as small puzzles.',
  },
  quizSecond: {
    fullName: 'Tomás Ortega',
    headline: 'Research Engineer, evaluation infrastructure',
    role: 'Research Engineer',
    team: 'core',
    atLab: true,
    emails: ['tomas.ortega@frontier-lab.example.org'],
    tags: [EXAMPLE_TAG, 'interviewer'],
    howWeMet: 'Reviewed my PR to the lab’s open-source evaluation harness',
    relationshipStage: 'acquainted',
    notes: null,
  },
  coding: {
    fullName: 'Daniel Weiss',
    headline: 'Senior Research Engineer',
    role: 'Senior Research Engineer',
    team: 'core',
    atLab: true,
    emails: [],
    tags: [EXAMPLE_TAG, 'interviewer'],
    howWeMet: 'Coding interviewer in the first loop',
    relationshipStage: 'stranger',
    notes: 'Asked a dynamic-programming follow-up; wants complexity stated aloud.',
  },
  appliedLead: {
    fullName: 'Mei Tanaka',
    headline: 'Team Lead, Applied',
    role: 'Team Lead',
    team: 'applied',
    atLab: true,
    emails: ['mei.tanaka@frontier-lab.example.org'],
    tags: [EXAMPLE_TAG, 'interviewer', 'team-lead'],
    howWeMet: 'Team lead interview after the reroute to Applied',
    relationshipStage: 'engaged',
    notes: 'Would be my manager on Applied. Cares about evaluation pipelines and shipping.',
  },
  seniorLead: {
    fullName: 'Aisha Karimi',
    headline: 'Senior Team Lead, Core',
    role: 'Senior Team Lead',
    team: 'core',
    atLab: true,
    emails: [],
    tags: [EXAMPLE_TAG, 'interviewer', 'team-lead'],
    howWeMet: 'Keynote at the NeurIPS workshop on world models',
    relationshipStage: 'stranger',
    notes: 'Likely senior team lead interviewer on Core: read her most cited papers first.',
  },
  referrer: {
    fullName: 'Samuel Okafor',
    headline: 'Senior Research Engineer, reinforcement learning',
    role: 'Senior Research Engineer',
    team: 'core',
    atLab: true,
    emails: ['samuel.okafor@frontier-lab.example.org'],
    links: { homepage: 'https://samuel-okafor.example.org' },
    tags: [EXAMPLE_TAG, 'referrer', 'rl'],
    howWeMet: 'NeurIPS poster session; later contributed to his open-source RL library',
    relationshipStage: 'advocate',
    notes: 'Offered to refer me after my second PR to his library was merged.',
    followUpCadenceDays: 60,
  },
  friend: {
    fullName: 'Jonas Berg',
    headline: 'ML Engineer, friend from the reading group',
    role: 'ML Engineer',
    team: null,
    atLab: false,
    emails: ['jonas.berg@example.org'],
    tags: [EXAMPLE_TAG, 'friend', 'mock-interviews'],
    howWeMet: 'Paper reading group',
    relationshipStage: 'advocate',
    notes: 'Runs mock quizzes and coding interviews with me.',
    followUpCadenceDays: 14,
  },
};

export interface ExampleInteraction {
  person: ExamplePersonKey;
  type: InteractionType;
  day: number;
  channel: string;
  summary: string;
  offered?: string;
  asked?: string;
}

export const EXAMPLE_INTERACTIONS: ExampleInteraction[] = [
  { person: 'referrer', type: 'conference_chat', day: -200, channel: 'NeurIPS poster session', summary: 'Talked through his poster on exploration bonuses; he pointed me to the open issues in his RL library.' },
  { person: 'referrer', type: 'comment', day: -150, channel: 'GitHub', summary: 'My PR fixing the replay-buffer seeding bug was merged.', offered: 'A fix and a regression test for the replay buffer' },
  { person: 'referrer', type: 'call', day: -24, channel: 'Video call', summary: 'Caught up on his new project; told him I am applying to Core again.', asked: 'Whether he would be comfortable referring me for the Research Engineer role on Core' },
  { person: 'quizLead', type: 'comment', day: -130, channel: 'X', summary: 'Asked a question on her thread about latent planning; she answered with a pointer to the appendix.' },
  { person: 'quizSecond', type: 'comment', day: -140, channel: 'GitHub', summary: 'He reviewed my PR to the evaluation harness and suggested a cleaner API.', offered: 'Documentation for the harness CLI' },
  { person: 'recruiter', type: 'email', day: -11, channel: 'Email', summary: 'Priya wrote after the referral: recruiter chat scheduled.' },
  { person: 'appliedLead', type: 'email', day: -4, channel: 'Email', summary: 'Mei sent the offer details for Applied and offered a call about the team.' },
  { person: 'friend', type: 'call', day: -5, channel: 'Video call', summary: 'Mock quiz: probability went well, linear algebra proofs were slow.', asked: 'A second mock quiz before the real one, on linear algebra' },
];

export interface ExampleTask {
  title: string;
  day: number;
  person?: ExamplePersonKey;
  application?: 'quiz' | 'offer';
  notes?: string;
}

export const EXAMPLE_TASKS: ExampleTask[] = [
  { title: 'Read Lena Hoffmann’s three most cited papers and her first-author latent planning paper', day: 2, person: 'quizLead', application: 'quiz' },
  { title: 'Prepare two questions for Tomás about the evaluation infrastructure', day: 2, person: 'quizSecond', application: 'quiz' },
  { title: 'Second mock quiz with Jonas: linear algebra', day: 1, person: 'friend', application: 'quiz' },
  { title: 'Decide on the Applied offer', day: 10, application: 'offer', notes: 'Compare with how far the Core loop gets; ask Mei about the roadmap first.' },
];
