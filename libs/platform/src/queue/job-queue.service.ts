import { getQueueToken } from '@nestjs/bullmq';
import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { FlowProducer, type FlowJob, type JobsOptions, type JobType, type Queue } from 'bullmq';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { JobCatalogue, JobItemOf, JobMap, JobQueue, JobRecord, JobState, ScheduleRecord } from './job-queue.port';
import { mentionsAny, scrubQueueEvents } from './queue-scrub';

/** The job catalogue QueueModule.forRoot was given. */
export const JOB_CATALOGUE = Symbol('JOB_CATALOGUE');

/** Every state a job can be listed in; an active job is locked by its worker and cannot be removed. */
const LISTED_STATES: JobType[] = ['wait', 'prioritized', 'delayed', 'waiting-children', 'completed', 'failed', 'active'];
const PAGE = 500;

/**
 * The BullMQ side of the JobQueue port: every job enters a queue through `enqueue` (or
 * `enqueueFlow`, for a parent and its children). `queue()` hands out a raw queue, for the app layer
 * only (processors, the admin dashboard) and tests; the domain speaks through JobQueue.
 */
@Injectable()
export class JobQueueService<M extends JobMap = JobMap> extends JobQueue<M> implements OnModuleInit, BeforeApplicationShutdown, OnApplicationShutdown {
  private flows?: FlowProducer;
  private stopping = false;
  private readonly logger = new Logger(JobQueueService.name);

  constructor(
    private readonly moduleRef: ModuleRef,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(JOB_CATALOGUE) private readonly catalogue: JobCatalogue<M>,
  ) {
    super();
  }

  queue(name: string): Queue {
    return this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
  }

  async enqueue(item: JobItemOf<M>): Promise<string> {
    const job = await this.queueOf(item.name).add(item.name, item.data, this.options(item));
    return job.id ?? '';
  }

  async enqueueFlow(parent: JobItemOf<M>, children: JobItemOf<M>[]): Promise<string> {
    const flow: FlowJob = {
      name: parent.name,
      queueName: this.catalogue.queueOf(parent.name),
      data: parent.data,
      opts: this.options(parent),
      children: children.map((child) => ({ name: child.name, queueName: this.catalogue.queueOf(child.name), data: child.data, opts: this.options(child) })),
    };
    const node = await this.flowProducer().add(flow);
    return node.job.id ?? '';
  }

  async upsertSchedule(scheduleId: string, everyMs: number, item: JobItemOf<M>, firstInMs = 0): Promise<void> {
    const { jobId: _id, ...opts } = this.options(item);
    await this.queueOf(item.name).upsertJobScheduler(
      scheduleId,
      { every: everyMs, ...(firstInMs > 0 ? { startDate: Date.now() + firstInMs } : {}) },
      { name: item.name, data: item.data, opts },
    );
  }

  async removeSchedule(name: keyof M & string, scheduleId: string): Promise<boolean> {
    return this.queueOf(name).removeJobScheduler(scheduleId);
  }

  async listSchedules(name: keyof M & string): Promise<ScheduleRecord[]> {
    const all = await this.queueOf(name).getJobSchedulers(0, -1);
    return all.filter((s) => s.name === name).map((s) => ({ id: s.key, everyMs: s.every === undefined ? null : Number(s.every) }));
  }

  async findJob<N extends keyof M & string>(name: N, jobId: string): Promise<JobRecord<M[N]> | null> {
    const job = await this.queueOf(name).getJob(jobId);
    if (!job) return null;
    return {
      id: job.id ?? jobId,
      data: job.data as M[N],
      progress: job.progress,
      finished: Boolean(job.finishedOn),
      failedReason: job.failedReason || null,
      returnValue: job.returnvalue,
    };
  }

  async jobState(name: keyof M & string, jobId: string): Promise<JobState> {
    return (await this.queueOf(name).getJobState(jobId)) as JobState;
  }

  async removeJob(name: keyof M & string, jobId: string): Promise<void> {
    await (await this.queueOf(name).getJob(jobId))?.remove();
  }

  async removeJobsMentioning(needles: string[], alsoWhen: (data: unknown) => boolean = () => false): Promise<{ removed: number; left: number }> {
    const wanted = needles.map((n) => n.trim().toLowerCase()).filter((n) => n.length > 0);
    let removed = 0;
    let left = 0;
    for (const name of this.catalogue.queues) {
      const queue = this.queue(name);
      const matching = new Set<string>();
      for (const state of LISTED_STATES) {
        for (let start = 0; ; start += PAGE) {
          const jobs = await queue.getJobs([state], start, start + PAGE - 1, true);
          for (const job of jobs) {
            if (job?.id && (mentionsAny([job.name, job.data, job.progress, job.returnvalue, job.failedReason, job.stacktrace], wanted) || alsoWhen(job.data))) matching.add(job.id);
          }
          if (jobs.length < PAGE) break;
        }
      }
      for (const id of matching) {
        try {
          if ((await queue.remove(id, { removeChildren: true })) === 1) removed += 1;
          else left += 1;
        } catch (e) {
          left += 1;
          this.logger.warn(`job ${name}/${id} matched for removal but could not be removed: ${(e as Error).message}`);
        }
      }
    }
    await scrubQueueEvents(this.config.queue, [...this.catalogue.queues], wanted);
    return { removed, left };
  }

  /** Reachable backend check for /health/ready: a cheap read on every queue. */
  async ping(): Promise<void> {
    await Promise.all(this.catalogue.queues.map((name) => this.queue(name).getJobCounts('waiting')));
  }

  onModuleInit(): void {
    for (const name of this.catalogue.queues) this.reportErrors(this.queue(name), `queue ${name}`);
  }

  beforeApplicationShutdown(): void {
    this.stopping = true;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.flows?.close();
  }

  /**
   * A BullMQ queue or worker without an 'error' listener prints every connection error's whole stack
   * to stderr (its last resort), as when the database stops first on Ctrl-C. Each is reported here as
   * one log line instead: a warning, or only at debug level while this process is stopping anyway.
   * BullMQ reconnects by itself.
   */
  reportErrors(emitter: { on(event: 'error', listener: (error: Error) => void): unknown }, label: string): void {
    emitter.on('error', (error: Error & { code?: string }) => {
      const closed = error.code === '57P01' || error.code === 'ECONNRESET' || /Connection terminated|connection closed/i.test(error.message);
      const line = `${label}: ${closed ? 'the connection to the queue backend closed' : error.message}${error.code ? ` (${error.code})` : ''}`;
      if (this.stopping && closed) this.logger.debug(line);
      else this.logger.warn(line);
    });
  }

  private queueOf(name: keyof M & string): Queue {
    return this.queue(this.catalogue.queueOf(name));
  }

  private options(item: JobItemOf<M>): JobsOptions {
    return this.catalogue.policy(item, this.config);
  }

  /** Created on first use, on the same connection (and backend) as the registered queues. */
  private flowProducer(): FlowProducer {
    if (!this.flows) {
      const { connection, prefix } = this.queue(this.catalogue.queues[0]).opts;
      this.flows = new FlowProducer({ connection, prefix });
      // A dropped connection is reported, not thrown from an event handler; the next add reconnects.
      this.reportErrors(this.flows, 'flow producer');
    }
    return this.flows;
  }
}
