import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { addJob, JOBS, QUEUES, type UptakeQueue } from '@uptake/queues';

/** Producer side of the recompute queue: a finished sync asks for its days' rollups to be refreshed. */
@Injectable()
export class RecomputeQueue {
  constructor(@InjectQueue(QUEUES.recompute) private readonly queue: UptakeQueue<'recompute'>) {}

  async refresh(organisationId: string, from: Date, to: Date): Promise<void> {
    await addJob(this.queue, JOBS.refreshRollups, {
      organisationId,
      from: from.toISOString(),
      to: to.toISOString(),
    });
  }
}
