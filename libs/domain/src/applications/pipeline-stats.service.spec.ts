import type { StageType } from '../stage-templates/index';
import type { ApplicationStatus } from './application.entity';
import { BoardCard, layOutBoard, wholeDaysSince } from './pipeline-stats.service';

const now = new Date('2026-06-30T12:00:00Z');
let n = 0;
function card(status: ApplicationStatus, stage: [name: string, type: StageType, position: number] | null, enteredAt: string | null): BoardCard {
  n += 1;
  return {
    id: `00000000-0000-0000-0000-${String(n).padStart(12, '0')}`,
    organization: { id: 'o', name: 'Lab' },
    team: null,
    role: 'RE',
    status,
    currentStage: stage ? { id: `s${n}`, name: stage[0], type: stage[1], status: 'current', position: stage[2] } : null,
    enteredAt: enteredAt ? new Date(enteredAt) : null,
    daysInStage: enteredAt ? wholeDaysSince(new Date(enteredAt), now) : null,
    nextInterviewAt: null,
    updatedAt: now,
    allowedMoves: [],
  };
}

describe('board layout', () => {
  it('counts whole days, never negative', () => {
    expect(wholeDaysSince(new Date('2026-06-20T12:00:00Z'), now)).toBe(10);
    expect(wholeDaysSince(new Date('2026-06-20T12:00:01Z'), now)).toBe(9);
    expect(wholeDaysSince(new Date('2026-07-01T00:00:00Z'), now)).toBe(0);
  });

  it('groups active cards by stage name across templates, orders columns by smallest position then name, then the status columns even when empty', () => {
    const recruiterChat = card('active', ['Recruiter chat', 'recruiter', 0], '2026-06-01T00:00:00Z');
    const teamLeadEarly = card('active', ['Team lead interview', 'team_lead', 4], '2026-06-10T00:00:00Z');
    const teamLeadRerouted = card('active', ['Team lead interview', 'team_lead', 0], '2026-06-05T00:00:00Z');
    const coding = card('active', ['Coding interview', 'coding', 3], '2026-06-02T00:00:00Z');
    const offer = card('offer', ['Final round', 'culture', 3], '2026-06-03T00:00:00Z');
    const rejected = card('rejected', ['Quiz', 'quiz', 1], '2026-06-03T00:00:00Z');
    const columns = layOutBoard([teamLeadEarly, coding, offer, recruiterChat, teamLeadRerouted, rejected], ['offer', 'accepted']);
    expect(columns.map((c) => [c.key, c.kind, c.stageType, c.status, c.cards.map((x) => x.id)])).toEqual([
      ['Recruiter chat', 'stage', 'recruiter', 'active', [recruiterChat.id]],
      ['Team lead interview', 'stage', 'team_lead', 'active', [teamLeadRerouted.id, teamLeadEarly.id]],
      ['Coding interview', 'stage', 'coding', 'active', [coding.id]],
      ['offer', 'status', null, 'offer', [offer.id]],
      ['accepted', 'status', null, 'accepted', []],
    ]);
  });

  it('takes the type of the earliest stage when templates give one name two types', () => {
    const a = card('active', ['Onsite', 'coding', 2], '2026-06-01T00:00:00Z');
    const b = card('active', ['Onsite', 'research', 1], '2026-06-02T00:00:00Z');
    expect(layOutBoard([a, b], [])).toEqual([expect.objectContaining({ key: 'Onsite', stageType: 'research', cards: [a, b] })]);
  });
});
