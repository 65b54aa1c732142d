import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { APP_CONFIG, AppConfig, JobQueue, NotFoundError } from '#platform';
import { DossierJobs, JobName } from '../jobs/index';
import { BriefingAssembler } from './briefing-assembler';
import { briefingChanges } from './briefing-changes';
import type { BriefingContent } from './briefing-content';
import { renderBriefingHtml } from './briefing-html';
import { renderBriefingMarkdown } from './briefing-markdown';
import { Briefing, BriefingTrigger } from './briefing.entity';

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
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(Briefing) private readonly briefings: Repository<Briefing>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jobs: JobQueue<DossierJobs>,
    private readonly assembler: BriefingAssembler,
  ) {}

  /**
   * Asks for a new version. While one is still queued or being generated, that one is answered
   * instead of queueing another (`created: false`).
   */
  async request(userId: string, interviewId: string, trigger: BriefingTrigger = 'manual', forStartsAt: Date | null = null): Promise<{ briefing: Briefing; created: boolean }> {
    const { briefing, created } = await this.dataSource.transaction(async (em) => {
      // The interview row is the lock that numbers versions one at a time.
      const found = (await em.query('SELECT id FROM interviews WHERE id = $1 AND user_id = $2 FOR UPDATE', [interviewId, userId])) as unknown[];
      if (found.length === 0) throw new NotFoundError('interview', interviewId);
      const pending = await em.findOne(Briefing, { where: [{ interviewId, status: 'queued' }, { interviewId, status: 'generating' }], order: { version: 'DESC' } });
      if (pending) return { briefing: pending, created: false };
      const [{ next }] = (await em.query('SELECT coalesce(max(version), 0) + 1 AS next FROM briefings WHERE interview_id = $1', [interviewId])) as { next: number }[];
      const row = em.create(Briefing, { userId, interviewId, version: next, trigger, status: 'queued', forStartsAt, content: null, markdown: null, html: null, changes: [], error: null, generatedAt: null });
      await em.insert(Briefing, row);
      return { briefing: row, created: true };
    });
    if (created) {
      try {
        await this.jobs.enqueue({ name: JobName.GenerateBriefing, data: { briefingId: briefing.id } });
      } catch (e) {
        await this.briefings.update({ id: briefing.id }, { status: 'failed', error: `could not be queued: ${(e as Error).message}` });
        throw e;
      }
    }
    return { briefing, created };
  }

  /** The worker's half: assembles, renders and stores one version. A briefing already done is left alone. */
  async generate(briefingId: string, now = new Date()): Promise<Briefing | null> {
    const briefing = await this.briefings.findOneBy({ id: briefingId });
    if (!briefing || briefing.status === 'ready' || briefing.status === 'failed') return briefing;
    await this.briefings.update({ id: briefing.id }, { status: 'generating' });
    const content = await this.assembler.assemble(briefing.userId, briefing.interviewId, now);
    const previous = await this.dataSource
      .getRepository(Briefing)
      .createQueryBuilder('b')
      .where('b.interview_id = :interviewId AND b.status = :ready AND b.version < :version', { interviewId: briefing.interviewId, ready: 'ready', version: briefing.version })
      .orderBy('b.version', 'DESC')
      .getOne();
    const changes = previous?.content ? this.changesSince(previous, content) : [];
    const meta = { version: briefing.version, changes: previous && changes.length === 0 ? ['Nothing you would notice changed since the previous version.'] : changes };
    const markdown = renderBriefingMarkdown(content, meta);
    const title = `Briefing: ${content.interview.stage.name}${content.organization ? ` at ${content.organization.name}` : ''} (v${briefing.version})`;
    const html = renderBriefingHtml(markdown, title);
    await this.briefings.update({ id: briefing.id }, { status: 'ready', content, markdown, html, changes, error: null, generatedAt: new Date() });
    return this.briefings.findOneBy({ id: briefing.id });
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
    await this.briefings.update({ id: briefingId }, { status: 'failed', error: message });
  }

  async list(userId: string, interviewId: string, page: { limit?: number; offset?: number } = {}): Promise<BriefingPage> {
    const found = (await this.dataSource.query('SELECT 1 FROM interviews WHERE id = $1 AND user_id = $2', [interviewId, userId])) as unknown[];
    if (found.length === 0) throw new NotFoundError('interview', interviewId);
    const limit = page.limit ?? 50;
    const offset = page.offset ?? 0;
    const [items, total] = await this.briefings.findAndCount({
      where: { userId, interviewId },
      order: { version: 'DESC' },
      take: limit,
      skip: offset,
      select: { id: true, userId: true, interviewId: true, version: true, trigger: true, status: true, forStartsAt: true, changes: true, error: true, createdAt: true, generatedAt: true },
    });
    return { items, total, limit, offset };
  }

  async get(userId: string, id: string): Promise<Briefing> {
    const briefing = await this.briefings.findOneBy({ id, userId });
    if (!briefing) throw new NotFoundError('briefing', id);
    return briefing;
  }

  /** The latest ready version of an interview's briefing. */
  async latest(userId: string, interviewId: string): Promise<Briefing> {
    const briefing = await this.briefings.findOne({ where: { userId, interviewId, status: 'ready' }, order: { version: 'DESC' } });
    if (!briefing) throw new NotFoundError('briefing', undefined);
    return briefing;
  }

  /**
   * The scheduler's tick: a briefing for every interview starting within BRIEFING_HOURS_BEFORE that
   * has none made for its current start time (so a moved interview gets a fresh one).
   */
  async generateDue(now = new Date()): Promise<{ queued: number }> {
    const due = (await this.dataSource.query(
      `SELECT i.id, i.user_id, i.starts_at FROM interviews i
        WHERE i.starts_at > $1 AND i.starts_at <= $2 AND i.outcome <> 'cancelled'
          AND NOT EXISTS (SELECT 1 FROM briefings b WHERE b.interview_id = i.id AND b.trigger = 'schedule' AND b.for_starts_at = i.starts_at)
        ORDER BY i.starts_at`,
      [now, new Date(now.getTime() + this.config.briefings.hoursBefore * HOUR_MS)],
    )) as { id: string; user_id: string; starts_at: Date }[];
    let queued = 0;
    for (const interview of due) {
      try {
        if ((await this.request(interview.user_id, interview.id, 'schedule', interview.starts_at)).created) queued += 1;
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
