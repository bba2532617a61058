import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { QUEUES, withTimeout, PROBE_TIMEOUT_MS, type QueueName } from '@uptake/queues';
import type { Queue } from 'bullmq';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** The job states a queue gauge reports (what BullMQ's getJobCounts calls them). */
export const QUEUE_JOB_STATES = ['waiting', 'active', 'delayed', 'failed', 'completed'] as const;

/** Route label of a request no route matched (404s, requests refused before routing): one series, not one per URL. */
export const UNMATCHED_ROUTE = '(unmatched)';

/** Request durations from 5 ms (a cached KPI) to 30 s (a large upload); Prometheus's defaults stop at 10 s. */
const HTTP_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** `2xx`, `4xx`, …: the status class keeps the label set small; the exact code is in the logs. */
export function statusClass(status: number): string {
  return `${Math.floor(status / 100)}xx`;
}

/**
 * The API's Prometheus metrics, one registry per process (so several API instances in one test process do
 * not mix): default process metrics, request durations by route pattern, queue sizes read at scrape time,
 * and KPI report cache lookups. Nothing here names a person or an organisation: labels are routes, queues,
 * states and status classes only.
 */
@Injectable()
export class ApiMetrics {
  private readonly logger = new Logger(ApiMetrics.name);
  readonly registry = new Registry();

  private readonly httpDuration = new Histogram({
    name: 'uptake_http_request_duration_seconds',
    help: 'API request duration by method, route pattern and status class',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: HTTP_BUCKETS,
    registers: [this.registry],
  });

  private readonly kpiCacheRequests = new Counter({
    name: 'uptake_kpi_cache_requests_total',
    help: 'KPI report cache lookups by result (hit: the process memory, snapshot: the shared table, miss: computed)',
    labelNames: ['result'] as const,
    registers: [this.registry],
  });

  constructor(
    @InjectQueue(QUEUES.sync) sync: Queue,
    @InjectQueue(QUEUES.recompute) recompute: Queue,
    @InjectQueue(QUEUES.rollouts) rollouts: Queue,
    @InjectQueue(QUEUES.notifications) notifications: Queue,
  ) {
    collectDefaultMetrics({ register: this.registry });
    const queues: Record<QueueName, Queue> = { sync, recompute, rollouts, notifications };
    // A Redis outage is reported by the scrape (below) and by /api/health/ready, not by every reconnect.
    for (const queue of Object.values(queues)) queue.on('error', () => undefined);
    const logger = this.logger;
    new Gauge({
      name: 'uptake_queue_jobs',
      help: 'Jobs per queue and state, read from BullMQ when scraped (missing when Redis does not answer)',
      labelNames: ['queue', 'state'] as const,
      registers: [this.registry],
      // Each queue is read with a time limit: a Redis outage leaves its series out instead of hanging the scrape.
      async collect() {
        this.reset();
        await Promise.all(
          Object.entries(queues).map(async ([name, queue]) => {
            try {
              const counts = await withTimeout(queue.getJobCounts(...QUEUE_JOB_STATES), PROBE_TIMEOUT_MS);
              for (const state of QUEUE_JOB_STATES) this.set({ queue: name, state }, counts[state] ?? 0);
            } catch (error) {
              logger.warn(`queue ${name} not read for metrics: ${(error as Error).message}`);
            }
          }),
        );
      },
    });
  }

  /** Records one finished request under its route pattern (never the raw URL, which holds ids). */
  observeRequest(labels: { method: string; route: string; status: number }, seconds: number): void {
    this.httpDuration.observe(
      { method: labels.method, route: labels.route, status: statusClass(labels.status) },
      seconds,
    );
  }

  /** The KPI report cache's observer (KpiReports option `onCacheLookup`). */
  readonly kpiCacheLookup = (result: 'hit' | 'snapshot' | 'miss'): void => {
    this.kpiCacheRequests.inc({ result });
  };

  /** The exposition text and its content type. */
  async scrape(): Promise<{ contentType: string; text: string }> {
    return { contentType: this.registry.contentType, text: await this.registry.metrics() };
  }
}
