import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { enqueueSyncRun, QUEUES, type UptakeQueue } from '@uptake/queues';

/** Producer side of the sync queue: scheduler ticks hand their run over, the reconciler re-queues runs. */
@Injectable()
export class SyncQueue {
  constructor(@InjectQueue(QUEUES.sync) readonly queue: UptakeQueue<'sync'>) {}

  enqueue(
    run: { id: string; organisationId: string; sourceId: string },
    options: { replaceFinished?: boolean } = {},
  ): Promise<void> {
    return enqueueSyncRun(this.queue, run, options);
  }
}
