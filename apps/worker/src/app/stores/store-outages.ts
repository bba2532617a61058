import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { unavailableStore, type UnavailableStore } from '@uptake/queues';
import { UnrecoverableError } from 'bullmq';
import type { DataSource } from 'typeorm';
import { SyncQueue } from '../sync/sync-queue';

const PROBE_TIMEOUT_MS = 2_000;

/**
 * Tells whether an error means Postgres or Redis is unavailable. Errors that say so themselves (SQLSTATE,
 * pg and ioredis messages) are believed. Two kinds count only when a store does not answer a probe right
 * now: a bare socket error (it may come from a connector's HTTP call), and TypeORM's "query runner already
 * released" (TypeORM releases a query runner whose connection broke, so the pipeline's next statement on it
 * fails like this — but so would a bug).
 */
@Injectable()
export class StoreOutages {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly syncQueue: SyncQueue,
  ) {}

  async classify(error: unknown): Promise<Exclude<UnavailableStore, 'network'> | null> {
    if (error instanceof UnrecoverableError) return null;
    const store = unavailableStore(error);
    if (store && store !== 'network') return store;
    if (!store && (error as { name?: unknown })?.name !== 'QueryRunnerAlreadyReleasedError') return null;
    const [postgres, redis] = await Promise.all([
      answers(() => this.dataSource.query('SELECT 1')),
      answers(() => this.syncQueue.queue.count()),
    ]);
    return !postgres ? 'postgres' : !redis ? 'redis' : null;
  }
}

async function answers(check: () => Promise<unknown>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('no answer')), PROBE_TIMEOUT_MS);
      }),
    ]);
    return true;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
