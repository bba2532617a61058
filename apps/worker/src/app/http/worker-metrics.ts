import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/** How a job's run ended: done, failed (an attempt used up), or put back to wait (busy source, store outage). */
export type JobOutcome = 'completed' | 'failed' | 'delayed';

/** Jobs take from milliseconds (a gate evaluation) to many minutes (a large sync). */
const JOB_BUCKETS = [0.05, 0.1, 0.5, 1, 5, 15, 60, 300, 900, 3600];
/** A day's rollup refresh takes tens of ms; a first refresh of years of events, minutes. */
const REFRESH_BUCKETS = [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300];

/**
 * The worker's Prometheus metrics, one registry per worker (served by WorkerHttpServer at /metrics): default
 * process metrics, job durations by queue and outcome, events stored by connector type and rollup refresh
 * durations. Labels name queues, outcomes and connector types only, never an organisation or a person.
 */
@Injectable()
export class WorkerMetrics {
  readonly registry = new Registry();

  private readonly jobDuration = new Histogram({
    name: 'uptake_job_duration_seconds',
    help: 'Duration of one run of a job (an attempt) by queue and outcome',
    labelNames: ['queue', 'outcome'] as const,
    buckets: JOB_BUCKETS,
    registers: [this.registry],
  });

  private readonly eventsIngested = new Counter({
    name: 'uptake_events_ingested_total',
    help: 'Activity events stored (new, not duplicates) by sync runs that succeeded, by connector type',
    labelNames: ['connector_type'] as const,
    registers: [this.registry],
  });

  private readonly rollupRefresh = new Histogram({
    name: 'uptake_rollup_refresh_seconds',
    help: 'Duration of one KPI rollup refresh (the days a sync touched, of one organisation)',
    buckets: REFRESH_BUCKETS,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  jobFinished(queue: string, outcome: JobOutcome, seconds: number): void {
    this.jobDuration.observe({ queue, outcome }, seconds);
  }

  /** A sync run succeeded having stored `inserted` new events (over all its attempts). */
  syncRunSucceeded(connectorType: string, inserted: number): void {
    this.eventsIngested.inc({ connector_type: connectorType }, inserted);
  }

  rollupsRefreshed(milliseconds: number): void {
    this.rollupRefresh.observe(milliseconds / 1000);
  }

  async scrape(): Promise<{ contentType: string; text: string }> {
    return { contentType: this.registry.contentType, text: await this.registry.metrics() };
  }
}
