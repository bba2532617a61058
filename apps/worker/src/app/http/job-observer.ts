import { Inject, Injectable } from '@nestjs/common';
import { loggerOptions, type ResolvedConfig } from '@uptake/config';
import { runWithRequestId, type TracedJob } from '@uptake/queues';
import { DelayedError, type Job } from 'bullmq';
import { PinoLogger } from 'nestjs-pino';
import { UPTAKE_CONFIG } from '../config.tokens';
import { WorkerMetrics, type JobOutcome } from './worker-metrics';

/**
 * Wraps every run of a job (QueueProcessor.process): its log lines carry the job (queue, id, name) and the
 * id of the API request that queued it (`requestId`), the jobs it queues carry that id on, and its duration
 * is recorded by queue and outcome.
 */
@Injectable()
export class JobObserver {
  /** Only for runInContext: log lines inside it go through the worker's one root logger with these bindings. */
  private readonly logContext: PinoLogger;

  constructor(
    private readonly metrics: WorkerMetrics,
    @Inject(UPTAKE_CONFIG) config: ResolvedConfig,
  ) {
    this.logContext = new PinoLogger({ pinoHttp: loggerOptions(config) });
  }

  async run<T>(job: Job<TracedJob>, work: () => Promise<T>): Promise<T> {
    const started = performance.now();
    const requestId = job.data?.requestId;
    const bindings = {
      job: { queue: job.queueName, id: job.id, name: job.name },
      ...(requestId ? { requestId } : {}),
    };
    let outcome: JobOutcome = 'failed';
    try {
      const result = await this.logContext.runInContext(
        () => (requestId ? runWithRequestId(requestId, work) : work()),
        { bindings },
      );
      outcome = 'completed';
      return result;
    } catch (error) {
      if (error instanceof DelayedError) outcome = 'delayed';
      throw error;
    } finally {
      this.metrics.jobFinished(job.queueName, outcome, (performance.now() - started) / 1000);
    }
  }
}
