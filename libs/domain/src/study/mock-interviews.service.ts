import { Injectable } from '@nestjs/common';
import { FieldProblem, NotFoundError } from '#platform';
import { InteractionsService } from '../interactions/index';
import { InterviewsService } from '../interviews/index';
import { OrganizationsService } from '../organizations/index';
import type { Page } from '../people/index';
import { PeopleService } from '../people/index';
import type { StageType } from '../stage-templates/index';
import { MockInterview, TopicScore } from './mock-interview.entity';
import { newPracticeCard } from './practice-schedule';
import { InvalidStudyInputError } from './study.errors';
import { StudyRepository } from './study.repository';

export interface MockInterviewInput {
  personId: string;
  stageType: StageType;
  organizationId?: string | null;
  /** ISO 8601 with an offset. */
  heldAt: string;
  feedback?: string | null;
  scores?: TopicScore[];
  /** Questions from the bank that were asked. */
  questionIds?: string[];
  /** Questions asked that are not in the bank yet: added to it (source: mock). */
  newQuestions?: { text: string; topic?: string | null }[];
}

/** Someone of the network who could run a mock interview, and why Dossier thinks so. */
export interface MockSuggestion {
  person: { id: string; fullName: string; headline: string | null; role: string | null; organization: string | null };
  /** Most telling first. */
  reasons: string[];
  /** How strongly the reasons point to them (the order of the list). */
  score: number;
}

/** How much each kind of reason counts toward the order of suggestions. */
const REASON_WEIGHTS = { interviewedAtOrganization: 3, interviewedForStageType: 2, worksAtOrganization: 2, ranMock: 1 } as const;
const MAX_SUGGESTIONS = 20;

/** Practice interviews with people of the network; each is recorded as an ask on the person's timeline. */
@Injectable()
export class MockInterviewsService {
  constructor(
    private readonly repository: StudyRepository,
    private readonly people: PeopleService,
    private readonly interactions: InteractionsService,
    private readonly organizations: OrganizationsService,
    private readonly interviews: InterviewsService,
  ) {}

  async create(userId: string, input: MockInterviewInput): Promise<MockInterview> {
    const problems: FieldProblem[] = [];
    const scores = cleanScores(input.scores ?? [], problems);
    (input.newQuestions ?? []).forEach((q, i) => q.text.trim() || problems.push({ field: `newQuestions.${i}.text`, problem: 'must not be blank' }));
    if (problems.length) throw new InvalidStudyInputError('mock-interview', problems);
    await this.people.assertExists(userId, input.personId);
    if (input.organizationId) await this.organizations.assertOwned(userId, input.organizationId, null);
    const questionIds = [...new Set(input.questionIds ?? [])];
    const owned = await this.repository.ownedQuestionIds(userId, questionIds);
    const missing = questionIds.find((id) => !owned.has(id));
    if (missing) throw new NotFoundError('question', missing);
    const heldAt = new Date(input.heldAt);
    // The person's timeline gets the mock as a call in which the user asked for their time.
    const interaction = await this.interactions.create(userId, input.personId, {
      type: 'call',
      occurredAt: heldAt,
      summary: `Mock ${input.stageType.replace('_', ' ')} interview`,
      asked: 'A mock interview',
    });
    try {
      const id = await this.repository.transaction(async (em) => {
        const mock = await this.repository.insertMock(
          { userId, personId: input.personId, stageType: input.stageType, organizationId: input.organizationId ?? null, heldAt, feedback: input.feedback?.trim() || null, scores, interactionId: interaction.id },
          em,
        );
        const added: string[] = [];
        for (const q of input.newQuestions ?? []) {
          const question = await this.repository.insertQuestionIn(
            { userId, text: q.text.trim(), topic: q.topic?.trim() || null, stageType: input.stageType, organizationId: input.organizationId ?? null, interviewId: null, source: 'mock', answerNotes: null, ...newPracticeCard(heldAt) },
            em,
          );
          added.push(question.id);
        }
        await this.repository.linkMockQuestions(mock.id, [...questionIds, ...added], em);
        return mock.id;
      });
      return this.get(userId, id);
    } catch (e) {
      await this.interactions.remove(userId, interaction.id);
      throw e;
    }
  }

  async list(userId: string, query: { stageType?: StageType; personId?: string; limit?: number; offset?: number } = {}): Promise<Page<MockInterview>> {
    const limit = query.limit ?? 50;
    const offset = query.offset ?? 0;
    return { ...(await this.repository.listMocks(userId, { ...query, limit, offset })), limit, offset };
  }

  async get(userId: string, id: string): Promise<MockInterview> {
    const mock = await this.repository.findMock(userId, id);
    if (!mock) throw new NotFoundError('mock interview', id);
    return mock;
  }

  async update(userId: string, id: string, input: { feedback?: string | null; scores?: TopicScore[] }): Promise<MockInterview> {
    await this.get(userId, id);
    const problems: FieldProblem[] = [];
    const patch: Partial<Pick<MockInterview, 'feedback' | 'scores'>> = {};
    if (input.scores !== undefined) patch.scores = cleanScores(input.scores, problems);
    if (problems.length) throw new InvalidStudyInputError('mock-interview', problems);
    if (input.feedback !== undefined) patch.feedback = input.feedback?.trim() || null;
    await this.repository.updateMock(userId, id, patch);
    return this.get(userId, id);
  }

  /**
   * People of the network who could run a mock: those who interviewed the user at the organization
   * (on a panel of one of its interviews), who sat on the user's interviews of that stage type
   * elsewhere, who work at the organization, and who ran a mock of that type before; each with the
   * reasons, most likely first. People in the trash are left out; cancelled interviews do not count.
   */
  async suggestions(userId: string, query: { organizationId?: string; stageType?: StageType }): Promise<MockSuggestion[]> {
    const { organizationId, stageType } = query;
    if (!organizationId && !stageType) throw new InvalidStudyInputError('mock-interview', [{ field: 'organizationId', problem: 'give an organizationId, a stageType or both' }]);
    if (organizationId) await this.organizations.assertOwned(userId, organizationId, null);
    const [interviews, atOrganization, mocks] = await Promise.all([
      this.interviews.all(userId),
      organizationId ? this.people.list(userId, { organizationId, limit: 200 }) : Promise.resolve({ items: [] as { id: string }[] }),
      stageType ? this.repository.listMocks(userId, { stageType, limit: 200, offset: 0 }) : Promise.resolve({ items: [] as MockInterview[] }),
    ]);
    const found = new Map<string, { score: number; reasons: { weight: number; text: string }[] }>();
    const add = (personId: string, weight: number, text: string): void => {
      const entry = found.get(personId) ?? { score: 0, reasons: [] };
      if (entry.reasons.some((r) => r.text === text)) return;
      entry.score += weight;
      entry.reasons.push({ weight, text });
      found.set(personId, entry);
    };
    const type = (t: string): string => t.replace(/_/g, ' ');
    for (const { interview, interviewers } of interviews) {
      if (interview.outcome === 'cancelled') continue;
      const org = interview.application?.organization?.name ?? 'an organization';
      const on = interview.startsAt.toISOString().slice(0, 10);
      const atThisOrg = !!organizationId && interview.application?.organizationId === organizationId;
      const ofThisType = !!stageType && interview.stage?.type === stageType;
      for (const person of interviewers) {
        if (atThisOrg) add(person.id, REASON_WEIGHTS.interviewedAtOrganization, `Interviewed you at ${org} (${interview.stage?.name ?? 'an interview'}, ${on})`);
        else if (ofThisType) add(person.id, REASON_WEIGHTS.interviewedForStageType, `Was on your ${type(stageType!)} interview at ${org} (${on})`);
      }
    }
    for (const person of atOrganization.items) add(person.id, REASON_WEIGHTS.worksAtOrganization, 'Works at the organization');
    for (const mock of mocks.items) if (mock.personId) add(mock.personId, REASON_WEIGHTS.ranMock, `Ran a mock ${type(mock.stageType)} interview with you (${mock.heldAt.toISOString().slice(0, 10)})`);
    const cards = await this.people.liveCards(userId, [...found.keys()]);
    return [...found.entries()]
      .flatMap(([id, entry]) => {
        const card = cards.get(id);
        if (!card) return [];
        const reasons = entry.reasons.sort((a, b) => b.weight - a.weight).map((r) => (r.text === 'Works at the organization' ? `Works at ${card.organization ?? 'the organization'}${card.role ? ` as ${card.role}` : ''}` : r.text));
        return [{ person: { id, fullName: card.fullName, headline: card.headline, role: card.role, organization: card.organization }, reasons, score: entry.score }];
      })
      .sort((a, b) => b.score - a.score || a.person.fullName.localeCompare(b.person.fullName) || a.person.id.localeCompare(b.person.id))
      .slice(0, MAX_SUGGESTIONS);
  }

  /** Deletes the mock and the interaction it put on the person's timeline; questions it added stay in the bank. */
  async remove(userId: string, id: string): Promise<void> {
    const mock = await this.get(userId, id);
    await this.repository.deleteMock(userId, id);
    if (mock.interactionId) await this.interactions.remove(userId, mock.interactionId).catch((e: unknown) => (e instanceof NotFoundError ? undefined : Promise.reject(e)));
  }
}

/** One score per topic (the last given wins), topics trimmed and non-blank. */
function cleanScores(scores: TopicScore[], problems: FieldProblem[]): TopicScore[] {
  const byTopic = new Map<string, TopicScore>();
  scores.forEach((s, i) => {
    const topic = s.topic.trim();
    if (!topic) problems.push({ field: `scores.${i}.topic`, problem: 'must not be blank' });
    else byTopic.set(topic.toLowerCase(), { topic, score: s.score });
  });
  return [...byTopic.values()];
}
