import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { RollupRefreshRequest } from '@uptake/persistence';
import { enqueueRollupRefresh, QUEUES, type UptakeQueue } from '@uptake/queues';

/**
 * Producer side of the recompute queue in the worker: a finished sync, and the reconciler, queue the refresh
 * of a request recorded in rollup_refresh_requests (job id from the request, see rollupRefreshJobId).
 */
@Injectable()
export class RecomputeQueue {
  constructor(@InjectQueue(QUEUES.recompute) readonly queue: UptakeQueue<'recompute'>) {}

  /** Queues the request's refresh; a no-op when its job is in the queue already (in any state). */
  refresh(request: RollupRefreshRequest): Promise<void> {
    return enqueueRollupRefresh(this.queue, request);
  }
}
