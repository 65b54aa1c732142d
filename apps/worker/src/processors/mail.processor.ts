import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { type Job, UnrecoverableError } from 'bullmq';
import { JobData, JobName, QueueName } from '#domain/jobs/index';
import { MailNotSentError, MailService } from '#domain/mail/index';

type MailJobName = typeof JobName.SendMail | typeof JobName.SendDueBriefingMails;
export type MailJob = Job<JobData<MailJobName>, unknown, MailJobName>;

/** Hands mail to the SMTP server, retrying what it refuses for now; a 5xx refusal fails the job at once. */
@Processor(QueueName.Mail, { concurrency: 4 })
export class MailProcessor extends WorkerHost {
  private readonly logger = new Logger(MailProcessor.name);

  constructor(private readonly mail: MailService) {
    super();
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
        return { queued: 0 };
      default:
        this.logger.error(`mail queue received an unknown job: ${String((job as Job).name)}`);
        throw new UnrecoverableError(`mail queue received an unknown job: ${String((job as Job).name)}`);
    }
  }
}
