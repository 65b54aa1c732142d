import { Injectable } from '@nestjs/common';
import { FieldProblem, NotFoundError } from '#platform';
import { InteractionsService } from '../interactions/index';
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

/** Practice interviews with people of the network; each is recorded as an ask on the person's timeline. */
@Injectable()
export class MockInterviewsService {
  constructor(
    private readonly repository: StudyRepository,
    private readonly people: PeopleService,
    private readonly interactions: InteractionsService,
    private readonly organizations: OrganizationsService,
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
