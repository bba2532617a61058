import { InjectQueue } from '@nestjs/bullmq';
import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ResolvedConfig } from '@uptake/config';
import type { SyncRunStatus } from '@uptake/contracts';
import { QuarantinedRecord, spoolStoreFor, SyncRun, type SpoolStore } from '@uptake/persistence';
import { QUEUES, type UptakeQueue } from '@uptake/queues';
import { MoreThan, type DataSource, type FindOptionsWhere } from 'typeorm';
import type { Principal } from '../auth/principal';
import { UPTAKE_CONFIG } from '../config/config.module';
import { SourcesService } from './sources.service';
import { spoolUnavailable } from './spool-unavailable';

/** Sync runs across an organisation's sources: history, dead letters, retries and quarantined records. */
@Injectable()
export class SyncRunsService {
  private readonly spool: SpoolStore;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(QUEUES.sync) private readonly syncQueue: UptakeQueue<'sync'>,
    private readonly sources: SourcesService,
    @Inject(UPTAKE_CONFIG) config: ResolvedConfig,
  ) {
    this.spool = spoolStoreFor(config);
  }

  list(
    organisationId: string,
    query: { status?: SyncRunStatus; limit: number; sourceId?: string },
  ): Promise<SyncRun[]> {
    const where: FindOptionsWhere<SyncRun> = { organisationId };
    if (query.sourceId) where.sourceId = query.sourceId;
    if (query.status) where.status = query.status;
    return this.dataSource
      .getRepository(SyncRun)
      .find({ where, order: { createdAt: 'DESC' }, take: query.limit });
  }

  async get(organisationId: string, syncRunId: string): Promise<SyncRun> {
    const run = await this.dataSource.getRepository(SyncRun).findOneBy({ id: syncRunId, organisationId });
    if (!run) throw new NotFoundException(`Sync run ${syncRunId} not found`);
    return run;
  }

  /**
   * Sends a failed run back to the queue. It resumes from its last committed checkpoint, so what it
   * stored before failing is neither lost nor duplicated.
   */
  async retry(organisationId: string, syncRunId: string, principal: Principal): Promise<SyncRun> {
    const run = await this.get(organisationId, syncRunId);
    if (run.status !== 'failed') {
      throw new ConflictException(`Only failed runs can be retried; this one is ${run.status}`);
    }
    if (run.input && !(await this.spoolHolds(run.input.spoolPath))) {
      throw new ConflictException(
        `The file ${run.input.fileName} of this run is no longer kept (SPOOL_FAILED_RETENTION_DAYS after ` +
          'a failure): upload it again',
      );
    }
    // The old (failed) job goes first so the run id is free as job id again; then the run is queued. In
    // this order the worker's reconciler, which re-queues queued runs without a job, never sees a queued
    // run with its old failed job (which it would mark failed again).
    await (await this.syncQueue.getJob(run.id))?.remove();
    await this.dataSource
      .getRepository(SyncRun)
      .update(run.id, { status: 'queued', error: null, finishedAt: null });
    await this.sources.enqueueRun(run, principal, 'retry');
    return this.get(organisationId, syncRunId);
  }

  /** Whether the run's file is still spooled; a store that cannot say is a 503 (try again), not a 409. */
  private spoolHolds(spoolPath: string): Promise<boolean> {
    return this.spool.exists(spoolPath).catch((error: unknown) => {
      throw spoolUnavailable(error, 'retry the run again later');
    });
  }

  async quarantined(
    organisationId: string,
    syncRunId: string,
    query: { after?: string; limit: number },
  ): Promise<QuarantinedRecord[]> {
    await this.get(organisationId, syncRunId);
    return this.dataSource.getRepository(QuarantinedRecord).find({
      where: { organisationId, syncRunId, ...(query.after ? { id: MoreThan(query.after) } : {}) },
      order: { id: 'ASC' },
      take: query.limit,
    });
  }
}
