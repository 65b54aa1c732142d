// Starter plans: what the story's candidate studied for each stage type, shipped as plain data so it
// can be edited here (and, once copied into an account, by the user). Page and problem counts are
// close to the editions named; the user corrects them to their own copy.
import type { StageType } from '../stage-templates/index';
import type { StudyPart, StudyResourceFields } from './study.types';

export interface StarterResource extends StudyResourceFields {
  /** Stable key: starting a second plan reuses the account's copy instead of making another. */
  key: string;
}

export interface StarterPlan {
  stageType: StageType;
  summary: string;
  /** Keys of STARTER_RESOURCES, in the order to study them. */
  resources: string[];
}

const part = (title: string, amount: number, emphasis: StudyPart['emphasis'] = 'core'): StudyPart => ({ title, amount, emphasis });
const total = (parts: StudyPart[]): number => parts.reduce((n, p) => n + p.amount, 0);

// A 400-page algorithms textbook of which the story reads about 340 pages: the last two chapters are left out.
const ALGORITHMS_PARTS = [
  part('Ch. 1 Foundations and complexity', 35),
  part('Ch. 2 Sorting', 45),
  part('Ch. 3 Searching and hashing', 40),
  part('Ch. 4 Trees', 45),
  part('Ch. 5 Graphs', 55),
  part('Ch. 6 Greedy algorithms', 30),
  part('Ch. 7 Dynamic programming', 50),
  part('Ch. 8 Strings', 40),
  part('Ch. 9 Computational geometry', 30, 'skip'),
  part('Ch. 10 Parallel and external-memory algorithms', 30, 'skip'),
];

// Deisenroth, Faisal and Ong: Part I (the mathematics) for the quiz; Part II (the ML built on it) if time allows.
const MML_PARTS = [
  part('Ch. 1 Introduction and motivation', 12, 'skim'),
  part('Ch. 2 Linear algebra', 53),
  part('Ch. 3 Analytic geometry', 28),
  part('Ch. 4 Matrix decompositions', 41),
  part('Ch. 5 Vector calculus', 33),
  part('Ch. 6 Probability and distributions', 53),
  part('Ch. 7 Continuous optimization', 24),
  part('Ch. 8 When models meet data', 42, 'optional'),
  part('Ch. 9 Linear regression', 28, 'optional'),
  part('Ch. 10 Dimensionality reduction with PCA', 30, 'optional'),
  part('Ch. 11 Density estimation with Gaussian mixture models', 23, 'optional'),
  part('Ch. 12 Classification with support vector machines', 25, 'optional'),
];

// Cracking the Coding Interview (6th ed.), counted in problems: chapters 1–8, skimming 5–6 and 9, skipping 10–15.
const CTCI_PARTS = [
  part('Ch. 1 Arrays and strings', 9),
  part('Ch. 2 Linked lists', 8),
  part('Ch. 3 Stacks and queues', 6),
  part('Ch. 4 Trees and graphs', 12),
  part('Ch. 5 Bit manipulation', 8, 'skim'),
  part('Ch. 6 Math and logic puzzles', 10, 'skim'),
  part('Ch. 7 Object-oriented design', 12),
  part('Ch. 8 Recursion and dynamic programming', 14),
  part('Ch. 9 System design and scalability', 8, 'skim'),
  part('Ch. 10 Sorting and searching', 11, 'skip'),
  part('Ch. 11 Testing', 6, 'skip'),
  part('Ch. 12 C and C++', 11, 'skip'),
  part('Ch. 13 Java', 8, 'skip'),
  part('Ch. 14 Databases', 7, 'skip'),
  part('Ch. 15 Threads and locks', 7, 'skip'),
];

const resource = (r: Omit<StarterResource, 'author' | 'url' | 'notes' | 'emphasis' | 'totalAmount'> & Partial<StarterResource>): StarterResource => ({
  author: null,
  url: null,
  notes: null,
  emphasis: 'core',
  totalAmount: total(r.parts),
  ...r,
});

export const STARTER_RESOURCES: readonly StarterResource[] = [
  resource({
    key: 'algorithms-textbook',
    kind: 'book',
    title: 'Algorithms textbook (about 340 of its 400 pages)',
    unit: 'pages',
    topics: ['algorithms', 'data structures', 'complexity'],
    stageTypes: ['quiz', 'coding'],
    parts: ALGORITHMS_PARTS,
    notes: 'Rename it to your own textbook and correct the chapters; the last two are left out.',
  }),
  resource({
    key: 'clrs-growth-of-functions',
    kind: 'chapter_range',
    title: 'CLRS, Ch. 3: Growth of functions (big-O)',
    author: 'Cormen, Leiserson, Rivest, Stein',
    unit: 'pages',
    topics: ['complexity', 'asymptotic notation'],
    stageTypes: ['quiz'],
    parts: [part('Ch. 3 Growth of functions', 22)],
  }),
  resource({
    key: 'mathematics-for-machine-learning',
    kind: 'book',
    title: 'Mathematics for Machine Learning',
    author: 'Deisenroth, Faisal, Ong',
    url: 'https://mml-book.github.io/',
    unit: 'pages',
    topics: ['linear algebra', 'calculus', 'probability', 'statistics', 'optimisation'],
    stageTypes: ['quiz'],
    parts: MML_PARTS,
  }),
  resource({
    key: 'cracking-the-coding-interview',
    kind: 'book',
    title: 'Cracking the Coding Interview, Ch. 1–9',
    author: 'Gayle Laakmann McDowell',
    unit: 'problems',
    topics: ['data structures', 'algorithms', 'coding'],
    stageTypes: ['coding'],
    parts: CTCI_PARTS,
    notes: 'Solve them in the one language you will interview in.',
  }),
  resource({
    key: 'clrs-dynamic-programming',
    kind: 'chapter_range',
    title: 'CLRS, Ch. 15: Dynamic programming',
    author: 'Cormen, Leiserson, Rivest, Stein',
    unit: 'pages',
    topics: ['dynamic programming', 'algorithms'],
    stageTypes: ['coding'],
    parts: [part('Ch. 15 Dynamic programming', 55)],
  }),
  resource({
    key: 'ctci-behavioral',
    kind: 'chapter_range',
    title: 'Cracking the Coding Interview: Behavioral questions',
    author: 'Gayle Laakmann McDowell',
    unit: 'pages',
    topics: ['behavioural', 'stories'],
    stageTypes: ['team_lead', 'senior_lead', 'culture'],
    parts: [part('Behavioral questions and the preparation grid', 12)],
  }),
  resource({
    key: 'resume-projects',
    kind: 'link',
    title: 'The projects on your résumé, each ready in depth',
    unit: 'minutes',
    topics: ['projects'],
    stageTypes: ['team_lead', 'senior_lead', 'research'],
    parts: [],
    totalAmount: 180,
    notes: 'For each: the problem, your part, the hardest decision, what you would do differently (see Résumé projects).',
  }),
  resource({
    key: 'lab-mission',
    kind: 'link',
    title: "The lab's mission and charter",
    unit: 'minutes',
    topics: ['mission', 'culture'],
    stageTypes: ['culture', 'senior_lead'],
    parts: [],
    totalAmount: 60,
    notes: "Set the link to the lab's own page.",
  }),
  resource({
    key: 'lab-papers',
    kind: 'paper',
    title: "The papers around the lab's mission and the team's work",
    unit: 'minutes',
    topics: ['research'],
    stageTypes: ['team_lead', 'senior_lead'],
    emphasis: 'optional',
    parts: [],
    totalAmount: 240,
    notes: "The interviewers' own papers are in each interview's reading checklist; these are the wider context.",
  }),
];

export const STARTER_PLANS: readonly StarterPlan[] = [
  { stageType: 'quiz', summary: 'Maths, statistics, CS and ML fundamentals from the books', resources: ['algorithms-textbook', 'clrs-growth-of-functions', 'mathematics-for-machine-learning'] },
  { stageType: 'coding', summary: 'Problems in one chosen language, and dynamic programming', resources: ['cracking-the-coding-interview', 'clrs-dynamic-programming'] },
  { stageType: 'team_lead', summary: 'Behavioural answers, your projects, the papers around the team', resources: ['ctci-behavioral', 'resume-projects', 'lab-papers'] },
  { stageType: 'senior_lead', summary: 'Your projects, the mission, the papers around it', resources: ['resume-projects', 'lab-mission', 'lab-papers'] },
  { stageType: 'culture', summary: 'Behavioural stories and why this lab', resources: ['ctci-behavioral', 'lab-mission'] },
];
