import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig, JobQueue, NotFoundError } from '#platform';
import { Briefing, BriefingPdfRenderer, BriefingsService } from '../briefings/index';
import { InterviewsService } from '../interviews/index';
import { DossierJobs, JobName } from '../jobs/index';
import { formatInstant } from '../shared/dates';
import { MailService } from './mail.service';
import { MAX_BRIEFING_LEAD_HOURS, type MailAttachment } from './mail.types';

/** The scheduler of the tick that mails briefings. */
export const BRIEFING_MAILS_SCHEDULER_ID = 'mail-briefings-due';
const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

/** The key that sends an interview's briefing once per start time: a moved interview is mailed again. */
export const briefingMailKey = (interviewId: string, startsAt: Date): string => `briefing:${interviewId}:${startsAt.toISOString()}`;

/**
 * The briefing in the inbox, the account's lead time before each interview: the HTML in the body,
 * the Markdown as the text part, the PDF attached where the server has Chromium. A periodic tick
 * (BRIEFING_CHECK_EVERY_MINUTES) rather than one delayed job per interview: interviews move, are
 * deleted and have their lead time changed, and a tick reads them as they are now, so nothing needs
 * to be found and rescheduled; the mail log's dedupe key (interview and start time) sends each once.
 */
@Injectable()
export class BriefingMailService {
  private readonly logger = new Logger(BriefingMailService.name);

  constructor(
    private readonly mail: MailService,
    private readonly interviews: InterviewsService,
    private readonly briefings: BriefingsService,
    private readonly pdf: BriefingPdfRenderer,
    private readonly jobs: JobQueue<DossierJobs>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * The tick: for every interview inside its account's lead time and not mailed for its current
   * start, the latest briefing made for that start is mailed; one that is missing or older (the
   * interview moved, or it was made long before) is asked for, and mailed on a later tick once ready.
   */
  async sendDue(now = new Date()): Promise<{ sent: number; waiting: number }> {
    if (!this.mail.status().enabled) return { sent: 0, waiting: 0 };
    const coming = await this.interviews.startingBetween(now, new Date(now.getTime() + MAX_BRIEFING_LEAD_HOURS * HOUR_MS));
    if (!coming.length) return { sent: 0, waiting: 0 };
    const settings = new Map((await this.mail.mailSettings(coming.map((i) => i.userId))).map((s) => [s.userId, s]));
    const due = coming.filter((i) => {
      const s = settings.get(i.userId);
      return s?.kinds.briefing && i.startsAt.getTime() - s.briefingLeadHours * HOUR_MS <= now.getTime();
    });
    const mailed = await this.mail.sentKeys(due.map((i) => i.userId), due.map((i) => briefingMailKey(i.id, i.startsAt)));
    let sent = 0;
    let waiting = 0;
    for (const interview of due.filter((i) => !mailed.has(`${i.userId} ${briefingMailKey(i.id, i.startsAt)}`))) {
      const lead = settings.get(interview.userId)!.briefingLeadHours;
      try {
        const briefing = await this.latestReady(interview.userId, interview.id);
        if (!briefing || !fresh(briefing, interview.startsAt, lead)) {
          await this.briefings.request(interview.userId, interview.id, 'schedule', interview.startsAt);
          waiting += 1;
          continue;
        }
        if (await this.send(interview.userId, interview, briefing, settings.get(interview.userId)!.timeZone)) sent += 1;
      } catch (e) {
        this.logger.warn(`briefing mail of interview ${interview.id} not sent: ${(e as Error).message}`);
      }
    }
    return { sent, waiting };
  }

  /** Keeps the tick at BRIEFING_CHECK_EVERY_MINUTES while the server sends mail, and removes it when it does not. */
  async reconcileScheduler(): Promise<void> {
    if (!this.mail.status().enabled) {
      await this.jobs.removeSchedule(JobName.SendDueBriefingMails, BRIEFING_MAILS_SCHEDULER_ID);
      return;
    }
    const every = this.config.briefings.checkEveryMinutes * MINUTE_MS;
    const existing = (await this.jobs.listSchedules(JobName.SendDueBriefingMails)).find((s) => s.id === BRIEFING_MAILS_SCHEDULER_ID);
    if (existing?.everyMs !== every) await this.jobs.upsertSchedule(BRIEFING_MAILS_SCHEDULER_ID, every, { name: JobName.SendDueBriefingMails, data: {} });
  }

  private async send(userId: string, interview: { id: string; startsAt: Date }, briefing: Briefing, timeZone: string): Promise<boolean> {
    const content = briefing.content!;
    const where = content.organization ? ` at ${content.organization.name}` : '';
    const when = formatInstant(interview.startsAt, timeZone);
    const attachments: MailAttachment[] = [];
    let note = '';
    try {
      attachments.push({ filename: `briefing-${slug(content.interview.stage.name + where)}-v${briefing.version}.pdf`, contentType: 'application/pdf', content: await this.pdf.render(briefing.html!) });
    } catch (e) {
      note = `(No PDF attached: ${(e as Error).message})\n\n`;
    }
    const sent = await this.mail.send(userId, {
      kind: 'briefing',
      subject: `Briefing: ${content.interview.stage.name}${where}, ${when}`,
      text: `${note}${briefing.markdown!}`,
      html: briefing.html!,
      attachments,
      dedupeKey: briefingMailKey(interview.id, interview.startsAt),
    });
    return sent !== null;
  }

  private async latestReady(userId: string, interviewId: string): Promise<Briefing | null> {
    try {
      return await this.briefings.latest(userId, interviewId);
    } catch (e) {
      if (e instanceof NotFoundError) return null;
      throw e;
    }
  }
}

/** Made for the interview's current start, and no earlier than an hour before its lead time began. */
function fresh(briefing: Briefing, startsAt: Date, leadHours: number): boolean {
  const madeFor = briefing.content ? new Date(briefing.content.interview.startsAt).getTime() : NaN;
  const made = briefing.generatedAt?.getTime() ?? 0;
  return briefing.html !== null && briefing.markdown !== null && madeFor === startsAt.getTime() && made >= startsAt.getTime() - (leadHours + 1) * HOUR_MS;
}

function slug(text: string): string {
  return text.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'interview';
}
