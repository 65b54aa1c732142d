import { PlanItemInput, planSchedule, PlanScheduleInput, PlanStageInput, SKIM_FACTOR } from './plan-schedule';

// Ten pages an hour and seven hours a week: one hour, ten pages, a day.
const PACES = { pages: 10, problems: 2, chapters: 0.5, minutes: 60 };
const quiz: PlanStageInput = { stageId: 'quiz', name: 'Quiz', type: 'quiz', position: 1, interviewOn: '2027-03-11' };
const coding: PlanStageInput = { stageId: 'coding', name: 'Coding', type: 'coding', position: 2, interviewOn: '2027-03-21' };

function item(overrides: Partial<PlanItemInput> & Pick<PlanItemInput, 'itemId' | 'stageId'>): PlanItemInput {
  return { resourceId: `r-${overrides.itemId}`, title: overrides.itemId, position: 0, unit: 'pages', emphasis: 'core', parts: [], totalAmount: 0, doneAmount: 0, ...overrides };
}

function input(overrides: Partial<PlanScheduleInput> = {}): PlanScheduleInput {
  return { today: '2027-03-01', hoursPerWeek: 7, paces: PACES, stages: [quiz, coding], items: [], dayLimit: 60, ...overrides };
}

describe('planSchedule', () => {
  it('studies for the earliest interview first, a seventh of the week a day, and stops the day before each interview', () => {
    const plan = planSchedule(
      input({
        items: [
          item({ itemId: 'dp', stageId: 'coding', totalAmount: 30 }),
          item({ itemId: 'algo', stageId: 'quiz', totalAmount: 50, parts: [{ title: 'Ch. 1', amount: 20, emphasis: 'core' }, { title: 'Ch. 2', amount: 30, emphasis: 'core' }] }),
        ],
      }),
    );
    expect(plan.status).toBe('on_track');
    expect(plan.behindHours).toBe(0);
    expect(plan.days.map((d) => [d.date, d.hours, d.chunks.map((c) => `${c.title} ${c.part ?? ''} ${c.from}-${c.to}`.replace('  ', ' '))])).toEqual([
      ['2027-03-01', 1, ['algo Ch. 1 0-10']],
      ['2027-03-02', 1, ['algo Ch. 1 10-20']],
      ['2027-03-03', 1, ['algo Ch. 2 0-10']],
      ['2027-03-04', 1, ['algo Ch. 2 10-20']],
      ['2027-03-05', 1, ['algo Ch. 2 20-30']],
      ['2027-03-06', 1, ['dp 0-10']],
      ['2027-03-07', 1, ['dp 10-20']],
      ['2027-03-08', 1, ['dp 20-30']],
    ]);
    expect(plan.stages.map((s) => [s.stageId, s.workUntil, s.status, s.hoursLeft, s.finishesOn])).toEqual([
      ['quiz', '2027-03-10', 'on_track', 5, '2027-03-05'],
      ['coding', '2027-03-20', 'on_track', 3, '2027-03-08'],
    ]);
    expect(plan.advice).toEqual([]);
  });

  it('counts the log through the planned parts in order and leaves skipped parts out', () => {
    const plan = planSchedule(
      input({
        items: [
          item({
            itemId: 'book',
            stageId: 'quiz',
            totalAmount: 60,
            doneAmount: 15,
            parts: [
              { title: 'Ch. 1', amount: 10, emphasis: 'core' },
              { title: 'Ch. 2', amount: 20, emphasis: 'skip' },
              { title: 'Ch. 3', amount: 30, emphasis: 'core' },
            ],
          }),
        ],
      }),
    );
    // 10 pages of Ch. 1 and 5 of Ch. 3 done; Ch. 2 is not part of the plan.
    expect(plan.stages[0].hoursLeft).toBe(2.5);
    expect(plan.days[0].chunks).toEqual([expect.objectContaining({ part: 'Ch. 3', from: 5, to: 15 })]);
  });

  it('is behind by what does not fit, and says what to drop, then skim, to make it', () => {
    const parts = [
      { title: 'Ch. 1', amount: 40, emphasis: 'core' as const },
      { title: 'Ch. 2', amount: 40, emphasis: 'skim' as const },
      { title: 'Ch. 3', amount: 40, emphasis: 'skim' as const },
      { title: 'Ch. 4', amount: 40, emphasis: 'core' as const },
    ];
    // 10 days before the quiz: 10 hours. The book is 16 hours, the optional paper 2.
    const plan = planSchedule(
      input({
        stages: [quiz],
        items: [item({ itemId: 'book', stageId: 'quiz', totalAmount: 160, parts }), item({ itemId: 'paper', stageId: 'quiz', position: 1, totalAmount: 20, emphasis: 'optional' })],
      }),
    );
    expect(plan.status).toBe('behind');
    expect(plan.behindHours).toBe(8);
    expect(plan.stages[0]).toEqual(expect.objectContaining({ status: 'behind', behindHours: 8, hoursLeft: 18, finishesOn: null }));
    // Drop the paper (2 h), skim Ch. 3 (3 h) and Ch. 2 (3 h): exactly enough.
    expect(plan.advice).toEqual([
      { action: 'drop', itemId: 'paper', resourceId: 'r-paper', title: 'paper', stageId: 'quiz', parts: [], savesHours: 2 },
      { action: 'skim', itemId: 'book', resourceId: 'r-book', title: 'book', stageId: 'quiz', parts: ['Ch. 2', 'Ch. 3'], savesHours: 2 * 4 * (1 - SKIM_FACTOR) },
    ]);
    expect(plan.behindHoursAfterAdvice).toBe(0);
    expect(plan.neededHoursPerWeek).toBe(12.6);
  });

  it('skims core parts, last first, only when dropping and skimming the rest is not enough, and says what is still short', () => {
    const plan = planSchedule(
      input({
        stages: [quiz],
        items: [item({ itemId: 'book', stageId: 'quiz', totalAmount: 400, parts: [{ title: 'Ch. 1', amount: 200, emphasis: 'core' }, { title: 'Ch. 2', amount: 200, emphasis: 'core' }] })],
      }),
    );
    // 40 hours of work, 10 available: skimming both chapters leaves 10 hours, which fits.
    expect(plan.advice).toEqual([expect.objectContaining({ action: 'skim', parts: ['Ch. 1', 'Ch. 2'], savesHours: 30 })]);
    expect(plan.behindHoursAfterAdvice).toBe(0);
    const hopeless = planSchedule(input({ stages: [quiz], hoursPerWeek: 3.5, items: [item({ itemId: 'book', stageId: 'quiz', totalAmount: 400 })] }));
    expect(hopeless.behindHours).toBe(35);
    expect(hopeless.behindHoursAfterAdvice).toBe(5);
  });

  it('re-spreads when an interview moves earlier: the same work no longer fits', () => {
    const items = [item({ itemId: 'book', stageId: 'quiz', totalAmount: 80 })];
    expect(planSchedule(input({ stages: [quiz], items })).status).toBe('on_track');
    const moved = planSchedule(input({ stages: [{ ...quiz, interviewOn: '2027-03-06' }], items }));
    expect(moved.stages[0]).toEqual(expect.objectContaining({ workUntil: '2027-03-05', status: 'behind', behindHours: 3 }));
    expect(moved.days.map((d) => d.date)).toEqual(['2027-03-01', '2027-03-02', '2027-03-03', '2027-03-04', '2027-03-05']);
  });

  it('schedules stages without a date after the dated ones and never calls them behind; past stages are done', () => {
    const plan = planSchedule(
      input({
        stages: [{ ...quiz, interviewOn: '2027-02-20' }, { ...coding, interviewOn: null }],
        items: [item({ itemId: 'old', stageId: 'quiz', totalAmount: 100 }), item({ itemId: 'later', stageId: 'coding', totalAmount: 20 })],
      }),
    );
    expect(plan.status).toBe('no_dates');
    expect(plan.stages.map((s) => s.status)).toEqual(['past', 'no_date']);
    expect(plan.days.map((d) => d.chunks[0].title)).toEqual(['later', 'later']);
    expect(plan.neededHoursPerWeek).toBeNull();
  });

  it('counts problems and minutes at their own pace', () => {
    const plan = planSchedule(
      input({ stages: [quiz], items: [item({ itemId: 'ctci', stageId: 'quiz', unit: 'problems', totalAmount: 4 }), item({ itemId: 'talk', stageId: 'quiz', position: 1, unit: 'minutes', totalAmount: 30 })] }),
    );
    // 4 problems at 2 an hour, then 30 minutes: 2.5 hours.
    expect(plan.stages[0].hoursLeft).toBe(2.5);
    expect(plan.days[2].chunks).toEqual([expect.objectContaining({ title: 'talk', unit: 'minutes', from: 0, to: 30, hours: 0.5 })]);
  });
});
