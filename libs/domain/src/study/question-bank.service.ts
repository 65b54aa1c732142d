import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, Clock, FieldProblem, NotFoundError } from '#platform';
import { AccountsService } from '../accounts/index';
import { InterviewsService } from '../interviews/index';
import { OrganizationsService } from '../organizations/index';
import type { Page } from '../people/index';
import type { StageType } from '../stage-templates/index';
import { dateIn } from '../shared/dates';
import { DrillRating, PracticeDrill } from './practice-drill.entity';
import { PracticeQuestion, QuestionSource } from './practice-question.entity';
import { drillCard, newPracticeCard } from './practice-schedule';
import { InvalidStudyInputError } from './study.errors';
import { QuestionFilter, StudyRepository } from './study.repository';

export interface QuestionInput {
  text?: string;
  topic?: string | null;
  stageType?: StageType | null;
  organizationId?: string | null;
  /** The interview it was asked in: its organization and stage type come with it. */
  interviewId?: string | null;
  source?: QuestionSource;
  answerNotes?: string | null;
}

export interface QuestionsQuery {
  topic?: string;
  stageType?: StageType;
  organizationId?: string;
  interviewId?: string;
  source?: QuestionSource;
  q?: string;
  /** Questions worth practising for this interview: of its organization or its stage type. */
  forInterviewId?: string;
  limit?: number;
  offset?: number;
}

export interface PracticeQueue {
  /** yyyy-mm-dd in the user's zone. */
  today: string;
  /** The end of today in the user's zone: everything due before it is in the queue. */
  dueBefore: Date;
  items: PracticeQuestion[];
  total: number;
  limit: number;
  offset: number;
}

/** Questions met or expected, the user's answer notes, and their practice scheduled by FSRS. */
@Injectable()
export class QuestionBankService {
  constructor(
    private readonly repository: StudyRepository,
    private readonly interviews: InterviewsService,
    private readonly organizations: OrganizationsService,
    private readonly accounts: AccountsService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async create(userId: string, input: QuestionInput & { text: string }): Promise<PracticeQuestion> {
    const fields = await this.normalize(userId, input, null);
    const source = input.source ?? (fields.interviewId ? 'interview' : 'other');
    return this.repository.insertQuestion({
      userId,
      topic: null,
      stageType: null,
      organizationId: null,
      interviewId: null,
      answerNotes: null,
      ...fields,
      text: fields.text!,
      source,
      ...newPracticeCard(this.clock.now()),
    });
  }

  async list(userId: string, query: QuestionsQuery = {}): Promise<Page<PracticeQuestion>> {
    const limit = query.limit ?? 50;
    const offset = query.offset ?? 0;
    const filter: QuestionFilter = { ...query, limit, offset };
    if (query.forInterviewId) filter.relatedTo = await this.relatedTo(userId, query.forInterviewId);
    return { ...(await this.repository.listQuestions(userId, filter)), limit, offset };
  }

  async get(userId: string, id: string): Promise<PracticeQuestion> {
    const question = await this.repository.findQuestion(userId, id);
    if (!question) throw new NotFoundError('question', id);
    return question;
  }

  async update(userId: string, id: string, input: QuestionInput): Promise<PracticeQuestion> {
    const question = await this.get(userId, id);
    Object.assign(question, await this.normalize(userId, input, question));
    if (input.source !== undefined) question.source = input.source;
    return this.repository.saveQuestion(question);
  }

  async remove(userId: string, id: string): Promise<void> {
    if (!(await this.repository.deleteQuestion(userId, id))) throw new NotFoundError('question', id);
  }

  /** Records a practice rated by the user and schedules the next one with FSRS. */
  async drill(userId: string, id: string, input: { rating: DrillRating; notes?: string | null }): Promise<{ question: PracticeQuestion; drill: PracticeDrill }> {
    return this.repository.transaction(async (em) => {
      const question = await this.repository.lockQuestion(userId, id, em);
      if (!question) throw new NotFoundError('question', id);
      const { card, drill } = drillCard(question, input.rating, this.clock.now());
      Object.assign(question, card);
      const saved = await this.repository.saveQuestion(question, em);
      const record = await this.repository.insertDrill({ userId, questionId: id, ...drill, notes: input.notes?.trim() || null }, em);
      return { question: saved, drill: record };
    });
  }

  async drills(userId: string, id: string, page: { limit?: number; offset?: number } = {}): Promise<Page<PracticeDrill>> {
    await this.get(userId, id);
    const limit = page.limit ?? 50;
    const offset = page.offset ?? 0;
    return { ...(await this.repository.listDrills(userId, id, { limit, offset })), limit, offset };
  }

  /** Today's queue in the user's zone: what is due before midnight, most overdue first. */
  async queue(userId: string, query: { forInterviewId?: string; limit?: number; offset?: number } = {}): Promise<PracticeQueue> {
    const { timeZone } = await this.accounts.getUser(userId);
    const today = dateIn(timeZone, this.clock.now());
    const relatedTo = query.forInterviewId ? await this.relatedTo(userId, query.forInterviewId) : undefined;
    const limit = query.limit ?? 50;
    const offset = query.offset ?? 0;
    const due = await this.repository.dueQuestions(userId, today, timeZone, { relatedTo, limit, offset });
    return { today, dueBefore: due.dueBefore, items: due.items, total: due.total, limit, offset };
  }

  private async relatedTo(userId: string, interviewId: string): Promise<{ organizationId: string; stageType: StageType }> {
    const { interview } = await this.interviews.get(userId, interviewId);
    return { organizationId: interview.application!.organizationId, stageType: interview.stage!.type };
  }

  private async normalize(userId: string, input: QuestionInput, current: PracticeQuestion | null): Promise<Partial<PracticeQuestion>> {
    const problems: FieldProblem[] = [];
    const out: Partial<PracticeQuestion> = {};
    const text = (v: string | null | undefined): string | null => (v === undefined || v === null ? null : v.trim() || null);
    if (input.text !== undefined) {
      out.text = input.text.trim();
      if (!out.text) problems.push({ field: 'text', problem: 'must not be blank' });
    }
    if (input.topic !== undefined) out.topic = text(input.topic);
    if (input.answerNotes !== undefined) out.answerNotes = text(input.answerNotes);
    if (input.stageType !== undefined) out.stageType = input.stageType;
    if (input.organizationId !== undefined) {
      if (input.organizationId) await this.organizations.assertOwned(userId, input.organizationId, null);
      out.organizationId = input.organizationId;
    }
    if (input.interviewId) {
      // Asked in an interview: it belongs to that organization and stage type unless the user says otherwise.
      const { organizationId, stageType } = await this.relatedTo(userId, input.interviewId);
      out.interviewId = input.interviewId;
      if (input.organizationId === undefined) out.organizationId = organizationId;
      else if (input.organizationId !== organizationId) problems.push({ field: 'organizationId', problem: "must be the interview's organization (or be left out)" });
      if (input.stageType === undefined) out.stageType = stageType;
    } else if (input.interviewId === null) {
      out.interviewId = null;
    }
    if (input.source === 'interview' && !(out.interviewId ?? current?.interviewId)) problems.push({ field: 'interviewId', problem: 'is required when the source is an interview' });
    if (problems.length) throw new InvalidStudyInputError('question', problems);
    return out;
  }
}
