import { briefingChanges } from './briefing-changes';
import type { BriefingContent, BriefingInterviewer, BriefingMeeting, BriefingReadingItem, BriefingWork } from './briefing-content';

const work = (id: string, title: string, year = 2025): BriefingWork => ({ id, title, year, publicationDate: null, venue: null, citationCount: 3, position: '1st of 2', sources: [] });
const item = (w: BriefingWork, status = 'to_read'): BriefingReadingItem => ({ work: w, interviewers: [{ id: 'ada', fullName: 'Ada Lovelace' }], score: 50, reasons: [], status, notes: null, summary: null, questions: [] });
const ada = (works: BriefingWork[], total: number): BriefingInterviewer => ({
  id: 'ada',
  fullName: 'Ada Lovelace',
  headline: null,
  role: null,
  organization: null,
  team: null,
  links: [],
  identities: [],
  affiliations: [],
  topics: [],
  venues: [],
  totals: { works: total, citations: 0, firstAuthor: 0, lastAuthor: 0 },
  lastSpokeAt: null,
  publishedSince: works,
  topWorks: [],
  warmPaths: { direct: [], viaCoauthor: [] },
  earlierMeetings: [],
  referredYou: [],
  asks: [],
});
const content = (works: BriefingWork[], items: BriefingReadingItem[]): BriefingContent => ({
  schema: 1,
  generatedAt: '2026-11-29T10:00:00Z',
  timeZone: 'UTC',
  interview: { id: 'i', startsAt: '2026-12-02T15:00:00Z', timeZone: 'UTC', durationMinutes: 60, format: 'video', location: null, meetingUrl: null, prepNotes: null, stage: { id: 's', name: 'Quiz', type: 'quiz', position: 2, of: 7 } },
  application: { id: 'a', role: 'Research Engineer', status: 'active', appliedOn: null, team: null, notes: null, recruiter: null, history: [], referral: null },
  organization: null,
  interviewers: [ada(works, works.length)],
  reading: { items, coverage: { read: 0, total: items.length }, perInterviewer: [] },
  prep: { checklist: [], topics: [], tasks: [] },
  retrospectives: [],
  resumeProjects: [],
});

const meeting = (notes: BriefingMeeting['notes']): BriefingMeeting => ({
  interviewId: 'm1',
  startsAt: '2026-10-12T10:00:00Z',
  application: { id: 'a0', role: 'Research Engineer', organization: 'DeepMind', team: 'Core', status: 'rejected' },
  stage: { name: 'Team lead interview', type: 'team_lead', status: 'passed' },
  outcome: 'passed',
  notes,
});

describe('briefingChanges', () => {
  const worldModels = work('w1', 'Scaling World Models');
  const planning = work('w2', 'Planning with Learned Models');

  it('says which works and checklist items are new, and what the user read', () => {
    const before = content([worldModels], [item(worldModels)]);
    const after = content([worldModels, planning], [item(worldModels, 'read'), item(planning)]);
    expect(briefingChanges(before, after)).toEqual([
      'Ada Lovelace: 1 new work synced, among them “Planning with Learned Models”.',
      'Reading checklist: 1 new item (“Planning with Learned Models”).',
      'You read “Scaling World Models”.',
    ]);
  });

  it('knows a work again by its title and year when its id changed (records merged by a sync, or an imported briefing)', () => {
    const before = content([worldModels], [item(worldModels)]);
    const renamed = work('w9', 'Scaling  world-models', 2025);
    expect(briefingChanges(before, content([renamed], [item(renamed)]))).toEqual([]);
    expect(briefingChanges(before, content([renamed], [item(renamed, 'read')]))).toEqual(['You read “Scaling  world-models”.']);
    // Another year is another work.
    const sequel = work('w10', 'Scaling World Models', 2026);
    expect(briefingChanges(before, content([sequel], [item(sequel)]))).toEqual(['Reading checklist: 1 new item (“Scaling World Models”).']);
  });

  it('notices new notes on an earlier meeting with an interviewer, and a meeting newly recorded', () => {
    const withMeetings = (meetings: BriefingMeeting[]): BriefingContent => {
      const c = content([], []);
      c.interviewers[0].earlierMeetings = meetings;
      return c;
    };
    const none = withMeetings([]);
    const bare = withMeetings([meeting(null)]);
    const noted = withMeetings([meeting({ asked: 'World-model evaluation', howItWent: 'Good', followUp: null })]);
    expect(briefingChanges(none, bare)).toEqual(['Ada Lovelace: a new earlier meeting (Team lead interview, Research Engineer at DeepMind).']);
    expect(briefingChanges(bare, noted)).toEqual(['Ada Lovelace: new notes on your meeting at the Team lead interview (Research Engineer at DeepMind).']);
    expect(briefingChanges(noted, noted)).toEqual([]);
    // A version stored before meetings were part of briefings has none: nothing to compare, nothing said.
    const old = content([], []);
    delete (old.interviewers[0] as Partial<BriefingInterviewer>).earlierMeetings;
    expect(briefingChanges(old, noted)).toEqual([]);
  });
});

describe('briefing changes: progress since the last version', () => {
  const readiness = (figure: number | null, progress: Partial<NonNullable<BriefingContent['readiness']>['progress']> = {}): BriefingContent['readiness'] => ({
    figure,
    parts: [],
    leftOut: [],
    explanation: '',
    progress: { papersRead: 0, studyMinutes: 0, studySessions: 0, questionsDrilled: 0, mocks: 0, stories: 0, ...progress },
  });
  const withReadiness = (r: BriefingContent['readiness']): BriefingContent => ({ ...content([], []), readiness: r });

  it('says readiness then and now and what the user did in between, leaving out what did not move', () => {
    const before = withReadiness(readiness(20, { papersRead: 1, studyMinutes: 60, studySessions: 1, questionsDrilled: 4 }));
    const after = withReadiness(readiness(55, { papersRead: 3, studyMinutes: 150, studySessions: 3, questionsDrilled: 5, mocks: 1, stories: 2 }));
    expect(briefingChanges(before, after)).toEqual(['Readiness: 20 → 55 of 100.', 'Progress: 2 papers read, 1.5 h of study logged (2 sessions), 1 question drilled, 1 mock interview, 2 stories added.']);
    expect(briefingChanges(after, after)).toEqual([]);
  });

  it('compares nothing with a version made before readiness was in briefings', () => {
    expect(briefingChanges(content([], []), withReadiness(readiness(40, { mocks: 2 })))).toEqual([]);
  });
});
