import { becomesSubmitted, nextReferralStatuses, previousStep, referralPath } from './referral-path';

describe('referral path', () => {
  it('goes forward only, may skip a step, and may be declined until acknowledged', () => {
    expect(nextReferralStatuses('discussed')).toEqual(['offered', 'submitted', 'recruiter_contacted', 'acknowledged', 'declined']);
    expect(nextReferralStatuses('recruiter_contacted')).toEqual(['acknowledged', 'declined']);
    expect(nextReferralStatuses('acknowledged')).toEqual([]);
    expect(nextReferralStatuses('declined')).toEqual([]);
  });

  it('is submitted when it reaches or passes the step, once', () => {
    expect(becomesSubmitted(null, 'submitted')).toBe(true);
    expect(becomesSubmitted(null, 'acknowledged')).toBe(true);
    expect(becomesSubmitted('offered', 'recruiter_contacted')).toBe(true);
    expect(becomesSubmitted('submitted', 'recruiter_contacted')).toBe(false);
    expect(becomesSubmitted('submitted', 'submitted')).toBe(false);
    expect(becomesSubmitted('offered', 'declined')).toBe(false);
    expect(becomesSubmitted(null, 'discussed')).toBe(false);
  });

  it('lists every step with its date; a declined referral shows how far it got', () => {
    expect(referralPath('submitted', { discussed: '2026-03-02', submitted: '2026-03-09' }).map((s) => [s.status, s.on, s.reached])).toEqual([
      ['discussed', '2026-03-02', true],
      ['offered', null, true],
      ['submitted', '2026-03-09', true],
      ['recruiter_contacted', null, false],
      ['acknowledged', null, false],
    ]);
    expect(referralPath('declined', { offered: '2026-03-02', declined: '2026-03-05' }).filter((s) => s.reached).map((s) => s.status)).toEqual(['discussed', 'offered', 'declined']);
  });

  it('finds the latest date a new status must not precede', () => {
    const dates = { discussed: '2026-03-02', offered: '2026-03-04' };
    expect(previousStep('submitted', dates)).toEqual({ status: 'offered', on: '2026-03-04' });
    expect(previousStep('offered', dates)).toEqual({ status: 'discussed', on: '2026-03-02' });
    expect(previousStep('declined', dates)).toEqual({ status: 'offered', on: '2026-03-04' });
    expect(previousStep('discussed', {})).toBeNull();
  });
});
