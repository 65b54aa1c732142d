import { Processor, WorkerHost } from '@nestjs/bullmq';
import { BeforeApplicationShutdown, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { type Job, UnrecoverableError } from 'bullmq';
import { JobData, JobName, QueueName } from '#domain/jobs/index';
import { BriefingMailService, MailNotSentError, MailService } from '#domain/mail/index';

type MailJobName = typeof JobName.SendMail | typeof JobName.SendDueBriefingMails;
export type MailJob = Job<JobData<MailJobName>, unknown, MailJobName>;

/** Hands mail to the SMTP server, retrying what it refuses for now; a 5xx refusal fails the job at once. */
@Processor(QueueName.Mail, { concurrency: 4 })
export class MailProcessor extends WorkerHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(MailProcessor.name);
  private stopping = false;

  constructor(
    private readonly mail: MailService,
    private readonly briefingMail: BriefingMailService,
  ) {
    super();
  }

  /** Every worker start keeps the briefing mail tick at the configured pace (or removes it when mail is off). */
  onApplicationBootstrap(): void {
    void this.briefingMail.reconcileScheduler().catch((e: unknown) => {
      if (!this.stopping) this.logger.error(`briefing mail scheduler not reconciled: ${(e as Error).message}`);
    });
  }

  beforeApplicationShutdown(): void {
    this.stopping = true;
  }

  async process(job: MailJob): Promise<unknown> {
    switch (job.name) {
      case JobName.SendMail: {
        const { mailId, sealed } = job.data as JobData<typeof JobName.SendMail>;
        try {
          return { status: await this.mail.deliver(mailId, sealed, job.attemptsMade + 1, job.opts.attempts ?? 1) };
        } catch (e) {
          // Failed for good: the queue dashboard shows the job failed, the user's log says why.
          if (e instanceof MailNotSentError && e.final) throw new UnrecoverableError(e.message);
          throw e;
        }
      }
      case JobName.SendDueBriefingMails:
        return this.briefingMail.sendDue();
      default:
        this.logger.error(`mail queue received an unknown job: ${String((job as Job).name)}`);
        throw new UnrecoverableError(`mail queue received an unknown job: ${String((job as Job).name)}`);
    }
  }
}
