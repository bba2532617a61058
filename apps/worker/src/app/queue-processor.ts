import { WorkerHost } from '@nestjs/bullmq';
import { Inject, Optional, type BeforeApplicationShutdown } from '@nestjs/common';
import type { Job } from 'bullmq';
import { JobObserver } from './http/job-observer';

/**
 * A queue's processor (its BullMQ worker is made by @nestjs/bullmq from the @Processor decorator). At
 * shutdown (SIGTERM, app.close()) the worker takes no new job and its running jobs finish first: before any
 * onApplicationShutdown hook closes the queues, Redis clients or the database they still need.
 *
 * Subclasses implement `handle`; `process` runs it through the JobObserver (log context with the job and its
 * request id, job duration metrics), the same for every queue.
 */
export abstract class QueueProcessor extends WorkerHost implements BeforeApplicationShutdown {
  // Property injection keeps the subclasses' constructors as they are; optional for processors built by hand.
  @Optional() @Inject(JobObserver) private readonly observer?: JobObserver;

  /** One run (attempt) of a job. */
  protected abstract handle(job: Job, token?: string): Promise<unknown>;

  override process(job: Job, token?: string): Promise<unknown> {
    return this.observer ? this.observer.run(job, () => this.handle(job, token)) : this.handle(job, token);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.worker.close();
  }
}
