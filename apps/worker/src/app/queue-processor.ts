import { WorkerHost } from '@nestjs/bullmq';
import type { BeforeApplicationShutdown } from '@nestjs/common';

/**
 * A queue's processor (its BullMQ worker is made by @nestjs/bullmq from the @Processor decorator). At
 * shutdown (SIGTERM, app.close()) the worker takes no new job and its running jobs finish first: before any
 * onApplicationShutdown hook closes the queues, Redis clients or the database they still need.
 */
export abstract class QueueProcessor extends WorkerHost implements BeforeApplicationShutdown {
  async beforeApplicationShutdown(): Promise<void> {
    await this.worker.close();
  }
}
