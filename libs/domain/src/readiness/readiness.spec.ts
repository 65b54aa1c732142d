import { readiness, ReadinessFacts } from './readiness';

const facts = (over: Partial<ReadinessFacts> = {}): ReadinessFacts => ({
  stageType: 'coding',
  reading: { read: 0, total: 0, target: 80, nextUnread: null },
  prep: { done: 0, total: 0, nextOpen: null },
  plan: null,
  practice: { total: 0, practised: 0, due: 0 },
  mocks: { held: 0 },
  stories: { covered: [], missing: ['conflict', 'failure', 'leadership', 'ambiguity', 'impact'] },
  ...over,
});

describe('readiness', () => {
  it('weighs the parts that apply and scales their weights to make 100', () => {
    // Coding: practice and mocks apply (even before any question or mock), stories do not.
    const r = readiness(facts({ practice: { total: 4, practised: 3, due: 1 }, mocks: { held: 1 } }));
    expect(r.parts.map((p) => [p.key, p.value, p.share])).toEqual([
      ['practice', 75, 50],
      ['mocks', 50, 50],
    ]);
    expect(r.figure).toBe(63);
    expect(r.leftOut.map((l) => l.key)).toEqual(['reading', 'prep', 'plan', 'stories']);
    expect(r.renormalised).toBe(true);
  });

  it("counts reading against the user's goal: reaching it fills the part", () => {
    const r = readiness(facts({ reading: { read: 8, total: 10, target: 80, nextUnread: 'A paper' } }));
    expect(r.parts[0]).toEqual(expect.objectContaining({ key: 'reading', value: 100, counts: '8 of 10 papers read (goal 80%: 8)', nextStep: null }));
  });

  it('fills the plan part by the share of the hours left that fit, and advises when behind', () => {
    const behind = readiness(facts({ plan: { hoursLeft: 20, behindHours: 5, status: 'behind', advice: 'Skim CLRS to save 3 h', nextStudy: 'Study CLRS on 2027-01-02' } }));
    expect(behind.parts.find((p) => p.key === 'plan')).toEqual(expect.objectContaining({ value: 75, counts: 'Behind: 5 h of the 20 h left do not fit before the interview', nextStep: 'Skim CLRS to save 3 h' }));
    const done = readiness(facts({ plan: { hoursLeft: 0, behindHours: 0, status: 'on_track', advice: null, nextStudy: null } }));
    expect(done.parts.find((p) => p.key === 'plan')).toEqual(expect.objectContaining({ value: 100, nextStep: null }));
  });

  it('has no figure when nothing applies', () => {
    const r = readiness(facts({ stageType: 'recruiter' }));
    expect([r.figure, r.parts, r.renormalised]).toEqual([null, [], false]);
    expect(r.explanation).toBe('Nothing to measure yet: no part applies to this interview.');
  });
});
