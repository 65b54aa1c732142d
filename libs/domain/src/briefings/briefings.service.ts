import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig, JobQueue, NotFoundError } from '#platform';
import { InterviewsService } from '../interviews/index';
import { DomainEvents, DossierJobs, JobName } from '../jobs/index';
import { BriefingAssembler } from './briefing-assembler';
import { briefingChanges } from './briefing-changes';
import type { BriefingContent } from './briefing-content';
import { renderBriefingHtml } from './briefing-html';
import { renderBriefingMarkdown } from './briefing-markdown';
import { Briefing, BriefingTrigger } from './briefing.entity';
import { BriefingsRepository } from './briefings.repository';

/** The scheduler that looks for interviews coming up without a briefing. */
export const DUE_BRIEFINGS_SCHEDULER_ID = 'briefings-due';
const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

export interface BriefingPage {
  items: Briefing[];
  total: number;
  limit: number;
  offset: number;
}

/**
 * Pre-interview briefings. Asking for one (or the schedule, BRIEFING_HOURS_BEFORE before each
 * interview) adds a numbered version in `queued` and a BullMQ job; the worker assembles the facts,
 * renders Markdown and HTML, and records what changed since the previous ready version.
 */
@Injectable()
export class BriefingsService {
  private readonly logger = new Logger(BriefingsService.name);

  constructor(
    private readonly briefings: BriefingsRepository,
    private readonly interviews: InterviewsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jobs: JobQueue<DossierJobs>,
    private readonly assembler: BriefingAssembler,
    private readonly events: DomainEvents,
  ) {}

  /**
   * Asks for a new version. While one is still queued or being generated, that one is answered
   * instead of queueing another (`created: false`).
   */
  async request(userId: string, interviewId: string, trigger: BriefingTrigger = 'manual', forStartsAt: Date | null = null): Promise<{ briefing: Briefing; created: boolean }> {
    const { briefing, created } = await this.briefings.transaction(async (em) => {
      // The interview row is the lock that numbers versions one at a time.
      if (!(await this.interviews.lock(em, userId, interviewId))) throw new NotFoundError('interview', interviewId);
      const pending = await this.briefings.pending(em, interviewId);
      if (pending) return { briefing: pending, created: false };
      const next = await this.briefings.nextVersion(em, interviewId);
      const row = await this.briefings.insert(em, { userId, interviewId, version: next, trigger, status: 'queued', forStartsAt, content: null, markdown: null, html: null, changes: [], error: null, generatedAt: null });
      return { briefing: row, created: true };
    });
    if (created) {
      try {
        await this.jobs.enqueue({ name: JobName.GenerateBriefing, data: { briefingId: briefing.id } });
      } catch (e) {
        await this.briefings.update(briefing.id, { status: 'failed', error: `could not be queued: ${(e as Error).message}` });
        throw e;
      }
    }
    return { briefing, created };
  }

  /** The worker's half: assembles, renders and stores one version. A briefing already done is left alone. */
  async generate(briefingId: string, now = new Date()): Promise<Briefing | null> {
    const briefing = await this.briefings.findById(briefingId);
    if (!briefing || briefing.status === 'ready' || briefing.status === 'failed') return briefing;
    await this.briefings.update(briefing.id, { status: 'generating' });
    const content = await this.assembler.assemble(briefing.userId, briefing.interviewId, now);
    const previous = await this.briefings.previousReady(briefing.interviewId, briefing.version);
    const changes = previous?.content ? this.changesSince(previous, content) : [];
    const meta = { version: briefing.version, changes: previous && changes.length === 0 ? ['Nothing you would notice changed since the previous version.'] : changes };
    const markdown = renderBriefingMarkdown(content, meta);
    const title = `Briefing: ${content.interview.stage.name}${content.organization ? ` at ${content.organization.name}` : ''} (v${briefing.version})`;
    const html = renderBriefingHtml(markdown, title);
    await this.briefings.update(briefing.id, { status: 'ready', content, markdown, html, changes, error: null, generatedAt: new Date() });
    await this.events.publish(briefing.userId, 'briefing.ready', { briefingId: briefing.id, interviewId: briefing.interviewId, version: briefing.version, trigger: briefing.trigger });
    return this.briefings.findById(briefing.id);
  }

  /**
   * What changed since the previous version. That version's facts may lack some this one compares
   * (an imported document's, edited by hand): the briefing is still made, and says so.
   */
  private changesSince(previous: Briefing, content: BriefingContent): string[] {
    try {
      return briefingChanges(previous.content!, content);
    } catch (e) {
      this.logger.warn(`briefing ${previous.id}: not compared with the new version: ${(e as Error).message}`);
      return [`Not compared with version ${previous.version}: its facts could not be read.`];
    }
  }

  /** Records a generation that will not succeed (its last attempt failed, or the interview is gone). */
  async fail(briefingId: string, message: string): Promise<void> {
    await this.briefings.update(briefingId, { status: 'failed', error: message });
  }

  async list(userId: string, interviewId: string, page: { limit?: number; offset?: number } = {}): Promise<BriefingPage> {
    if (!(await this.interviews.exists(userId, interviewId))) throw new NotFoundError('interview', interviewId);
    const limit = page.limit ?? 50;
    const offset = page.offset ?? 0;
    const [items, total] = await this.briefings.page(userId, interviewId, limit, offset);
    return { items, total, limit, offset };
  }

  async get(userId: string, id: string): Promise<Briefing> {
    const briefing = await this.briefings.findOwned(userId, id);
    if (!briefing) throw new NotFoundError('briefing', id);
    return briefing;
  }

  /** The latest ready version of an interview's briefing. */
  async latest(userId: string, interviewId: string): Promise<Briefing> {
    const briefing = await this.briefings.latestReady(userId, interviewId);
    if (!briefing) throw new NotFoundError('briefing', undefined);
    return briefing;
  }

  /**
   * The scheduler's tick: a briefing for every interview starting within BRIEFING_HOURS_BEFORE that
   * has none made for its current start time (so a moved interview gets a fresh one).
   */
  async generateDue(now = new Date()): Promise<{ queued: number }> {
    const soon = await this.interviews.startingBetween(now, new Date(now.getTime() + this.config.briefings.hoursBefore * HOUR_MS));
    const made = await this.briefings.scheduledFor(soon);
    let queued = 0;
    for (const interview of soon.filter((i) => !made.has(i.id))) {
      try {
        if ((await this.request(interview.userId, interview.id, 'schedule', interview.startsAt)).created) queued += 1;
      } catch (e) {
        this.logger.warn(`briefing of interview ${interview.id} not queued: ${(e as Error).message}`);
      }
    }
    return { queued };
  }

  /** Keeps the one scheduler at BRIEFING_CHECK_EVERY_MINUTES (a worker calls this when it starts). */
  async reconcileScheduler(): Promise<void> {
    const every = this.config.briefings.checkEveryMinutes * MINUTE_MS;
    const existing = (await this.jobs.listSchedules(JobName.GenerateDueBriefings)).find((s) => s.id === DUE_BRIEFINGS_SCHEDULER_ID);
    if (existing?.everyMs !== every) await this.jobs.upsertSchedule(DUE_BRIEFINGS_SCHEDULER_ID, every, { name: JobName.GenerateDueBriefings, data: {} });
  }
}
