import { allowedMoves, PipelineState, transition, UserMove } from './pipeline-state-machine';

const fresh = (n = 3): PipelineState => ({ status: 'active', stages: ['current', ...Array<'upcoming'>(n - 1).fill('upcoming')], current: 0 });

function run(state: PipelineState, ...moves: UserMove[]): PipelineState {
  return moves.reduce((s, m) => transition(s, m), state);
}

describe('pipeline state machine', () => {
  it('starts in the first stage with pass, fail, advance and withdraw open, but no offer', () => {
    expect(allowedMoves(fresh()).sort()).toEqual(['advance', 'fail', 'pass', 'withdraw']);
  });

  it('advances stage by stage, passing the stage it leaves', () => {
    const s = run(fresh(), 'advance', 'pass');
    expect(s.stages).toEqual(['passed', 'passed', 'upcoming']);
    expect(s.current).toBe(1);
    expect(allowedMoves(s).sort()).toEqual(['advance', 'offer', 'withdraw']);
  });

  it('a failed stage rejects the application and closes it', () => {
    const t = transition(run(fresh(), 'advance'), 'fail');
    expect(t.status).toBe('rejected');
    expect(t.closed).toBe(true);
    expect(t.stages).toEqual(['passed', 'failed', 'upcoming']);
    expect(allowedMoves(t)).toEqual([]);
  });

  it('an offer skips the stages not run; then only accept, decline or withdraw', () => {
    const s = run(fresh(4), 'advance', 'pass', 'offer');
    expect(s.status).toBe('offer');
    expect(s.stages).toEqual(['passed', 'passed', 'skipped', 'skipped']);
    expect(allowedMoves(s).sort()).toEqual(['accept', 'decline', 'withdraw']);
    expect(run(s, 'accept').status).toBe('accepted');
    expect(run(s, 'decline').status).toBe('declined');
  });

  it('on the last stage an offer passes it; advance is not offered', () => {
    const last = run(fresh(2), 'advance');
    expect(allowedMoves(last)).not.toContain('advance');
    expect(transition(last, 'offer').stages).toEqual(['passed', 'passed']);
  });

  it('withdrawing leaves the current stage as it was and skips the rest', () => {
    const t = transition(run(fresh(3), 'advance'), 'withdraw');
    expect(t.status).toBe('withdrawn');
    expect(t.stages).toEqual(['passed', 'current', 'skipped']);
    expect(t.left).toEqual([1]);
  });

  it('refuses a move that is not allowed', () => {
    expect(() => transition(fresh(), 'accept')).toThrow(/not allowed/);
    expect(() => transition(run(fresh(), 'withdraw'), 'advance')).toThrow(/not allowed/);
  });
});
